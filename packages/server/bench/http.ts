/**
 * The HTTP half of the directory benchmark: the same searches through the running server (Fastify,
 * contract validation, auth, JSON, ETag), the same SQL replayed directly on the driver, and
 * throughput with autocannon (10 s, 50 connections). Together with the query-level rows this shows
 * where the time goes: database, query layer, or HTTP.
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createServer } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { type SearchParams, searchProfessionals } from '../src/db/search.js';
import { warmDirectoryIndex } from '../src/db/search-index.js';

export interface Shape {
  shape: string;
  params: Partial<SearchParams>[];
}

export interface HttpRow {
  engine: string;
  label: string;
  shape: string;
  professionals: number;
  iterations: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

function summarise(engine: string, shape: string, professionals: number, times: number[]): Omit<HttpRow, 'label'> {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    engine,
    shape,
    professionals,
    iterations: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/**
 * The client: a bare HTTP/1.1 exchange on one kept-alive socket, on a thread of its own, as a
 * visitor's browser is another process than the server. It writes the GET and times until the
 * status line, the headers and `Content-Length` bytes of body are in (the server always sends the
 * length), so the time is the network's and the server's. A client library's own work is left out:
 * Node's `http` client spent about 0.2 ms per request parsing and emitting (a trivial route's round
 * trip: 0.42–0.45 ms through it, 0.22–0.30 ms bare), `fetch` (undici) more, and on the server's
 * own thread it competed with the server for its event loop.
 */
const CLIENT = `
const net = require('node:net');
const { parentPort } = require('node:worker_threads');
const sockets = new Map();
function socketFor(host, port) {
  const key = host + ':' + port;
  let s = sockets.get(key);
  if (s) return s;
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  s = { socket, pending: undefined, chunks: [], have: 0, need: -1, status: 0 };
  socket.on('data', (chunk) => {
    s.chunks.push(chunk);
    s.have += chunk.length;
    if (s.need < 0) {
      const head = Buffer.concat(s.chunks);
      const end = head.indexOf('\\r\\n\\r\\n');
      if (end < 0) return;
      const text = head.subarray(0, end).toString('latin1');
      const length = /\\r\\ncontent-length: *(\\d+)/i.exec(text);
      if (!length) return done(s, { error: 'answer without Content-Length: ' + text.split('\\r\\n')[0] });
      s.status = Number(text.slice(9, 12));
      s.need = end + 4 + Number(length[1]);
      s.chunks = [head];
    }
    if (s.have >= s.need) done(s, { status: s.status, ms: performance.now() - s.pending.t });
  });
  socket.on('error', (error) => s.pending && done(s, { error: error.message }));
  sockets.set(key, s);
  return s;
}
function done(s, result) {
  const { id } = s.pending;
  s.pending = undefined;
  s.chunks = [];
  s.have = 0;
  s.need = -1;
  parentPort.postMessage({ id, ...result });
}
parentPort.on('message', ({ id, url, headers }) => {
  const u = new URL(url);
  const s = socketFor(u.hostname, Number(u.port));
  let request = 'GET ' + u.pathname + u.search + ' HTTP/1.1\\r\\nHost: ' + u.host + '\\r\\n';
  for (const [name, value] of Object.entries(headers)) request += name + ': ' + value + '\\r\\n';
  s.pending = { id, t: performance.now() };
  s.socket.write(request + '\\r\\n');
});`;

function httpClient() {
  const worker = new Worker(CLIENT, { eval: true });
  const waiting = new Map<
    number,
    { resolve: (r: { status: number; ms: number }) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  worker.on('message', (m: { id: number; status: number; ms: number; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m);
  });
  return {
    /** One GET, timed by the client thread: its status and milliseconds. */
    get(url: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, url, headers });
      });
    },
    close: () => worker.terminate(),
  };
}

function toQuery(p: Partial<SearchParams>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || k === 'limit') continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
  }
  q.set('limit', '20');
  return `/v1/professionals?${q}`;
}

/**
 * Records the SQL each search sends (Kysely's query log) on one extra connection, to replay it on
 * the bare driver. One capturing instance per run: the index engine loads its own index once on it.
 */
function sqlCapture(pgUrl: string) {
  let statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl, max: 1 }) }),
    log: (e: LogEvent) => {
      if (e.level === 'query') statements.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  return {
    async capture(params: Partial<SearchParams>, engine: Engine) {
      const run = () => searchProfessionals(db, { sort: 'relevance', limit: 20, ...READER, ...params }, { engine });
      await run(); // loads the index the first time; the second call is the steady state
      statements = [];
      await run();
      return statements;
    },
    close: () => db.destroy(),
  };
}

/**
 * Who searches: the ministry's directory page, with its publishable key. The server searches within
 * that ministry's consent scope (only professionals who named it), so every layer measured here
 * (direct, the bare driver's replay, and the SQL rows of search.bench.ts) searches the same scope:
 * the same work, with and without the server around it.
 */
export const READER_KEY = 'pk_demo_moph-lebanon';
export const READER: Pick<SearchParams, 'ministry'> = { ministry: 'moph-lebanon' };

export type Engine = 'sql' | 'index';
export const ENGINES: { engine: Engine; label: 'before' | 'after' }[] = [
  { engine: 'sql', label: 'before' },
  { engine: 'index', label: 'after' },
];

export interface Throughput {
  engine: string;
  shape: string;
  label: string;
  requestsPerSecond: number;
  line: string;
}

export async function httpBenchmarks(opts: {
  engine: 'pglite' | 'postgres';
  database: Database;
  professionals: number;
  shapes: Shape[];
  iterations: number;
  /** PostgreSQL URL of the benchmark database, for the bare-driver replay. */
  pgUrl?: string;
}): Promise<{ rows: HttpRow[]; throughput: Throughput[] }> {
  // Searches are measured with the server's answer cache off (each request searches), once with
  // the statement (before) and once with the index (after); one more row per shape, and one
  // throughput run, show the same queries answered from the cache (a repeated search).
  const servers = {} as Record<Engine | 'cached', string>;
  const closers: (() => Promise<void>)[] = [];
  for (const [name, config] of [
    // searchConcurrency above the 50 connections: throughput measures what a server can answer,
    // not how it sheds what it cannot (bench/load.bench.ts measures that)
    ['sql', { rateLimit: false, searchCacheSize: 0, directoryEngine: 'sql', searchConcurrency: 64 }],
    ['index', { rateLimit: false, searchCacheSize: 0, directoryEngine: 'index', searchConcurrency: 64 }],
    ['cached', { rateLimit: false, directoryEngine: 'index', searchConcurrency: 64 }],
  ] as const) {
    const server = await createServer({ database: opts.database, config });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    servers[name] = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    closers.push(() => server.app.close());
  }
  await warmDirectoryIndex(opts.database.db);
  const allUrls: string[] = [];
  const headers = { 'Mahjar-Publishable-Key': READER_KEY };
  /** 50 connections rotating through `urls` for MAHJAR_BENCH_AUTOCANNON_SECONDS (10), as one line. */
  const load = async (url: string, urls: string[], shape: string, label: string): Promise<Throughput> => {
    const r = await autocannon({
      url,
      connections: 50,
      duration: Number(process.env.MAHJAR_BENCH_AUTOCANNON_SECONDS ?? 10),
      headers,
      requests: urls.map((path) => ({ method: 'GET', path })),
    });
    return {
      engine: opts.engine,
      shape,
      label,
      requestsPerSecond: r.requests.average,
      line:
        `${opts.engine.padEnd(8)} ${shape.padEnd(16)} ${label.padEnd(7)} ${String(Math.round(r.requests.average)).padStart(6)} req/s` +
        `  latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms` +
        `  (${r.non2xx} non-2xx, ${r.errors} errors, 50 connections, ${r.duration} s)`,
    };
  };
  const rows: HttpRow[] = [];
  const throughput: Throughput[] = [];
  const visitor = httpClient();
  const client = opts.pgUrl ? new pg.Client({ connectionString: opts.pgUrl }) : undefined;
  await client?.connect();
  await client?.query('SET jit = off');
  const capture = opts.pgUrl ? sqlCapture(opts.pgUrl) : undefined;
  try {
    for (const { shape, params } of opts.shapes) {
      const urls = params.map(toQuery);
      for (const { engine, label } of ENGINES) {
        const base = servers[engine];
        for (const url of urls.slice(0, 20)) await (await fetch(base + url, { headers })).arrayBuffer(); // warm-up
        const times: number[] = [];
        // The same search called directly, alternating with the requests (same engine, and what the
        // server adds to a visitor's query: relevance for text, a parent specialty's sub-specialties):
        // the two series see the same machine at the same moments, so their difference is the server's.
        // Which goes first alternates too: the second of a pair finds the first one's data in the CPU's
        // caches and PostgreSQL's buffers, and neither series should always get that.
        const direct: number[] = [];
        for (let i = 0; i < Math.max(opts.iterations, urls.length); i++) {
          const asked = params[i % params.length]!;
          const callDirectly = async () => {
            const d = performance.now();
            await searchProfessionals(
              opts.database.db,
              {
                sort: asked.q ? 'relevance' : 'name',
                limit: 20,
                locale: 'en',
                includeSubSpecialties: true,
                ...READER,
                ...asked,
              },
              { engine },
            );
            direct.push(performance.now() - d);
          };
          if (i % 2 === 1) await callDirectly();
          const { status, ms } = await visitor.get(base + urls[i % urls.length], headers);
          times.push(ms);
          if (status !== 200) throw new Error(`${urls[i % urls.length]} answered ${status}`);
          if (i % 2 === 0) await callDirectly();
        }
        rows.push({ ...summarise(opts.engine, `${shape} · HTTP`, opts.professionals, times), label });
        rows.push({ ...summarise(opts.engine, `${shape} · direct, alternating`, opts.professionals, direct), label });

        if (client && capture) {
          const replays = [];
          for (const p of params) replays.push(await capture.capture(p, engine));
          const raw: number[] = [];
          for (let i = 0; i < Math.max(opts.iterations, replays.length); i++) {
            const t = performance.now();
            for (const s of replays[i % replays.length]!) await client.query(s.sql, s.parameters as unknown[]);
            raw.push(performance.now() - t);
          }
          rows.push({ ...summarise(opts.engine, `${shape} · same SQL on pg`, opts.professionals, raw), label });
        }
        throughput.push(await load(base, urls, shape, label));
      }

      allUrls.push(...urls);
      const cachedBase = servers.cached;
      for (const url of urls) await (await fetch(cachedBase + url, { headers })).arrayBuffer(); // fills the cache
      const cachedTimes: number[] = [];
      for (let i = 0; i < Math.max(opts.iterations, urls.length); i++) {
        cachedTimes.push((await visitor.get(cachedBase + urls[i % urls.length], headers)).ms);
      }
      rows.push({
        ...summarise(opts.engine, `${shape} · HTTP, cached`, opts.professionals, cachedTimes),
        label: 'after',
      });
    }
    throughput.push(await load(servers.cached, allUrls, 'all, cached', 'after'));
  } finally {
    await visitor.close();
    await client?.end();
    await capture?.close();
    for (const close of closers) await close();
  }
  return { rows, throughput };
}

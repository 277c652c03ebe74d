/**
 * Directory search benchmark (`pnpm --filter @mahjar/server bench`). Not a test: it prints a table.
 *
 * - PostgreSQL: database MAHJAR_BENCH_PG_DB (default `mahjar_bench`, created if missing) on
 *   MAHJAR_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres as the maintenance
 *   connection), seeded once with 100,000 professionals and reused while the seed marker says so.
 * - PGlite: MAHJAR_BENCH_PGLITE_DIR (default `.mahjar-data/bench-pglite`) with 20,000 professionals.
 *
 * Searches are a ministry's directory page's (bench/http.ts `READER`): within its consent scope, on
 * every layer. Three query shapes (text only; text + 2 facets; facets only), ≥300 timed iterations each over a
 * list of realistic queries, each answered twice in the same run, side by side: by the SQL statement
 * that answered before the in-process index (`before`) and by the index (`after`), called directly
 * (`SQL`: page, total and all six disjunctive facets), through the server with its answer cache
 * off (`HTTP`), and the same statements replayed on bare `pg`. Then throughput with autocannon, and
 * the index's memory. Goals (issue 18), checked at the end; the script exits 1 when one is missed:
 * every shape at 100k on PostgreSQL, p95 ≤ 15 ms and p50 ≤ 5 ms through HTTP, the server adding
 * ≤ 1 ms at p50 over the same search called directly, alternating with the requests (`direct,
 * alternating`: both series see the machine at the same moments); PGlite at 20k p95 ≤ 15 ms through HTTP; uncached throughput
 * ≥ 3× the statement's; the index ≤ 200 MB at 100k.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type SearchParams, searchProfessionals } from '../src/db/search.js';
import { directoryIndexOf, warmDirectoryIndex } from '../src/db/search-index.js';
import { seed, seedInfo } from '../src/seed/seed.js';
import { ENGINES, type Engine, READER, httpBenchmarks as runHttp, type Throughput } from './http.js';

export interface BenchContext {
  engine: 'pglite' | 'postgres';
  database: Database;
  professionals: number;
}

export interface BenchRow {
  engine: string;
  /** `before` (the SQL statement) or `after` (the in-process index). */
  label: string;
  shape: string;
  professionals: number;
  iterations: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Average rows matched (total), to show how broad the queries were. */
  avgTotal?: number;
  /** Share of calls whose facet counts came from the bounded sample (`facetsExact: false`). */
  approximateShare?: number;
}

const throughput: Throughput[] = [];
const memory: string[] = [];
let indexHeapMb = 0;

/** The HTTP half (bench/http.ts): the same searches through the server, the same SQL on bare pg, autocannon. */
async function httpBenchmarks(ctx: BenchContext): Promise<BenchRow[]> {
  if (process.env.MAHJAR_BENCH_HTTP === 'off') return [];
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_BENCH_DB}`;
  const result = await runHttp({
    engine: ctx.engine,
    database: ctx.database,
    professionals: ctx.professionals,
    shapes: shapes(),
    iterations: ITERATIONS,
    ...(ctx.engine === 'postgres' ? { pgUrl: url.toString() } : {}),
  });
  throughput.push(...result.throughput);
  return result.rows;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Loads the index (timed) and prints its memory: the heap it adds, and its own count of bytes. */
async function loadIndex(ctx: BenchContext): Promise<void> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  await warmDirectoryIndex(ctx.database.db);
  const ms = performance.now() - t;
  gc();
  const heap = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  const index = directoryIndexOf(ctx.database.db);
  if (ctx.engine === 'postgres') indexHeapMb = heap;
  memory.push(
    `${ctx.engine.padEnd(8)} ${String(index?.size ?? 0).padStart(7)} profiles: loaded in ${ms.toFixed(0)} ms, ` +
      `heap +${heap.toFixed(1)} MB (its own count: ${((index?.memoryBytes() ?? 0) / 2 ** 20).toFixed(1)} MB)`,
  );
}

export const BUDGET_MS = 15;
const PG_PROFESSIONALS = Number(process.env.MAHJAR_BENCH_PG_PROFESSIONALS ?? 100_000);
const PGLITE_PROFESSIONALS = Number(process.env.MAHJAR_BENCH_PGLITE_PROFESSIONALS ?? 20_000);
/** Override of the facet candidate bound (default: the library's CANDIDATE_LIMIT). */
const CANDIDATES = process.env.MAHJAR_BENCH_CANDIDATES ? Number(process.env.MAHJAR_BENCH_CANDIDATES) : undefined;
const ITERATIONS = Number(process.env.MAHJAR_BENCH_ITERATIONS ?? 300);
const PG_ADMIN_URL = process.env.MAHJAR_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PGLITE_DIR = resolve(process.env.MAHJAR_BENCH_PGLITE_DIR ?? '.mahjar-data/bench-pglite');
/** The benchmark's own PostgreSQL database (created if missing, reused while its seed marker matches). */
export const PG_BENCH_DB = process.env.MAHJAR_BENCH_PG_DB ?? 'mahjar_bench';
const NOW = new Date('2026-11-24T12:00:00Z');

const TEXTS = [
  'haddad',
  'حداد',
  'khoury',
  'card',
  'cardiology',
  'paediatric',
  'montreal',
  'hadad',
  'nadine',
  'oncology',
  'جراحة',
  'sydney',
  'al-rubaie',
  'psych',
  'rania khalil',
  'chirurgie',
  'طب الأطفال',
  'emergency',
  'georges saad',
  'neuro',
  'زينب',
  'dubai',
  'maalouf',
  'نصار',
];

const FACET_PAIRS: Partial<SearchParams>[] = [
  { country: ['US'], language: ['fr'] },
  { specialty: ['cardiology', 'interventional-cardiology'], country: ['US', 'CA'] },
  { offer: ['mentoring'], chapter: ['ilma-france'] },
  { language: ['ar'], offer: ['telehealth', 'teaching'] },
  { specialty: ['paediatrics'], offer: ['return_placement'] },
  { country: ['AE', 'SA', 'QA', 'KW'], specialty: ['emergency-medicine', 'critical-care'] },
  { chapter: ['imsa-iraq'], language: ['en'] },
  { country: ['FR'], offer: ['research'] },
];

function shapes(): { shape: string; params: Partial<SearchParams>[] }[] {
  return [
    { shape: 'text only', params: TEXTS.map((q) => ({ q })) },
    {
      shape: 'text + 2 facets',
      params: TEXTS.flatMap((q, i) =>
        [FACET_PAIRS[i % FACET_PAIRS.length], FACET_PAIRS[(i + 3) % FACET_PAIRS.length]].map((f) => ({ q, ...f })),
      ),
    },
    { shape: 'facets only', params: FACET_PAIRS.map((f) => ({ ...f, sort: 'name' as const })) },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function measure(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { shape, params } of shapes()) {
    for (const { engine, label } of ENGINES) {
      const run = (p: Partial<SearchParams>) =>
        searchProfessionals(
          ctx.database.db,
          {
            sort: 'relevance',
            limit: 20,
            locale: 'en',
            includeSubSpecialties: true,
            ...READER,
            ...(CANDIDATES ? { candidateLimit: CANDIDATES } : {}),
            ...p,
          },
          { engine: engine as Engine },
        );
      for (let i = 0; i < Math.min(40, params.length * 2); i++) await run(params[i % params.length] ?? {}); // warm-up
      const times: number[] = [];
      let totals = 0;
      let approximate = 0;
      const n = Math.max(ITERATIONS, params.length);
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await run(params[i % params.length] ?? {});
        times.push(performance.now() - t);
        totals += r.total;
        if (!r.facetsExact) approximate++;
      }
      times.sort((a, b) => a - b);
      rows.push({
        engine: ctx.engine,
        label,
        shape: `${shape} · SQL`,
        professionals: ctx.professionals,
        iterations: n,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        mean: times.reduce((a, b) => a + b, 0) / n,
        avgTotal: Math.round(totals / n),
        approximateShare: approximate / n,
      });
    }
  }
  return rows;
}

async function ensureSeeded(database: Database, professionals: number, label: string): Promise<boolean> {
  await migrateToLatest(database.db);
  const info = await seedInfo(database.db);
  if (info?.professionals === professionals) {
    console.log(`${label}: reusing ${professionals} seeded professionals`);
    return true;
  }
  if (info) return false; // seeded with another size: the caller starts from an empty database
  const t = performance.now();
  await seed(database.db, { professionals, now: NOW, batchSize: 2000 });
  // fresh rows: set hint bits and the visibility map, and give the planner statistics
  await sql`VACUUM (ANALYZE)`.execute(database.db);
  console.log(`${label}: seeded ${professionals} professionals in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return true;
}

export async function openPostgresBench(): Promise<Database | undefined> {
  const adminClient = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await adminClient.connect();
  } catch (error) {
    console.warn(`PostgreSQL unreachable at ${PG_ADMIN_URL}: ${(error as Error).message}`);
    return undefined;
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_BENCH_DB}`;
  try {
    const exists = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_BENCH_DB]);
    if (exists.rowCount === 0) await adminClient.query(`CREATE DATABASE ${PG_BENCH_DB}`);
    let database = await openDatabase({ url: url.toString(), poolSize: 2 });
    if (!(await ensureSeeded(database, PG_PROFESSIONALS, 'postgres'))) {
      await database.close();
      await adminClient.query(`DROP DATABASE ${PG_BENCH_DB} WITH (FORCE)`);
      await adminClient.query(`CREATE DATABASE ${PG_BENCH_DB}`);
      database = await openDatabase({ url: url.toString(), poolSize: 2 });
      await ensureSeeded(database, PG_PROFESSIONALS, 'postgres');
    }
    return database;
  } finally {
    await adminClient.end();
  }
}

export async function openPGliteBench(): Promise<Database> {
  let database = await openDatabase({ dataDir: PGLITE_DIR });
  if (!(await ensureSeeded(database, PGLITE_PROFESSIONALS, 'pglite'))) {
    await database.close();
    rmSync(PGLITE_DIR, { recursive: true, force: true });
    database = await openDatabase({ dataDir: PGLITE_DIR });
    await ensureSeeded(database, PGLITE_PROFESSIONALS, 'pglite');
  }
  return database;
}

const LAYERS = ['SQL', 'HTTP', 'direct, alternating', 'same SQL on pg', 'HTTP, cached'] as const;

/** One line per engine × shape × layer: before and after side by side. */
function printTable(rows: BenchRow[]) {
  const f = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2)).padStart(7);
  console.log(
    `\n${'engine'.padEnd(9)} ${'shape'.padEnd(17)} ${'layer'.padEnd(15)} ${'rows'.padStart(7)} │ ${'before p50'.padStart(10)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} │ ${'after p50'.padStart(10)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} │ ${'avg total'.padStart(9)} ${'approx b/a'.padStart(10)}`,
  );
  const engines = [...new Set(rows.map((r) => r.engine))];
  for (const engine of engines) {
    for (const { shape } of shapes()) {
      for (const layer of LAYERS) {
        const name = `${shape} · ${layer}`;
        const before = rows.find((r) => r.engine === engine && r.shape === name && r.label === 'before');
        const after = rows.find((r) => r.engine === engine && r.shape === name && r.label === 'after');
        if (!before && !after) continue;
        const any = (after ?? before) as BenchRow;
        const share = (r?: BenchRow) =>
          r?.approximateShare === undefined ? '' : `${Math.round(r.approximateShare * 100)}%`;
        console.log(
          `${engine.padEnd(9)} ${shape.padEnd(17)} ${layer.padEnd(15)} ${String(any.professionals).padStart(7)} │ ${f(before?.p50).padStart(10)} ${f(before?.p95)} ${f(before?.p99)} │ ${f(after?.p50).padStart(10)} ${f(after?.p95)} ${f(after?.p99)} │ ${String(any.avgTotal ?? '').padStart(9)} ${(before || after ? `${share(before)}/${share(after)}` : '').padStart(10)}`,
        );
      }
    }
  }
}

/** The issue's goals, each as a line; false when one is missed. */
function checkGoals(rows: BenchRow[]): boolean {
  const failures: string[] = [];
  const passes: string[] = [];
  const check = (ok: boolean, text: string) => (ok ? passes : failures).push(text);
  const get = (engine: string, shape: string, layer: string, label = 'after') =>
    rows.find((r) => r.engine === engine && r.shape === `${shape} · ${layer}` && r.label === label);
  const postgresMeasured = rows.some((r) => r.engine === 'postgres' && r.shape.endsWith('· HTTP'));
  check(postgresMeasured, 'PostgreSQL measured over HTTP');
  for (const { shape } of shapes()) {
    const http = get('postgres', shape, 'HTTP');
    // timed alternately with the requests: what the server adds, not what changed between two phases
    const direct = get('postgres', shape, 'direct, alternating');
    if (http) {
      check(http.p95 <= BUDGET_MS, `postgres ${shape}: HTTP p95 ${http.p95.toFixed(2)} ms ≤ ${BUDGET_MS} ms`);
      check(http.p50 <= 5, `postgres ${shape}: HTTP p50 ${http.p50.toFixed(2)} ms ≤ 5 ms`);
      if (direct) {
        const overhead = http.p50 - direct.p50;
        check(overhead <= 1, `postgres ${shape}: server adds ${overhead.toFixed(2)} ms at p50 (≤ 1 ms)`);
      }
    }
    const lite = get('pglite', shape, 'HTTP');
    if (lite) check(lite.p95 <= BUDGET_MS, `pglite ${shape}: HTTP p95 ${lite.p95.toFixed(2)} ms ≤ ${BUDGET_MS} ms`);
    const tBefore = throughput.find((t) => t.engine === 'postgres' && t.shape === shape && t.label === 'before');
    const tAfter = throughput.find((t) => t.engine === 'postgres' && t.shape === shape && t.label === 'after');
    if (tBefore && tAfter) {
      const ratio = tAfter.requestsPerSecond / Math.max(1, tBefore.requestsPerSecond);
      check(ratio >= 3, `postgres ${shape}: uncached throughput ×${ratio.toFixed(1)} (≥ 3×)`);
    }
  }
  if (postgresMeasured) check(indexHeapMb <= 200, `index memory at 100k: ${indexHeapMb.toFixed(1)} MB ≤ 200 MB`);
  console.log('\ngoals (issue 18):');
  for (const line of passes) console.log(`  ok    ${line}`);
  for (const line of failures) console.error(`  MISSED ${line}`);
  if (failures.length) console.error(`\n!!!!!!!! ${failures.length} GOAL(S) MISSED !!!!!!!!`);
  return failures.length === 0;
}

export async function main(): Promise<number> {
  const rows: BenchRow[] = [];
  const postgres = await openPostgresBench();
  if (postgres) {
    try {
      const ctx: BenchContext = { engine: 'postgres', database: postgres, professionals: PG_PROFESSIONALS };
      await loadIndex(ctx);
      rows.push(...(await measure(ctx)), ...(await httpBenchmarks(ctx)));
    } finally {
      await postgres.close();
    }
  }
  const pglite = await openPGliteBench();
  try {
    const ctx: BenchContext = { engine: 'pglite', database: pglite, professionals: PGLITE_PROFESSIONALS };
    await loadIndex(ctx);
    rows.push(...(await measure(ctx)), ...(await httpBenchmarks(ctx)));
  } finally {
    await pglite.close();
  }
  printTable(rows);
  console.log('\nindex memory (heap after a full load, garbage collected before and after):');
  for (const line of memory) console.log(`  ${line}`);
  if (throughput.length) {
    console.log("\nthroughput (autocannon against GET /v1/professionals, rotating through each shape's queries):");
    for (const t of throughput) console.log(`  ${t.line}`);
  }
  return checkGoals(rows) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

/**
 * Two instances behind one address space, as a deployment runs them (issue 13): two server
 * processes on one PostgreSQL database and one Redis, 2,000 seeded professionals, directory searches
 * with the answer cache shared through Redis, autocannon at 50 and then 200 connections split evenly
 * between the instances, 15 s each.
 *
 * Budget: zero connection errors or timeouts and no 5xx other than the intended 503 (load shed with
 * Retry-After); the script exits 1 when either is missed.
 *
 *   pnpm --filter @mahjar/server bench:instances   (MAHJAR_BENCH_PG_URL, MAHJAR_BENCH_REDIS_URL)
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { type ServerProcess, startServerProcess } from '../test/processes.js';

const PG_ADMIN_URL = process.env.MAHJAR_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.MAHJAR_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.MAHJAR_INSTANCES_SECONDS ?? 15);
const KEY = { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' };
const QUERIES = [
  '',
  'q=haddad',
  'q=%D8%AD%D8%AF%D8%A7%D8%AF',
  'q=card&country=US',
  'specialty=cardiology&country=US&country=CA',
  'offer=mentoring&sort=name',
  'language=ar&offer=telehealth',
  'country=AE&country=SA',
  'chapter=imsa-iraq&language=en',
  'q=paediatric&offer=research',
];

interface Row {
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

function hammer(url: string, connections: number, statuses: Record<string, number>): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: SECONDS,
        timeout: 10,
        headers: KEY,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: `/v1/professionals?${QUERIES[next++ % QUERIES.length]}` }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function run(servers: ServerProcess[], connections: number): Promise<Row> {
  const statuses: Record<string, number> = {};
  const results = await Promise.all(servers.map((s) => hammer(s.url, connections / servers.length, statuses)));
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    connections,
    requests,
    perSecond: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    statuses,
  };
}

const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
await admin.connect();
const name = `mahjar_instances_${randomBytes(6).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
const databaseUrl = new URL(PG_ADMIN_URL);
databaseUrl.pathname = `/${name}`;
const servers: ServerProcess[] = [];
const rows: Row[] = [];
try {
  const env = { DATABASE_URL: databaseUrl.toString(), REDIS_URL, RATE_LIMIT: 'off', SEED_PROFESSIONALS: '2000' };
  servers.push(await startServerProcess(['--seed-if-empty'], env));
  servers.push(await startServerProcess([], env));
  for (const connections of [50, 200]) rows.push(await run(servers, connections));
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

console.log(`\nTwo instances, one PostgreSQL, one Redis: directory searches, ${SECONDS} s per run`);
console.table(
  rows.map((r) => ({
    connections: r.connections,
    requests: r.requests,
    'req/s': Math.round(r.perSecond),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    errors: r.errors,
    answers: Object.entries(r.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
  })),
);
const failures = rows.flatMap((r) => [
  ...(r.errors > 0 ? [`${r.connections} connections: ${r.errors} connection errors or timeouts`] : []),
  ...Object.entries(r.statuses)
    .filter(([status]) => Number(status) >= 500 && status !== '503')
    .map(([status, n]) => `${r.connections} connections: ${n} answers ${status}`),
]);
if (failures.length > 0) {
  console.error(`\nBUDGET MISSED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nBudget met: no connection error, no 5xx but the intended 503.');

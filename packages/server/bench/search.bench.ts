/**
 * Directory search benchmark (`pnpm --filter @mahjar/server bench`). Not a test: it prints a table.
 *
 * - PostgreSQL: database `mahjar_bench` (created if missing) on MAHJAR_BENCH_PG_URL
 *   (default postgres://postgres@127.0.0.1:5432/postgres as the maintenance connection),
 *   seeded once with 100,000 professionals and reused while the seed marker says so.
 * - PGlite: `.mahjar-data/bench-pglite` with 20,000 professionals, reused likewise.
 *
 * Three query shapes (text only; text + 2 facets; facets only), ≥200 timed iterations each over a
 * list of realistic queries, called directly through `searchProfessionals` (every call computes the
 * page, the total and all six disjunctive facets). Budget: text + 2 facets p95 ≤ 15 ms on
 * PostgreSQL at 100k; the script exits 1 when it is exceeded.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type SearchParams, searchProfessionals } from '../src/db/search.js';
import { seed, seedInfo } from '../src/seed/seed.js';
import { httpBenchmarks as runHttp } from './http.js';

export interface BenchContext {
  engine: 'pglite' | 'postgres';
  database: Database;
  professionals: number;
}

export interface BenchRow {
  engine: string;
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

const throughput: string[] = [];

/** The HTTP half (bench/http.ts): the same searches through the server, the same SQL on bare pg, autocannon. */
async function httpBenchmarks(ctx: BenchContext): Promise<BenchRow[]> {
  if (process.env.MAHJAR_BENCH_HTTP === 'off') return [];
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/mahjar_bench';
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

export const BUDGET_MS = 15;
const PG_PROFESSIONALS = Number(process.env.MAHJAR_BENCH_PG_PROFESSIONALS ?? 100_000);
const PGLITE_PROFESSIONALS = Number(process.env.MAHJAR_BENCH_PGLITE_PROFESSIONALS ?? 20_000);
/** Override of the facet candidate bound (default: the library's CANDIDATE_LIMIT). */
const CANDIDATES = process.env.MAHJAR_BENCH_CANDIDATES ? Number(process.env.MAHJAR_BENCH_CANDIDATES) : undefined;
const ITERATIONS = Number(process.env.MAHJAR_BENCH_ITERATIONS ?? 300);
const PG_ADMIN_URL = process.env.MAHJAR_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PGLITE_DIR = resolve('.mahjar-data/bench-pglite');
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
    const run = (p: Partial<SearchParams>) =>
      searchProfessionals(ctx.database.db, {
        sort: 'relevance',
        limit: 20,
        ...(CANDIDATES ? { candidateLimit: CANDIDATES } : {}),
        ...p,
      });
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
      shape,
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

async function openPostgresBench(): Promise<Database | undefined> {
  const adminClient = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await adminClient.connect();
  } catch (error) {
    console.warn(`PostgreSQL unreachable at ${PG_ADMIN_URL}: ${(error as Error).message}`);
    return undefined;
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/mahjar_bench';
  try {
    const exists = await adminClient.query(`SELECT 1 FROM pg_database WHERE datname = 'mahjar_bench'`);
    if (exists.rowCount === 0) await adminClient.query('CREATE DATABASE mahjar_bench');
    let database = await openDatabase({ url: url.toString(), poolSize: 2 });
    if (!(await ensureSeeded(database, PG_PROFESSIONALS, 'postgres'))) {
      await database.close();
      await adminClient.query('DROP DATABASE mahjar_bench WITH (FORCE)');
      await adminClient.query('CREATE DATABASE mahjar_bench');
      database = await openDatabase({ url: url.toString(), poolSize: 2 });
      await ensureSeeded(database, PG_PROFESSIONALS, 'postgres');
    }
    return database;
  } finally {
    await adminClient.end();
  }
}

async function openPGliteBench(): Promise<Database> {
  let database = await openDatabase({ dataDir: PGLITE_DIR });
  if (!(await ensureSeeded(database, PGLITE_PROFESSIONALS, 'pglite'))) {
    await database.close();
    rmSync(PGLITE_DIR, { recursive: true, force: true });
    database = await openDatabase({ dataDir: PGLITE_DIR });
    await ensureSeeded(database, PGLITE_PROFESSIONALS, 'pglite');
  }
  return database;
}

function printTable(rows: BenchRow[]) {
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `\n${'engine'.padEnd(9)} ${'shape'.padEnd(34)} ${'rows'.padStart(7)} ${'iter'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'avg total'.padStart(9)} ${'approx'.padStart(6)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.engine.padEnd(9)} ${r.shape.padEnd(34)} ${String(r.professionals).padStart(7)} ${String(r.iterations).padStart(5)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.mean)} ${String(r.avgTotal ?? '').padStart(9)} ${r.approximateShare === undefined ? '' : `${Math.round(r.approximateShare * 100)}%`.padStart(6)}`,
    );
  }
}

export async function main(): Promise<number> {
  const rows: BenchRow[] = [];
  const postgres = await openPostgresBench();
  if (postgres) {
    try {
      const ctx: BenchContext = { engine: 'postgres', database: postgres, professionals: PG_PROFESSIONALS };
      rows.push(...(await measure(ctx)), ...(await httpBenchmarks(ctx)));
    } finally {
      await postgres.close();
    }
  }
  const pglite = await openPGliteBench();
  try {
    const ctx: BenchContext = { engine: 'pglite', database: pglite, professionals: PGLITE_PROFESSIONALS };
    rows.push(...(await measure(ctx)), ...(await httpBenchmarks(ctx)));
  } finally {
    await pglite.close();
  }
  printTable(rows);
  if (throughput.length) {
    console.log("\nthroughput (autocannon against GET /v1/professionals, rotating through each shape's queries):");
    for (const line of throughput) console.log(`  ${line}`);
  }

  const gate = rows.find((r) => r.engine === 'postgres' && r.shape === 'text + 2 facets');
  if (!gate) {
    console.error('\n!!! PostgreSQL was not measured: the 15 ms budget could not be checked.');
    return 1;
  }
  if (gate.p95 > BUDGET_MS) {
    console.error(
      `\n!!!!!!!! BUDGET EXCEEDED: text + 2 facets p95 = ${gate.p95.toFixed(2)} ms on PostgreSQL at ${gate.professionals} professionals (budget ${BUDGET_MS} ms) !!!!!!!!`,
    );
    return 1;
  }
  console.log(
    `\nbudget ok: text + 2 facets p95 ${gate.p95.toFixed(2)} ms ≤ ${BUDGET_MS} ms (PostgreSQL, ${gate.professionals} professionals)`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

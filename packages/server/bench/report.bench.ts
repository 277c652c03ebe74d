/**
 * The quarterly engagement report (issue 17), on the 100,000-profile PostgreSQL bench database of
 * search.bench.ts (`MAHJAR_BENCH_PG_DB`, seeded once by `openPostgresBench()` and reused). The seed
 * gives that database a season of events with registrations, campaigns with donations, and the
 * ministries' needs with answers, assignments and outcomes, so every section has rows to count.
 *
 * `buildReport` for 2026-Q4 (the seeded season's current quarter, with the quarter before), as
 * `getEngagementReport` answers it without the HTTP layer, for the three kinds of scope in turn: the
 * ministry (every chapter, only consenting professionals), the umbrella (everything) and a chapter.
 * ≥ 100 timed iterations after a warm-up. Budget: p95 ≤ 200 ms; the script exits 1 when it is missed.
 *
 *   MAHJAR_BENCH_PG_DB=mahjar_bench pnpm --filter @mahjar/server exec tsx bench/report.bench.ts
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { buildReport, type ReportScope } from '../src/operations/reports.js';
import { openPostgresBench } from './search.bench.js';

export const REPORT_BUDGET_MS = 200;
const ITERATIONS = Math.max(100, Number(process.env.MAHJAR_BENCH_ITERATIONS ?? 150));
const QUARTER = '2026-Q4';
/** The bench seed's "today" (search.bench.ts). */
const NOW = new Date('2026-11-24T12:00:00Z');
const SCOPES = [
  { slug: 'moph-lebanon', all: true, ministry: 'moph-lebanon' },
  { slug: 'ilma', all: true },
  { slug: 'ilma-usa', all: false },
] as const;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export async function main(): Promise<number> {
  const database = await openPostgresBench();
  if (!database) {
    console.error('report: PostgreSQL is unreachable; nothing measured');
    return 1;
  }
  try {
    const db = database.db;
    const sizes = (
      await sql<Record<string, number>>`
        SELECT (SELECT count(*) FROM professionals)::int AS professionals,
               (SELECT count(*) FROM events)::int AS events,
               (SELECT count(*) FROM registrations)::int AS registrations,
               (SELECT count(*) FROM donations)::int AS donations,
               (SELECT count(*) FROM contact_requests)::int AS contact_requests,
               (SELECT count(*) FROM needs)::int AS needs,
               (SELECT count(*) FROM need_responses)::int AS need_responses,
               (SELECT count(*) FROM report_narratives)::int AS narratives`.execute(db)
    ).rows[0]!;
    if (!sizes.need_responses || !sizes.narratives) {
      console.error(
        `report: the bench database ${process.env.MAHJAR_BENCH_PG_DB ?? 'mahjar_bench'} was seeded before needs had answers and ` +
          'narratives; drop it (DROP DATABASE … WITH (FORCE)) so the next run seeds it again',
      );
      return 1;
    }
    const organisations = new Map(
      (await db.selectFrom('organisations').select(['slug', 'id']).execute()).map((o) => [o.slug, o.id]),
    );
    const scopes: ReportScope[] = SCOPES.map((s) => ({ ...s, organisationId: organisations.get(s.slug)! }));
    const run = (scope: ReportScope) => buildReport(db, scope, QUARTER, NOW);

    const first = await run(scopes[0]!);
    for (let i = 0; i < 15; i++) await run(scopes[i % scopes.length]!); // warm-up
    const times = new Map<string, number[]>(scopes.map((s) => [s.slug, []]));
    const all: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const scope = scopes[i % scopes.length]!;
      const t = performance.now();
      await run(scope);
      const ms = performance.now() - t;
      times.get(scope.slug)!.push(ms);
      all.push(ms);
    }
    console.log(
      `\nengagement report ${QUARTER} · postgres · ${Object.entries(sizes)
        .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
        .join(', ')} · ${ITERATIONS} iterations`,
    );
    console.log(
      `  the ministry's report: ${first.verifiedMembers.total} verified members, ${first.events.held} events held, ` +
        `${first.registrations.total} registrations, ${first.fundsRaised.totals.length} currencies raised, ` +
        `${first.needs.opened} needs opened, ${first.needs.answers} answers, ${first.needs.hours} hours`,
    );
    for (const [slug, series] of times) {
      series.sort((a, b) => a - b);
      console.log(
        `  ${slug.padEnd(14)} p50 ${percentile(series, 50).toFixed(2)} ms   p95 ${percentile(series, 95).toFixed(2)} ms`,
      );
    }
    all.sort((a, b) => a - b);
    const p50 = percentile(all, 50);
    const p95 = percentile(all, 95);
    console.log(
      `  all scopes     p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   p99 ${percentile(all, 99).toFixed(2)} ms`,
    );
    const ok = p95 <= REPORT_BUDGET_MS;
    if (ok) console.log(`  ok    report p95 ${p95.toFixed(2)} ms ≤ ${REPORT_BUDGET_MS} ms`);
    else console.error(`  MISSED report p95 ${p95.toFixed(2)} ms ≤ ${REPORT_BUDGET_MS} ms`);
    return ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

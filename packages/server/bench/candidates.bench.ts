/**
 * Candidates for a need (issue 17), on the 100,000-profile PostgreSQL bench database of
 * search.bench.ts (`MAHJAR_BENCH_PG_DB`, seeded once by `openPostgresBench()` and reused).
 *
 * Twenty realistic needs of the Lebanese ministry (remote and on-site, broad and narrow specialties,
 * one to three offer kinds and languages) are matched in turn, ≥ 200 timed iterations after a
 * warm-up: the first page (20) of `findCandidates`, the statement and the reasons together, as
 * `listNeedCandidates` answers it without the HTTP layer. Budget: p95 ≤ 50 ms; the script exits 1
 * when it is missed.
 *
 *   MAHJAR_BENCH_PG_DB=mahjar_bench_i13 pnpm --filter @mahjar/server exec tsx bench/candidates.bench.ts
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { components } from '@mahjar/sdk';
import { findCandidates } from '../src/operations/needs/candidates.js';
import { openPostgresBench } from './search.bench.js';

type NeedFields = components['schemas']['NeedFields'];

export const CANDIDATES_BUDGET_MS = 50;
const ITERATIONS = Math.max(200, Number(process.env.MAHJAR_BENCH_ITERATIONS ?? 300));
const MINISTRY = 'moph-lebanon';
const NOW = new Date('2026-11-24T12:00:00Z');

const base = {
  title: 'A need',
  place: { country: 'LB' },
  priorityArea: 'health-workforce',
  people: 2,
} as const;
const remote = { remote: true, timeZone: 'Asia/Beirut' } as const;
const onSite = { remote: false } as const;

const NEEDS: NeedFields[] = [
  {
    ...base,
    ...remote,
    specialty: 'cardiology',
    subSpecialty: 'interventional-cardiology',
    offerKinds: ['telehealth', 'mentoring'],
    languages: ['ar', 'en'],
  },
  {
    ...base,
    ...remote,
    specialty: 'paediatrics',
    subSpecialty: 'paediatric-oncology',
    offerKinds: ['telehealth'],
    languages: ['ar'],
  },
  { ...base, ...onSite, specialty: 'emergency-medicine', offerKinds: ['return_placement'], languages: ['ar', 'en'] },
  { ...base, ...remote, specialty: 'psychiatry', offerKinds: ['telehealth', 'teaching'], languages: ['ar', 'fr'] },
  {
    ...base,
    ...onSite,
    specialty: 'general-surgery',
    subSpecialty: 'cardiothoracic-surgery',
    offerKinds: ['medical_mission', 'return_placement'],
    languages: ['ar'],
  },
  { ...base, ...remote, specialty: 'internal-medicine', offerKinds: ['mentoring'], languages: ['ar', 'en', 'fr'] },
  {
    ...base,
    ...remote,
    specialty: 'oncology',
    subSpecialty: 'radiation-oncology',
    offerKinds: ['teaching', 'research'],
    languages: ['en'],
  },
  {
    ...base,
    ...onSite,
    specialty: 'obstetrics-gynaecology',
    offerKinds: ['return_placement', 'teaching'],
    languages: ['ar', 'fr'],
  },
  {
    ...base,
    ...remote,
    specialty: 'family-medicine',
    offerKinds: ['telehealth', 'mentoring', 'teaching'],
    languages: ['ar'],
  },
  { ...base, ...onSite, specialty: 'anaesthesiology', offerKinds: ['medical_mission'], languages: [] },
  { ...base, ...remote, specialty: 'critical-care', offerKinds: ['telehealth', 'teaching'], languages: ['en'] },
  { ...base, ...remote, specialty: 'nephrology', offerKinds: ['mentoring', 'research'], languages: ['ar', 'en'] },
  {
    ...base,
    ...onSite,
    specialty: 'orthopaedic-surgery',
    offerKinds: ['return_placement', 'medical_mission'],
    languages: ['ar'],
  },
  {
    ...base,
    ...remote,
    specialty: 'infectious-diseases',
    offerKinds: ['research', 'teaching'],
    languages: ['fr', 'en'],
  },
  {
    ...base,
    ...remote,
    timeZone: 'America/Toronto',
    specialty: 'endocrinology',
    offerKinds: ['telehealth'],
    languages: ['en', 'fr'],
  },
  {
    ...base,
    ...onSite,
    specialty: 'paediatrics',
    subSpecialty: 'neonatology',
    offerKinds: ['return_placement'],
    languages: ['ar'],
  },
  { ...base, ...remote, specialty: 'cardiology', offerKinds: ['teaching'], languages: ['ar', 'en'] },
  { ...base, ...remote, specialty: 'general-surgery', offerKinds: ['teaching', 'mentoring'], languages: ['ar'] },
  {
    ...base,
    ...remote,
    timeZone: 'Europe/Paris',
    specialty: 'psychiatry',
    subSpecialty: 'child-psychiatry',
    offerKinds: ['telehealth'],
    languages: ['fr', 'ar'],
  },
  {
    ...base,
    ...onSite,
    specialty: 'haematology',
    offerKinds: ['medical_mission', 'teaching'],
    languages: ['ar', 'en'],
  },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export async function main(): Promise<number> {
  const database = await openPostgresBench();
  if (!database) {
    console.error('candidates: PostgreSQL is unreachable; nothing measured');
    return 1;
  }
  try {
    const run = (need: NeedFields) => findCandidates(database.db, MINISTRY, need, NOW, { limit: 20 });
    let found = 0;
    for (const need of NEEDS) {
      const page = await run(need);
      if (page.items.length > 0) found++;
    }
    for (let i = 0; i < 40; i++) await run(NEEDS[i % NEEDS.length]!); // warm-up
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      await run(NEEDS[i % NEEDS.length]!);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const p99 = percentile(times, 99);
    console.log(
      `\ncandidates for a need · postgres · 100k profiles · ${NEEDS.length} needs (${found} with candidates) · ${ITERATIONS} iterations`,
    );
    console.log(`  p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms`);
    const ok = p95 <= CANDIDATES_BUDGET_MS;
    if (ok) console.log(`  ok    candidates p95 ${p95.toFixed(2)} ms ≤ ${CANDIDATES_BUDGET_MS} ms`);
    else console.error(`  MISSED candidates p95 ${p95.toFixed(2)} ms ≤ ${CANDIDATES_BUDGET_MS} ms`);
    return ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

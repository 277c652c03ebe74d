/**
 * What both engines share, in a module of its own because PGlite's thread (pglite-thread.worker.ts)
 * loads it too: that file runs without the server's TypeScript loader, so this one keeps to
 * type syntax Node can strip (no enums, no parameter properties) and imports nothing.
 */

/**
 * Result types are made identical on both engines:
 * - int8 (bigint: money in minor units, count(*)) → number (amounts stay far below 2^53),
 * - numeric → number, date → 'YYYY-MM-DD' string (never a local-midnight Date),
 * - int8[] → number[]; timestamptz → Date, jsonb → parsed value, text[] → string[] (engine defaults).
 */
const OID = { int8: 20, numeric: 1700, date: 1082, int8Array: 1016, numericArray: 1231 } as const;
const toNumber = (v: string) => Number(v);
const toNumberArray = (v: string) =>
  v === '{}'
    ? []
    : v
        .slice(1, -1)
        .split(',')
        .map((x) => (x === 'NULL' ? null : Number(x)));
const identity = (v: string) => v;

export const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: identity,
  [OID.int8Array]: toNumberArray,
  [OID.numericArray]: toNumberArray,
};

/**
 * Per-session planner settings, the same on both engines:
 * - jit=off: the directory search aggregates over thousands of rows, so its plan costs cross the
 *   JIT threshold while the query itself takes a few ms; compiling only adds latency.
 * - random_page_cost=1.1: data is in memory or on SSD. With the default (4) the planner prefers a
 *   sequential scan of the whole directory over a GIN bitmap scan for broad text queries.
 * - max_parallel_workers_per_gather=0: API queries are short and many run at once; starting
 *   parallel workers costs more than it saves and takes cores from the other requests.
 */
export const SESSION_SETTINGS: [string, string][] = [
  ['jit', 'off'],
  ['random_page_cost', '1.1'],
  ['max_parallel_workers_per_gather', '0'],
];

/**
 * Marks a statement the directory search runs on every uncached request (its cards, its text
 * analysis). On PostgreSQL each connection prepares it once and reuses the plan: planning these
 * statements (the card function inlined, the label subqueries) costs more than running them, about
 * 1 ms a search (pgbench, extended protocol against prepared: 2.0 against 0.5–1.0 ms). Only marked
 * statements are prepared: their texts are few, while a list of n values makes a text per n. A
 * comment, so PGlite and a log read the statement as it is.
 */
export const PREPARED = '/* prepared */';

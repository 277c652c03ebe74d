import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { ProblemError } from '../problems.js';

/** Opaque cursors: base64url of the last row's sort key, so clients can't depend on the format. */
export function encodePageCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

function badCursor(): never {
  throw new ProblemError('validation', 'The cursor is not valid; start again without one.', {
    errors: [{ pointer: '/query/cursor', detail: 'is not a cursor this server issued' }],
  });
}

export function decodePageCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('v1:')) badCursor();
  return raw.slice(3);
}

/**
 * The parts a cursor may carry. Each is checked exactly as the server writes it, so nothing a
 * client crafts reaches SQL as a value PostgreSQL would refuse (a 500) or misread.
 */
const parts = {
  /** `exactInstant` text: UTC with microseconds, and a real calendar instant. */
  instant: (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString().slice(0, 23) === value.slice(0, 23),
  uuid: (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value),
  slug: (value: string) => value.length <= 64 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value),
  /** Microseconds since the epoch, well inside PostgreSQL's bigint. */
  micros: (value: string) => /^\d{1,17}$/.test(value),
} as const;

type Part = keyof typeof parts;
type Decoded<P extends readonly Part[]> = { [I in keyof P]: string };

/**
 * Decodes a cursor of `|`-separated parts, each validated by its kind, or answers 400:
 * `decodeCursor(query.cursor, ['instant', 'uuid'])` → `[at, id]`.
 */
export function decodeCursor<const P extends readonly Part[]>(cursor: string, kinds: P): Decoded<P> {
  const values = decodePageCursor(cursor).split('|');
  if (values.length !== kinds.length) badCursor();
  kinds.forEach((kind, i) => {
    if (!parts[kind](values[i]!)) badCursor();
  });
  return values as unknown as Decoded<P>;
}

export function pageLimit(limit: number | undefined, fallback = 20): number {
  return Math.min(Math.max(limit ?? fallback, 1), 100);
}

/** A column (or expression) a list is ordered by, and what kind of cursor part its value is. */
export interface KeyColumn {
  by: string | RawBuilder<unknown>;
  kind: Part;
}

const CASTS: Record<Part, string> = { instant: 'timestamptz', uuid: 'uuid', slug: 'text', micros: 'bigint' };

/**
 * One page of a keyset-paginated list, for every list but the directory: orders `query` by `keys`
 * (the last one unique, e.g. the id) in `direction`, continues after the cursor's row (compared as
 * a row value, so it reads the matching index), and returns at most `limit` rows (1–100, 20 by
 * default) and the cursor of the next page, or null on the last. The cursor carries each key's
 * value as text: an instant with its microseconds (a JS Date keeps milliseconds, so a cursor built
 * from one would skip rows written in the same millisecond, as every row of one transaction is).
 */
export async function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: { cursor?: string | undefined; limit?: number | undefined },
  keys: readonly KeyColumn[],
  direction: 'asc' | 'desc' = 'asc',
): Promise<{ items: O[]; nextCursor: string | null }> {
  const limit = pageLimit(page.limit);
  const columns = keys.map(({ by }) => (typeof by === 'string' ? sql.ref(by) : by));
  const keyText = sql.join(
    keys.map(({ kind }, i) => (kind === 'instant' ? exactInstant(columns[i]!) : sql`${columns[i]}::text`)),
    sql`, `,
  );
  // biome-ignore lint/suspicious/noExplicitAny: the helper adds a column and conditions to any list's query
  let q = (query as SelectQueryBuilder<any, any, O>).select(sql<string>`concat_ws('|', ${keyText})`.as('page_key'));
  for (const column of columns) q = q.orderBy(column, direction);
  if (page.cursor) {
    const values = decodeCursor(
      page.cursor,
      keys.map(({ kind }) => kind),
    );
    const after = sql.join(values.map((value, i) => sql`${value}::${sql.raw(CASTS[keys[i]!.kind])}`));
    q = q.where(sql<boolean>`(${sql.join(columns)}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${after})`);
  }
  const rows = (await q.limit(limit + 1).execute()) as Array<O & { page_key: string }>;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ page_key: _, ...row }) => row as O),
    nextCursor: rows.length > limit && last ? encodePageCursor(last.page_key) : null,
  };
}

/**
 * A timestamptz as exact UTC text with microseconds, the form of an `instant` cursor part; compare
 * against this text cast back to timestamptz.
 */
export function exactInstant(column: string | RawBuilder<unknown>): RawBuilder<string> {
  const expression = typeof column === 'string' ? sql.ref(column) : column;
  return sql<string>`to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

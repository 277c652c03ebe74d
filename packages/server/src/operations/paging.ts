import { type RawBuilder, sql } from 'kysely';
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

/**
 * A timestamptz column as exact UTC text with microseconds. JavaScript Dates stop at milliseconds,
 * so a cursor built from a Date would skip rows written in the same millisecond (every row of one
 * transaction shares `now()`); compare against this text cast back to timestamptz instead.
 */
export function exactInstant(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

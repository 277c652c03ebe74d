import { type RawBuilder, sql } from 'kysely';
import { ProblemError } from '../problems.js';

/** Opaque cursors: base64url of the last row's sort key, so clients can't depend on the format. */
export function encodePageCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

export function decodePageCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('v1:')) {
    throw new ProblemError('validation', 'The cursor is not valid; start again without one.', {
      errors: [{ pointer: '/query/cursor', detail: 'is not a cursor this server issued' }],
    });
  }
  return raw.slice(3);
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

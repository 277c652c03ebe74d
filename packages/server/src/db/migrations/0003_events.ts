import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Events, second pass:
 * - `events.sequence`: the iCalendar SEQUENCE, raised on every change an attendee's calendar must
 *   pick up (time, place, status), so subscribed and imported copies get replaced (RFC 5545 §3.8.7.4).
 * - `registrations.attended`: the recorded attendance, `NULL` until recorded, so "did not attend"
 *   (`false`) differs from "not recorded". `attended_at` stays the figure the reports count and is
 *   kept in step by the application (set when `attended` becomes true, cleared when false).
 */

const up_statements = [
  'ALTER TABLE events ADD COLUMN sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0)',
  'ALTER TABLE registrations ADD COLUMN attended boolean',
  'UPDATE registrations SET attended = true WHERE attended_at IS NOT NULL',
];

const down_statements = [
  'ALTER TABLE registrations DROP COLUMN IF EXISTS attended',
  'ALTER TABLE events DROP COLUMN IF EXISTS sequence',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

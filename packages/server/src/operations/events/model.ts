import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EventsTable, LocalisedText, RegistrationsTable } from '../../db/schema.js';
import { isAdmin } from '../../http/auth.js';
import type { Principal } from '../../http/types.js';
import { ProblemError } from '../../problems.js';

type Schemas = components['schemas'];
export type ApiEvent = Schemas['Event'];
export type ApiAdminEvent = Schemas['AdminEvent'];
export type ApiRegistration = Schemas['Registration'];

export type EventRow = Selectable<EventsTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;

/** `{}` (the column default) is "no description": the contract wants `null` then. */
function localised(value: LocalisedText | null | undefined): LocalisedText | null {
  if (!value || typeof value !== 'object') return null;
  const out: LocalisedText = {};
  for (const k of ['en', 'ar', 'fr'] as const) if (typeof value[k] === 'string' && value[k]) out[k] = value[k];
  return Object.keys(out).length ? out : null;
}

/**
 * `cancellation_reason` is a text column: cancelEvent stores the `{en, ar, fr}` object as JSON;
 * older rows (and the seed) hold a plain sentence, read as English.
 */
export function readReason(raw: string | null): LocalisedText | null {
  if (!raw) return null;
  if (raw.startsWith('{')) {
    try {
      return localised(JSON.parse(raw) as LocalisedText);
    } catch {
      // not JSON after all: a sentence that starts with a brace
    }
  }
  return { en: raw.slice(0, 300) };
}

/** Picks the text for a locale, falling back en → fr → ar (ar → en → fr for Arabic readers). */
export function pick(text: LocalisedText | null | undefined, locale: string): string {
  if (!text) return '';
  const base = locale.toLowerCase().split('-')[0] as 'en' | 'ar' | 'fr';
  const order = base === 'ar' ? ['ar', 'en', 'fr'] : [base, 'en', 'fr', 'ar'];
  for (const k of order) {
    const v = text[k as keyof LocalisedText];
    if (v) return v;
  }
  return '';
}

export function toEvent(e: EventRow): ApiEvent {
  return {
    id: e.id,
    slug: e.slug,
    organiserSlug: e.organiser_slug,
    kind: e.kind,
    status: e.status,
    title: localised(e.title) ?? { en: e.slug },
    description: localised(e.description),
    speakers: (e.speakers ?? []).map((s) => ({
      name: s.name,
      ...(s.affiliation ? { affiliation: s.affiliation } : {}),
    })),
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    timeZone: e.time_zone,
    mode: e.mode,
    location: e.location ? { venue: e.location.venue, city: e.location.city, country: e.location.country } : null,
    capacity: e.capacity,
    seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.confirmed_count),
    waitlistEnabled: e.waitlist_enabled,
    registrationClosesAt: e.registration_closes_at?.toISOString() ?? null,
    cmeCredits: e.cme_credits === null ? null : Number(e.cme_credits),
    language: e.language,
    priorityArea: e.priority_area,
    recordingUrl: e.recording_url,
    cancellationReason: readReason(e.cancellation_reason),
  };
}

export async function toAdminEvent(db: Kysely<DB>, e: EventRow): Promise<ApiAdminEvent> {
  const counts = await db
    .selectFrom('registrations')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('status', '=', 'cancelled').as('cancelled'),
      eb.fn.countAll<number>().filterWhere('attended_at', 'is not', null).as('attended'),
    ])
    .where('event_id', '=', e.id)
    .executeTakeFirstOrThrow();
  return {
    ...toEvent(e),
    joinUrl: e.join_url,
    confirmedCount: e.confirmed_count,
    waitlistedCount: e.waitlisted_count,
    cancelledCount: Number(counts.cancelled),
    attendedCount: Number(counts.attended),
  };
}

/** When registration closes: `registrationClosesAt`, and never after the start. */
export function closesAt(e: EventRow): Date {
  const start = e.starts_at;
  const closes = e.registration_closes_at;
  return closes && closes < start ? closes : start;
}

/** Loads one of the caller's events for an admin operation (optionally locking its row). */
export async function ownedEvent(db: Kysely<DB>, principal: Principal, id: string, lock = false): Promise<EventRow> {
  if (!isAdmin(principal)) throw new ProblemError('unauthorized');
  let q = db.selectFrom('events').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  // Another organisation's event is answered as no event at all: an id tells nobody what exists.
  if (!row || row.organiser_slug !== principal.organisationSlug) throw new ProblemError('not-found', 'No such event.');
  return row;
}

// ---------------------------------------------------------------------------------------------
// registrations

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function newCancelToken(): string {
  return `rc_${randomBytes(24).toString('base64url')}`;
}

export function cancelTokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The read-only calendar token: an HMAC of the registration id keyed with the registration's own
 * cancel-token hash (a per-registration secret only the server holds). It cannot be turned back
 * into the cancel token, and it needs no server-wide secret to stay valid across instances.
 */
export function calendarToken(r: Pick<RegistrationRow, 'id' | 'cancel_token_hash'>): string {
  return `ri_${createHmac('sha256', r.cancel_token_hash).update(`ics:${r.id}`).digest('base64url').slice(0, 32)}`;
}

export function calendarTokenMatches(r: Pick<RegistrationRow, 'id' | 'cancel_token_hash'>, token: string): boolean {
  const a = Buffer.from(calendarToken(r));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const icsUrl = (publicUrl: string, r: Pick<RegistrationRow, 'id' | 'cancel_token_hash'>) =>
  `${publicUrl}/v1/registrations/${r.id}/ics?token=${calendarToken(r)}`;

/**
 * 1-based position among the event's waitlisted registrations (first come, first served). Compared
 * in SQL: `created_at` has microseconds, a JavaScript Date only milliseconds.
 */
export async function waitlistPosition(db: Kysely<DB>, r: RegistrationRow): Promise<number | null> {
  if (r.status !== 'waitlisted') return null;
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM registrations w JOIN registrations me ON me.id = ${r.id}
    WHERE w.event_id = me.event_id AND w.status = 'waitlisted' AND (w.created_at, w.id) <= (me.created_at, me.id)`.execute(
    db,
  );
  return Number(row.rows[0]?.n ?? 1);
}

/** SQL for the same position, per row `r` of a query over registrations. */
export const waitlistPositionSql = sql<number | null>`CASE WHEN r.status = 'waitlisted' THEN (
  SELECT count(*)::int FROM registrations w
  WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND (w.created_at, w.id) <= (r.created_at, r.id)
) END`;

export async function toRegistration(
  db: Kysely<DB>,
  r: RegistrationRow,
  e: EventRow,
  cancelToken: string,
  publicUrl: string,
): Promise<ApiRegistration> {
  return {
    id: r.id,
    eventId: r.event_id,
    status: r.status,
    waitlistPosition: await waitlistPosition(db, r),
    name: r.name,
    email: r.email,
    professionalId: r.professional_id,
    createdAt: r.created_at.toISOString(),
    cancelToken,
    joinUrl: r.status === 'confirmed' && e.status !== 'cancelled' ? e.join_url : null,
    icsUrl: icsUrl(publicUrl, r),
  };
}

export function attendedOf(r: Pick<RegistrationRow, 'attended' | 'attended_at'>): boolean | null {
  return r.attended ?? (r.attended_at ? true : null);
}

// ---------------------------------------------------------------------------------------------
// check-in codes (migration 0021)

/** Crockford's base32: the alphabet of check-in codes. */
const CHECK_IN_ALPHABET = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** `K7QF2M9XPA3T` → `K7QF-2M9X-PA3T`, as mailed, printed in the `.ics` and encoded in the QR code. */
export const formatCheckInCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * A code as scanned or typed, in its stored form, or undefined when it cannot be one: case, spaces
 * and dashes do not matter, and the letters Crockford's base32 leaves out read as what they look
 * like (`O` → `0`, `I` and `L` → `1`).
 */
export function normaliseCheckInCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CHECK_IN_ALPHABET.test(code) ? code : undefined;
}

import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext, Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { eventCalendar, icsDisposition } from './calendar.js';
import { cancelPageResult } from './cancel-page.js';
import { sendRegistrationMail } from './mail.js';
import {
  calendarTokenMatches,
  cancelTokenMatches,
  closesAt,
  type EventRow,
  icsUrl,
  newCancelToken,
  sha256,
  toRegistration,
  waitlistPosition,
} from './model.js';

/**
 * Gives freed seats to the waitlist, first come first served, and e-mails each promoted person.
 * `event` must be locked by the caller and read after the change that freed the seats.
 */
export async function promoteWaitlisted(db: Kysely<DB>, ctx: AppContext, event: EventRow): Promise<number> {
  if (event.status === 'cancelled' || event.ends_at <= ctx.now()) return 0;
  const free = event.capacity === null ? event.waitlisted_count : event.capacity - event.confirmed_count;
  if (free <= 0 || event.waitlisted_count === 0) return 0;
  const next = await db
    .selectFrom('registrations')
    .select('id')
    .where('event_id', '=', event.id)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(free)
    .execute();
  for (const { id } of next) {
    const promoted = await db
      .updateTable('registrations')
      .set({ status: 'confirmed', updated_at: ctx.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await sendRegistrationMail(db as unknown as Kysely<DB>, ctx, {
      kind: 'registration_promoted',
      event,
      registration: promoted,
    });
  }
  return next.length;
}

type Ops = 'createRegistration' | 'cancelRegistration' | 'getRegistrationIcs';

/** At most one mail an hour per address and event for a repeated registration. */
const MAIL_INTERVAL_MS = 60 * 60 * 1000;

export const registrationHandlers: Pick<Handlers, Ops> = {
  async createRegistration({ db, ctx, path, body, headers, locale }) {
    // The event row is the lock every registration and cancellation of this event takes first,
    // so the seat count read here cannot change until this transaction ends.
    const event = await db.selectFrom('events').selectAll().where('id', '=', path.id).forUpdate().executeTakeFirst();
    if (!event) throw new ProblemError('not-found', 'No such event.');
    if (event.status === 'cancelled')
      throw new ProblemError('event-cancelled', 'This event was cancelled by its organiser.');
    const closes = closesAt(event);
    if (ctx.now() >= closes) {
      throw new ProblemError('registration-closed', `Registration closed at ${closes.toISOString()}.`);
    }

    let status: 'confirmed' | 'waitlisted';
    if (event.capacity === null || event.confirmed_count < event.capacity) status = 'confirmed';
    else if (event.waitlist_enabled) status = 'waitlisted';
    else throw new ProblemError('event-full', `All ${event.capacity} seats are taken and this event has no waitlist.`);

    if (body.professionalId) {
      const pro = await db
        .selectFrom('professionals')
        .select('id')
        .where('id', '=', body.professionalId)
        .executeTakeFirst();
      if (!pro) {
        throw new ProblemError('validation', 'professionalId is not a known professional.', {
          errors: [{ pointer: '/professionalId', detail: 'is not a known professional' }],
        });
      }
    }

    // An address already registered is answered exactly as a new registration would be, so the
    // answer never tells who attends: the same status, a fresh id and tokens that are never
    // stored. The registrant (not the caller) gets their confirmation again, at most once an hour
    // per address and event (their registration's id is in every mail about it).
    const existing = await db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', event.id)
      .where('status', '<>', 'cancelled')
      .where(sql<string>`lower(email)`, '=', body.email.toLowerCase())
      .executeTakeFirst();
    if (existing) {
      const mailedLately = await db
        .selectFrom('outbox')
        .select('id')
        .where(sql<string>`lower(to_address)`, '=', existing.email.toLowerCase())
        .where('created_at', '>', new Date(ctx.now().getTime() - MAIL_INTERVAL_MS))
        .where('text', 'like', `%${existing.id}%`)
        .executeTakeFirst();
      if (!mailedLately) {
        await sendRegistrationMail(db, ctx, {
          kind: existing.status === 'waitlisted' ? 'registration_waitlisted' : 'registration_confirmed',
          event,
          registration: existing,
          waitlistPosition: await waitlistPosition(db, existing),
        });
      }
      const cancelToken = newCancelToken();
      const unstored = { id: randomUUID(), cancel_token_hash: sha256(cancelToken) };
      return {
        status: 201,
        body: {
          id: unstored.id,
          eventId: event.id,
          status,
          waitlistPosition: status === 'waitlisted' ? event.waitlisted_count + 1 : null,
          name: body.name,
          email: body.email,
          professionalId: body.professionalId ?? null,
          createdAt: ctx.now().toISOString(),
          cancelToken,
          joinUrl: status === 'confirmed' ? event.join_url : null,
          icsUrl: icsUrl(ctx.config.publicUrl, unstored),
        },
      };
    }

    // Mail language: the body's locale, else Accept-Language, else the organiser's first locale.
    let mailLocale = body.locale;
    if (!mailLocale && headers['accept-language']) mailLocale = locale;
    if (!mailLocale) {
      const org = await db
        .selectFrom('organisations')
        .select('locales')
        .where('slug', '=', event.organiser_slug)
        .executeTakeFirst();
      mailLocale = org?.locales[0] ?? 'en';
    }

    const cancelToken = newCancelToken();
    const now = ctx.now();
    const registration = await db
      .insertInto('registrations')
      .values({
        event_id: event.id,
        status,
        name: body.name,
        email: body.email,
        professional_id: body.professionalId ?? null,
        cancel_token_hash: sha256(cancelToken),
        locale: mailLocale,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    const result = await toRegistration(db, registration, event, cancelToken, ctx.config.publicUrl);
    await sendRegistrationMail(db, ctx, {
      kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_waitlisted',
      event,
      registration,
      cancelToken,
      waitlistPosition: result.waitlistPosition,
    });
    return { status: 201, body: result };
  },

  async cancelRegistration({ db, ctx, path, body, mediaType, locale }) {
    // The cancel page's button posts a form: a person is reading the answer, so it is a page.
    const form = mediaType === 'application/x-www-form-urlencoded';
    const notFound = () => new ProblemError('not-found', 'No such registration, or the cancel token does not match.');
    const found = await db
      .selectFrom('registrations')
      .select(['event_id', 'cancel_token_hash'])
      .where('id', '=', path.id)
      .executeTakeFirst();
    if (!found || !cancelTokenMatches(body.cancelToken, found.cancel_token_hash)) {
      if (form) return cancelPageResult(404, { kind: 'invalid', locale });
      throw notFound();
    }

    // Same lock order as createRegistration: the event first, then the registration.
    await db.selectFrom('events').select('id').where('id', '=', found.event_id).forUpdate().executeTakeFirst();
    const current = await db
      .selectFrom('registrations')
      .selectAll()
      .where('id', '=', path.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound();
    if (current.status === 'cancelled') {
      const event = await db
        .selectFrom('events')
        .selectAll()
        .where('id', '=', current.event_id)
        .executeTakeFirstOrThrow();
      if (form) return cancelPageResult(409, { kind: 'already', locale: current.locale, registration: current, event });
      return { status: 200, body: await toRegistration(db, current, event, body.cancelToken, ctx.config.publicUrl) };
    }

    const now = ctx.now();
    const cancelled = await db
      .updateTable('registrations')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Read after the update: the trigger has given the seat back.
    const event = await db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', current.event_id)
      .executeTakeFirstOrThrow();
    await sendRegistrationMail(db, ctx, { kind: 'registration_cancelled', event, registration: cancelled });
    if (current.status === 'confirmed') await promoteWaitlisted(db, ctx, event);
    if (form) return cancelPageResult(200, { kind: 'done', locale: cancelled.locale, registration: cancelled, event });
    return { status: 200, body: await toRegistration(db, cancelled, event, body.cancelToken, ctx.config.publicUrl) };
  },

  async getRegistrationIcs({ db, ctx, path, query }) {
    const r = await db.selectFrom('registrations').selectAll().where('id', '=', path.id).executeTakeFirst();
    // A wrong token looks exactly like an unknown registration.
    if (!r || !calendarTokenMatches(r, query.token)) throw new ProblemError('not-found', 'No such registration.');
    const event = await db.selectFrom('events').selectAll().where('id', '=', r.event_id).executeTakeFirstOrThrow();
    return {
      status: 200,
      mediaType: 'text/calendar',
      body: eventCalendar(event, r.locale, ctx.config.publicUrl, { registration: r }),
      headers: { 'Cache-Control': 'private, max-age=300', 'Content-Disposition': icsDisposition(event.slug) },
    };
  },
};

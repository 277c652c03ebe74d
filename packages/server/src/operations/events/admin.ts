import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB, EventLocation, LocalisedText } from '../../db/schema.js';
import { requireRole } from '../../http/auth.js';
import type { AppContext, Handlers } from '../../http/types.js';
import { type FieldError, ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { sendRegistrationMail } from './mail.js';
import { attendedOf, type EventRow, ownedEvent, toAdminEvent, waitlistPositionSql } from './model.js';
import { promoteWaitlisted } from './registrations.js';

type Schemas = components['schemas'];

/** The fields of an event the rules below look at, after a create or a merge-patch. */
interface EventState {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: Schemas['EventMode'];
  location: EventLocation | null;
  joinUrl: string | null;
  registrationClosesAt: Date | null;
  priorityArea: string | null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The rules JSON Schema cannot say: all of them checked, all failures reported together. */
async function checkEvent(db: Kysely<DB>, s: EventState): Promise<void> {
  const errors: FieldError[] = [];
  if (s.endsAt <= s.startsAt) errors.push({ pointer: '/endsAt', detail: 'must be after startsAt' });
  if (!isTimeZone(s.timeZone)) errors.push({ pointer: '/timeZone', detail: 'is not an IANA time zone' });
  if (s.mode !== 'online' && !s.location) {
    errors.push({ pointer: '/location', detail: 'is required for in_person and hybrid events' });
  }
  if (s.mode === 'online' && s.location)
    errors.push({ pointer: '/location', detail: 'must be absent for online events' });
  if (s.mode !== 'in_person' && !s.joinUrl) {
    errors.push({ pointer: '/joinUrl', detail: 'is required for online and hybrid events' });
  }
  if (s.registrationClosesAt && s.registrationClosesAt > s.startsAt) {
    errors.push({ pointer: '/registrationClosesAt', detail: 'must not be after startsAt' });
  }
  if (s.priorityArea) {
    const area = await db
      .selectFrom('priority_areas')
      .select('code')
      .where('code', '=', s.priorityArea)
      .executeTakeFirst();
    if (!area) errors.push({ pointer: '/priorityArea', detail: 'is not a known priority area' });
  }
  if (errors.length) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
}

/** `ecg-interpretation-for-primary-2026-10-14` from the Latin-script title (Arabic-only titles: `event-…`). */
async function freeSlug(db: Kysely<DB>, title: LocalisedText, startsAt: Date): Promise<string> {
  const source = title.en ?? title.fr ?? '';
  const words = source
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .filter(Boolean)
    .slice(0, 6);
  const base = `${(words.join('-') || 'event').slice(0, 48).replace(/-+$/, '')}-${startsAt.toISOString().slice(0, 10)}`;
  const taken = new Set(
    (await db.selectFrom('events').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

const json = (v: unknown) => JSON.stringify(v);

async function activeRegistrations(db: Kysely<DB>, eventId: string) {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

async function mailRegistrants(
  db: Kysely<DB>,
  ctx: AppContext,
  event: EventRow,
  kind: 'event_updated' | 'event_cancelled',
): Promise<void> {
  for (const registration of await activeRegistrations(db, event.id)) {
    await sendRegistrationMail(db as unknown as Kysely<DB>, ctx, { kind, event, registration });
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type Ops = 'listAdminEvents' | 'createEvent' | 'updateEvent' | 'cancelEvent' | 'listRegistrations' | 'recordAttendance';

export const adminEventHandlers: Pick<Handlers, Ops> = {
  async listAdminEvents({ db, principal, query }) {
    const p = requireRole(principal, 'viewer');
    const { items, nextCursor } = await keysetPage(
      db.selectFrom('events').selectAll().where('organiser_slug', '=', p.organisationSlug),
      query,
      [
        { by: 'starts_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
      'desc',
    );
    return { status: 200, body: { items: await Promise.all(items.map((row) => toAdminEvent(db, row))), nextCursor } };
  },

  async createEvent({ db, principal, body, ctx }) {
    const p = requireRole(principal, 'editor');
    const startsAt = new Date(body.startsAt);
    const registrationClosesAt = body.registrationClosesAt ? new Date(body.registrationClosesAt) : null;
    await checkEvent(db, {
      startsAt,
      endsAt: new Date(body.endsAt),
      timeZone: body.timeZone,
      mode: body.mode,
      location: body.location ?? null,
      joinUrl: body.joinUrl ?? null,
      registrationClosesAt,
      priorityArea: body.priorityArea ?? null,
    });
    if (body.slug) {
      const taken = await db.selectFrom('events').select('id').where('slug', '=', body.slug).executeTakeFirst();
      if (taken) {
        throw new ProblemError('conflict', `The slug ${body.slug} is already used by another event.`, {
          errors: [{ pointer: '/slug', detail: 'is already used' }],
        });
      }
    }
    const now = ctx.now();
    const row = await db
      .insertInto('events')
      .values({
        slug: body.slug ?? (await freeSlug(db, body.title, startsAt)),
        organiser_slug: p.organisationSlug,
        kind: body.kind,
        title: json(body.title),
        description: json(body.description ?? {}),
        speakers: json(body.speakers ?? []),
        starts_at: startsAt,
        ends_at: new Date(body.endsAt),
        time_zone: body.timeZone,
        mode: body.mode,
        location: body.location ? json(body.location) : null,
        join_url: body.joinUrl ?? null,
        capacity: body.capacity ?? null,
        waitlist_enabled: body.waitlistEnabled ?? false,
        registration_closes_at: registrationClosesAt,
        cme_credits: body.cmeCredits ?? null,
        language: body.language,
        priority_area: body.priorityArea ?? null,
        recording_url: body.recordingUrl ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      status: 201,
      body: await toAdminEvent(db, row),
      headers: { Location: `/v1/events/${row.id}` },
    };
  },

  async updateEvent({ db, principal, path, body, ctx }) {
    requireRole(principal, 'editor');
    const old = await ownedEvent(db, principal, path.id, true);
    if (old.status === 'cancelled') {
      throw new ProblemError('conflict', 'A cancelled event cannot be changed.');
    }
    const has = <K extends keyof typeof body>(k: K) => Object.hasOwn(body, k);
    const next: EventState = {
      startsAt: has('startsAt') ? new Date(body.startsAt!) : old.starts_at,
      endsAt: has('endsAt') ? new Date(body.endsAt!) : old.ends_at,
      timeZone: body.timeZone ?? old.time_zone,
      mode: body.mode ?? old.mode,
      location: has('location') ? (body.location ?? null) : old.location,
      joinUrl: has('joinUrl') ? (body.joinUrl ?? null) : old.join_url,
      registrationClosesAt: has('registrationClosesAt')
        ? body.registrationClosesAt
          ? new Date(body.registrationClosesAt)
          : null
        : old.registration_closes_at,
      priorityArea: has('priorityArea') ? (body.priorityArea ?? null) : old.priority_area,
    };
    await checkEvent(db, next);
    const capacity = has('capacity') ? (body.capacity ?? null) : old.capacity;
    if (capacity !== null && capacity < old.confirmed_count) {
      throw new ProblemError(
        'conflict',
        `${old.confirmed_count} registrations are confirmed; capacity cannot go below that.`,
        {
          errors: [{ pointer: '/capacity', detail: `must be at least ${old.confirmed_count}` }],
        },
      );
    }

    const changes = {
      kind: body.kind ?? old.kind,
      status: body.status ?? old.status,
      title: body.title ?? old.title,
      description: has('description') ? (body.description ?? {}) : old.description,
      speakers: body.speakers ?? old.speakers,
      cme_credits: has('cmeCredits') ? (body.cmeCredits ?? null) : old.cme_credits,
      language: body.language ?? old.language,
      recording_url: has('recordingUrl') ? (body.recordingUrl ?? null) : old.recording_url,
      waitlist_enabled: body.waitlistEnabled ?? old.waitlist_enabled,
    };
    // What a registrant must hear about (the contract's list, plus postponement).
    const notify =
      next.startsAt.getTime() !== old.starts_at.getTime() ||
      next.endsAt.getTime() !== old.ends_at.getTime() ||
      next.mode !== old.mode ||
      !sameJson(next.location, old.location) ||
      next.joinUrl !== old.join_url ||
      changes.status !== old.status;
    // What a calendar copy shows: any change there raises SEQUENCE so clients replace their copy.
    const visible =
      notify ||
      next.timeZone !== old.time_zone ||
      changes.kind !== old.kind ||
      !sameJson(changes.title, old.title) ||
      !sameJson(changes.description, old.description) ||
      !sameJson(changes.speakers, old.speakers) ||
      Number(changes.cme_credits) !== Number(old.cme_credits) ||
      changes.recording_url !== old.recording_url;

    const updated = await db
      .updateTable('events')
      .set({
        kind: changes.kind,
        status: changes.status,
        title: json(changes.title),
        description: json(changes.description),
        speakers: json(changes.speakers),
        starts_at: next.startsAt,
        ends_at: next.endsAt,
        time_zone: next.timeZone,
        mode: next.mode,
        location: next.location ? json(next.location) : null,
        join_url: next.joinUrl,
        capacity,
        waitlist_enabled: changes.waitlist_enabled,
        registration_closes_at: next.registrationClosesAt,
        cme_credits: changes.cme_credits,
        language: changes.language,
        priority_area: next.priorityArea,
        recording_url: changes.recording_url,
        sequence: visible ? old.sequence + 1 : old.sequence,
        updated_at: ctx.now(),
      })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    if (notify) await mailRegistrants(db, ctx, updated, 'event_updated');
    const promoted = await promoteWaitlisted(db, ctx, updated);
    const current = promoted
      ? await db.selectFrom('events').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow()
      : updated;
    return { status: 200, body: await toAdminEvent(db, current) };
  },

  async cancelEvent({ db, principal, path, body, ctx }) {
    requireRole(principal, 'editor');
    const old = await ownedEvent(db, principal, path.id, true);
    if (old.status === 'cancelled') return { status: 200, body: await toAdminEvent(db, old) };
    const reason = body?.reason as LocalisedText | undefined;
    const cancelled = await db
      .updateTable('events')
      .set({
        status: 'cancelled',
        cancellation_reason: reason ? json(reason) : null,
        sequence: old.sequence + 1,
        updated_at: ctx.now(),
      })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (body?.notifyRegistrants !== false) await mailRegistrants(db, ctx, cancelled, 'event_cancelled');
    return { status: 200, body: await toAdminEvent(db, cancelled) };
  },

  async listRegistrations({ db, principal, path, query }) {
    requireRole(principal, 'viewer');
    const event = await ownedEvent(db, principal, path.id);
    let base = db.selectFrom('registrations as r').where('r.event_id', '=', event.id);
    if (query.status?.length) base = base.where('r.status', 'in', query.status);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    // created_at has microseconds: the cursor keeps them exactly, as an integer.
    const createdUs = sql<string>`(extract(epoch from r.created_at) * 1000000)::bigint`;
    const { items, nextCursor } = await keysetPage(
      base.selectAll('r').select(waitlistPositionSql.as('position')),
      query,
      [
        { by: createdUs, kind: 'micros' },
        { by: 'r.id', kind: 'uuid' },
      ],
    );
    return {
      status: 200,
      body: {
        items: items.map((r) => ({
          id: r.id,
          eventId: r.event_id,
          status: r.status,
          waitlistPosition: r.position === null ? null : Number(r.position),
          name: r.name,
          email: r.email,
          professionalId: r.professional_id,
          createdAt: r.created_at.toISOString(),
          attended: attendedOf(r),
        })),
        total: Number(total.n),
        nextCursor,
      },
    };
  },

  async recordAttendance({ db, principal, path, body, ctx }) {
    requireRole(principal, 'editor');
    const event = await ownedEvent(db, principal, path.id);
    const now = ctx.now();
    const changed = await db
      .updateTable('registrations')
      .set({
        attended: body.attended,
        attended_at: body.attended ? sql`coalesce(attended_at, ${now})` : null,
        updated_at: now,
      })
      .where('event_id', '=', event.id)
      .where('id', 'in', body.registrationIds)
      .where('status', '=', 'confirmed')
      .where(sql<boolean>`attended IS DISTINCT FROM ${body.attended}`)
      .returning('id')
      .execute();
    const total = await db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', event.id)
      .where('attended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return { status: 200, body: { updated: changed.length, attendedTotal: Number(total.n) } };
  },
};

import type { components } from '@mahjar/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { DB, NeedChangesTable, NeedState, NeedsTable } from '../../db/schema.js';
import { requireRole } from '../../http/auth.js';
import type { Principal } from '../../http/types.js';
import { type FieldError, ProblemError } from '../../problems.js';
import { isTimeZone } from '../events/admin.js';

type Schemas = components['schemas'];
export type NeedRow = Selectable<NeedsTable>;
type ChangeRow = Selectable<NeedChangesTable>;
export type NeedFields = Schemas['NeedFields'];

/** Where each state may go (`changeNeedState`); every other move is a conflict. */
export const NEXT_STATES: Record<NeedState, readonly NeedState[]> = {
  draft: ['open', 'closed'],
  open: ['filled', 'closed'],
  filled: [],
  closed: [],
};

/** The states whose need can still be edited (`updateNeed`). */
export const EDITABLE: readonly NeedState[] = ['draft', 'open'];

/** A ministry's secret key with at least `role`; a chapter's (or anyone else's) is refused. */
export function requireMinistry(principal: Principal, role: 'viewer' | 'editor') {
  const p = requireRole(principal, role);
  if (p.organisationKind !== 'ministry') throw new ProblemError('forbidden', 'Only a ministry posts and reads needs.');
  return p;
}

/** The rules JSON Schema cannot say, all checked, all failures reported together (400). */
export async function checkNeed(db: Kysely<DB>, need: NeedFields): Promise<void> {
  const errors: FieldError[] = [];
  const codes = [need.specialty, ...(need.subSpecialty ? [need.subSpecialty] : [])];
  const known = new Map(
    (await db.selectFrom('specialties').select(['code', 'parent_code']).where('code', 'in', codes).execute()).map(
      (s) => [s.code, s.parent_code],
    ),
  );
  if (!known.has(need.specialty)) errors.push({ pointer: '/specialty', detail: 'is not a known specialty' });
  if (need.subSpecialty) {
    if (!known.has(need.subSpecialty)) {
      errors.push({ pointer: '/subSpecialty', detail: 'is not a known specialty' });
    } else if (known.get(need.subSpecialty) !== need.specialty) {
      errors.push({ pointer: '/subSpecialty', detail: `is not a sub-specialty of ${need.specialty}` });
    }
  }
  const area = await db
    .selectFrom('priority_areas')
    .select('code')
    .where('code', '=', need.priorityArea)
    .executeTakeFirst();
  if (!area) errors.push({ pointer: '/priorityArea', detail: 'is not a known priority area' });
  if (need.timeZone !== undefined && !isTimeZone(need.timeZone)) {
    errors.push({ pointer: '/timeZone', detail: 'is not an IANA time zone' });
  }
  if (need.remote && need.timeZone === undefined) {
    errors.push({ pointer: '/timeZone', detail: 'is required for remote work' });
  }
  if (need.startsOn && need.endsOn && need.endsOn < need.startsOn) {
    errors.push({ pointer: '/endsOn', detail: 'must not be before startsOn' });
  }
  if (errors.length) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
}

/** The columns a need's fields are stored in. */
export function needColumns(need: NeedFields) {
  return {
    title: need.title,
    description: need.description ?? null,
    specialty: need.specialty,
    sub_specialty: need.subSpecialty ?? null,
    offer_kinds: need.offerKinds,
    country: need.place.country,
    city: need.place.city ?? null,
    facility: need.place.facility ?? null,
    remote: need.remote,
    time_zone: need.timeZone ?? null,
    starts_on: need.startsOn ?? null,
    ends_on: need.endsOn ?? null,
    languages: need.languages,
    priority_area: need.priorityArea,
    people: need.people,
  };
}

/** A stored need's fields, as the contract spells them (absent, never null, when not given). */
export function fieldsOf(row: NeedRow): NeedFields {
  const place: Schemas['NeedPlace'] = { country: row.country };
  if (row.city) place.city = row.city;
  if (row.facility) place.facility = row.facility;
  const fields: NeedFields = {
    title: row.title,
    specialty: row.specialty,
    offerKinds: row.offer_kinds as Schemas['OfferKind'][],
    place,
    remote: row.remote,
    languages: row.languages,
    priorityArea: row.priority_area,
    people: row.people,
  };
  if (row.description) fields.description = row.description;
  if (row.sub_specialty) fields.subSpecialty = row.sub_specialty;
  if (row.time_zone) fields.timeZone = row.time_zone;
  if (row.starts_on) fields.startsOn = row.starts_on;
  if (row.ends_on) fields.endsOn = row.ends_on;
  return fields;
}

/** The top-level fields whose value differs between two versions of a need. */
export function changedFields(before: NeedFields, after: NeedFields): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof NeedFields>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function toChange(c: ChangeRow): Schemas['NeedChange'] {
  return {
    action: c.action,
    fromState: c.from_state,
    toState: c.to_state,
    fields: c.fields,
    apiKeyId: c.api_key_id,
    note: c.note,
    at: c.created_at.toISOString(),
  };
}

/** Needs as answered, each with its history (one query for all of them). */
export async function needViews(db: Kysely<DB>, rows: NeedRow[], organisationSlug: string): Promise<Schemas['Need'][]> {
  const ids = rows.map((r) => r.id);
  const changes = ids.length
    ? await db
        .selectFrom('need_changes')
        .selectAll()
        .where('need_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const byNeed = Map.groupBy(changes, (c) => c.need_id);
  return rows.map((r) => ({
    ...fieldsOf(r),
    id: r.id,
    organisationSlug,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    history: (byNeed.get(r.id) ?? []).map(toChange),
  }));
}

/** A path id that can be a need's; any other answers 404 like an unknown one, before any query. */
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** One of the caller's needs (locked for a write), or 404: another organisation's need is unknown. */
export async function ownedNeed(
  db: Kysely<DB>,
  organisationId: string,
  id: string,
  forUpdate = false,
): Promise<NeedRow> {
  if (!isUuid(id)) throw new ProblemError('not-found', 'No need with this id in your organisation.');
  let q = db.selectFrom('needs').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No need with this id in your organisation.');
  return row;
}

import type { components } from '@mahjar/sdk';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../http/types.js';
import { keysetPage } from '../paging.js';
import { AUDIENCE_SEES } from '../professionals/model.js';
import { fieldsOf, type NeedFields, ownedNeed, requireMinistry } from './model.js';

type Schemas = components['schemas'];
type Reason = Schemas['CandidateReason'];
type Professional = Schemas['Professional'];

/** What each reason adds to a candidate's score (stated in `listNeedCandidates`). */
export const WEIGHTS: Record<Reason['code'], number> = {
  sub_specialty: 40,
  specialty: 30,
  related_specialty: 15,
  offer_kind: 10,
  availability: 5,
  language: 5,
  time_zone: 10,
  verified_credential: 20,
};

/** Working hours a remote need must share with a candidate's time zone to count (of 09:00–17:00). */
const SHARED_HOURS = 4;
const WORKDAY_HOURS = 8;

/** A ministry sees `public`, `members` and `ministry` fields: the same rule as `mahjar_professional_view`. */
const MINISTRY_SEES = [...AUDIENCE_SEES.ministry];

/** Formatters are costly to make (tens of microseconds each): one per zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetHours(zone: string, at: Date): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60) : 0;
}

const COUNTRIES = Array.from({ length: 26 * 26 }, (_, i) =>
  String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)),
).flatMap((country) => {
  const zones = (new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?(): string[] }).getTimeZones?.();
  return zones?.length ? [{ country, zones }] : [];
});

/**
 * The working hours (of 09:00–17:00) each country shares with `zone` at `at`. A professional's time
 * zone is approximated from their country: the median offset of the country's IANA zones (the
 * United States → Eastern time, most of its zones), so a country spanning many zones is an estimate.
 */
export function sharedHoursByCountry(zone: string, at: Date): Map<string, number> {
  // offsets change at most on the hour: one answer per zone and hour, the last few kept
  const hour = Math.floor(at.getTime() / 3_600_000);
  const key = `${zone}@${hour}`;
  const cached = sharedHoursCache.get(key);
  if (cached) return cached;
  const need = offsetHours(zone, at);
  const shared = new Map<string, number>();
  for (const { country, zones } of COUNTRIES) {
    const offsets = zones.map((z) => offsetHours(z, at)).sort((a, b) => a - b);
    const median = offsets[Math.floor((offsets.length - 1) / 2)]!;
    shared.set(country, Math.max(0, WORKDAY_HOURS - Math.abs(median - need)));
  }
  if (sharedHoursCache.size >= 200) sharedHoursCache.delete(sharedHoursCache.keys().next().value!);
  sharedHoursCache.set(key, shared);
  return shared;
}

const sharedHoursCache = new Map<string, Map<string, number>>();

export interface MatchContext {
  need: NeedFields;
  /**
   * The need's specialty, its sub-specialty and the specialty's parent (an internist for a
   * cardiology need). Other sub-specialties of the specialty are not candidates: a paediatric
   * oncologist is no answer to a need for paediatrics.
   */
  family: string[];
  /** Countries sharing enough working hours with a remote need (empty for on-site needs). */
  timeZoneCountries: Map<string, number>;
}

export async function matchContext(db: Kysely<DB>, need: NeedFields, at: Date): Promise<MatchContext> {
  const parent = await db
    .selectFrom('specialties')
    .select('parent_code')
    .where('code', '=', need.specialty)
    .executeTakeFirst();
  const family = [
    ...new Set([
      need.specialty,
      ...(need.subSpecialty ? [need.subSpecialty] : []),
      ...(parent?.parent_code ? [parent.parent_code] : []),
    ]),
  ];
  const timeZoneCountries = new Map<string, number>();
  if (need.remote && need.timeZone) {
    for (const [country, hours] of sharedHoursByCountry(need.timeZone, at)) {
      if (hours >= SHARED_HOURS) timeZoneCountries.set(country, hours);
    }
  }
  return { need, family, timeZoneCountries };
}

/** Why a candidate (as the ministry sees them) ranks where they do; their score is the sum of the weights. */
export function reasonsFor(match: MatchContext, professional: Professional): Reason[] {
  const { need } = match;
  const reasons: Reason[] = [];
  const specialties = professional.specialties ?? [];
  if (need.subSpecialty && specialties.includes(need.subSpecialty)) {
    reasons.push({ code: 'sub_specialty', value: need.subSpecialty });
  }
  if (specialties.includes(need.specialty)) reasons.push({ code: 'specialty', value: need.specialty });
  if (!reasons.length) {
    const related = specialties.find((s) => match.family.includes(s));
    if (related) reasons.push({ code: 'related_specialty', value: related });
  }
  const offers = (professional.offers ?? []).filter((o) => need.offerKinds.includes(o.kind));
  for (const kind of need.offerKinds) {
    if (offers.some((o) => o.kind === kind)) reasons.push({ code: 'offer_kind', value: kind });
  }
  // as the match entries have it: btrim(availability) <> '' (spaces only, like PostgreSQL's btrim)
  const available = offers.find((o) => /[^ ]/.test(o.availability));
  if (available) reasons.push({ code: 'availability', value: available.availability });
  for (const language of need.languages) {
    if (professional.languages?.includes(language)) reasons.push({ code: 'language', value: language });
  }
  const hours = professional.country ? match.timeZoneCountries.get(professional.country) : undefined;
  if (hours !== undefined) {
    reasons.push({
      code: 'time_zone',
      value: `${professional.country}: ${hours} working hours shared with ${need.timeZone}`,
    });
  }
  const credential = professional.credentials?.find((c) => c.verification === 'verified');
  if (credential) reasons.push({ code: 'verified_credential', value: credential.name });
  return reasons;
}

/**
 * The ranked candidates' ids, scores and whether they hold a verified credential, as a table to
 * page through: the match entries (migration 0013: verified, listed professionals, as a ministry
 * may see them) with a `ministry|specialty` key of the need, scored by the same sums as
 * `reasonsFor`, so ranking and paging happen in the database.
 */
export function rankedCandidates(db: Kysely<DB>, ministry: string, match: MatchContext) {
  const { need, family } = match;
  const W = WEIGHTS;
  const points = (condition: RawBuilder<unknown>, weight: number) =>
    sql`CASE WHEN ${condition} THEN ${sql.lit(weight)} ELSE 0 END`;
  const has = (column: string, value: string) => sql`${sql.ref(column)} @> ARRAY[${value}::text]`;
  const terms = [
    ...(need.subSpecialty ? [points(has('e.specialties', need.subSpecialty), W.sub_specialty)] : []),
    points(has('e.specialties', need.specialty), W.specialty),
    points(
      sql`NOT e.specialties && ${[need.specialty, ...(need.subSpecialty ? [need.subSpecialty] : [])]}::text[]`,
      W.related_specialty,
    ),
    ...need.offerKinds.map((kind) => points(has('e.offer_kinds', kind), W.offer_kind)),
    points(sql`e.available_kinds && ${need.offerKinds}::text[]`, W.availability),
    ...need.languages.map((language) => points(has('e.languages', language), W.language)),
    points(sql`e.country = ANY (${[...match.timeZoneCountries.keys()]}::text[])`, W.time_zone),
    points(sql`e.verified_credential`, W.verified_credential),
  ];
  const ranked = sql<{ id: string; score: number; verified: number }>`(
    SELECT e.professional_id AS id, e.verified_credential::int AS verified, (${sql.join(terms, sql` + `)}) AS score
    FROM need_match_entries e
    WHERE e.keys && ${family.map((code) => `${ministry}|${code}`)}::text[])`;
  return db.selectFrom(ranked.as('c')).select(['c.id', 'c.score', 'c.verified']);
}

/**
 * One page of candidates for `need` among the professionals who named `ministry`, best first, each
 * with the fields a ministry may see and the reasons for their rank.
 */
export async function findCandidates(
  db: Kysely<DB>,
  ministry: string,
  need: NeedFields,
  at: Date,
  page: { cursor?: string | undefined; limit?: number | undefined },
): Promise<Schemas['NeedCandidatePage']> {
  const match = await matchContext(db, need, at);
  const { items, nextCursor } = await keysetPage(
    rankedCandidates(db, ministry, match),
    { cursor: page.cursor, limit: Math.min(page.limit ?? 20, 50) },
    [
      { by: 'c.verified', kind: 'micros' },
      { by: 'c.score', kind: 'micros' },
      { by: 'c.id', kind: 'uuid' },
    ],
    'desc',
  );
  const views = items.length
    ? await db
        .selectFrom('professionals as p')
        .select(['p.id', sql<Professional>`mahjar_professional_view(p, ${MINISTRY_SEES}::text[])`.as('view')])
        .where(
          'p.id',
          'in',
          items.map((i) => i.id),
        )
        .execute()
    : [];
  const byId = new Map(views.map((v) => [v.id, v.view]));
  return {
    items: items.flatMap((item) => {
      const professional = byId.get(item.id);
      return professional ? [{ professional, score: item.score, reasons: reasonsFor(match, professional) }] : [];
    }),
    nextCursor,
  };
}

export const candidateHandlers: Pick<Handlers, 'listNeedCandidates'> = {
  async listNeedCandidates({ db, ctx, principal, path, query }) {
    const p = requireMinistry(principal, 'viewer');
    const need = fieldsOf(await ownedNeed(db, p.organisationId, path.id));
    return { status: 200, body: await findCandidates(db, p.organisationSlug, need, ctx.now(), query) };
  },
};

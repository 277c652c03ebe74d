import type { components } from '@mahjar/sdk';
import type { Kysely, Selectable } from 'kysely';
import { contract } from '../../contract.js';
import type {
  ConsentRecordsTable,
  DB,
  Professional as ProfessionalRow,
  Visibility,
  VisibilityMap,
} from '../../db/schema.js';
import type { AdminPrincipal } from '../../http/types.js';
import { ProblemError } from '../../problems.js';

/** A professional's name for mail: as typed, and in Arabic script when they gave both parts. */
export function namesOf(p: {
  given_name: string;
  family_name: string;
  given_name_ar: string | null;
  family_name_ar: string | null;
}): { name: string; nameAr: string | null } {
  return {
    name: `${p.given_name} ${p.family_name}`,
    nameAr: p.given_name_ar && p.family_name_ar ? `${p.given_name_ar} ${p.family_name_ar}` : null,
  };
}

type Schemas = components['schemas'];

export type ConsentRow = Selectable<ConsentRecordsTable>;
export type VisibilityField = keyof Schemas['ProfessionalVisibility'];

/**
 * The audience of a field left out of `visibility`: the contract's `ProfessionalVisibility`
 * defaults, read from the contract itself (the SDK's `profileFieldDefaults` is generated from them).
 */
export const VISIBILITY_DEFAULTS = contract().defaultsOf('ProfessionalVisibility') as Record<
  VisibilityField,
  Visibility
>;

/**
 * The map stored with a profile: every field spelled out, so the directory triggers (which read a
 * missing key as `private`) and every reader agree on what the professional chose.
 */
export function completeVisibility(
  chosen: Schemas['ProfessionalVisibility'] | undefined,
): Record<VisibilityField, Visibility> {
  return { ...VISIBILITY_DEFAULTS, ...chosen };
}

/**
 * Audiences, from least to most trusted; an audience sees a field whose visibility is in its set.
 * `members`: a member signed in through a chapter's site, on that chapter's members (not the
 * umbrella's: the umbrella is no membership of its own); `chapter`: the admins of the
 * professional's chapters; `ministry`: the admins of a ministry the professional named.
 */
export type Audience = 'public' | 'members' | 'chapter' | 'ministry';
export const AUDIENCE_SEES: Record<Audience, readonly Visibility[]> = {
  public: ['public'],
  members: ['public', 'members'],
  chapter: ['public', 'members'],
  ministry: ['public', 'members', 'ministry'],
};

/** The permissions as stored and answered: `listed` spelled out (the input may leave it out). */
export function storedPermissions(p: Schemas['ConsentPermissionsInput']): Schemas['ConsentPermissions'] {
  return {
    ministries: p.ministries,
    listed: p.listed ?? true,
    transferAbroad: p.transferAbroad,
    newsletter: p.newsletter,
  };
}

/**
 * Records what a professional agreed to, and when: the notice they saw, the permissions and the
 * visibility of each field. The signup writes the first record; every later change of consent or
 * visibility writes another (the latest one rules, migration 0011's trigger).
 */
export async function insertConsentRecord(
  db: Kysely<DB>,
  professionalId: string,
  consent: Schemas['ConsentInput'],
  visibility: unknown,
  now: Date,
): Promise<void> {
  await db
    .insertInto('consent_records')
    .values({
      professional_id: professionalId,
      notice_version: consent.noticeVersion,
      notice_hash: consent.noticeHash,
      locale: consent.locale,
      source_site: consent.sourceSite,
      permissions: JSON.stringify(storedPermissions(consent.permissions)),
      visibility: JSON.stringify(visibility),
      created_at: now,
    })
    .execute();
}

/**
 * Every slug of a consent's `ministries` names an organisation of kind `ministry`; otherwise a
 * validation problem (422) pointing at each item that does not, before anything is written.
 * (Duplicates and more than 20 are refused earlier, by the contract's schema.)
 */
export async function checkMinistries(db: Kysely<DB>, ministries: readonly string[], pointer: string): Promise<void> {
  if (ministries.length === 0) return;
  const known = new Set(
    (
      await db
        .selectFrom('organisations')
        .select('slug')
        .where('slug', 'in', [...ministries])
        .where('kind', '=', 'ministry')
        .execute()
    ).map((r) => r.slug),
  );
  const errors = ministries.flatMap((slug, i) =>
    known.has(slug) ? [] : [{ pointer: `${pointer}/${i}`, detail: `${slug} is not a ministry` }],
  );
  if (errors.length > 0) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), {
      errors,
      status: 422,
    });
  }
}

/** Whether `audience` may see `field` of a profile with this stored map (a missing key is private). */
export function sees(audience: Audience, visibility: VisibilityMap, field: VisibilityField): boolean {
  const v = visibility[field];
  return v !== undefined && AUDIENCE_SEES[audience].includes(v);
}

export function toConsentRecord(c: ConsentRow): Schemas['ConsentRecord'] {
  return {
    id: c.id,
    professionalId: c.professional_id,
    noticeVersion: c.notice_version,
    noticeHash: c.notice_hash,
    locale: c.locale,
    sourceSite: c.source_site,
    permissions: storedPermissions(c.permissions),
    visibility: c.visibility as Schemas['ProfessionalVisibility'],
    createdAt: c.created_at.toISOString(),
  };
}

/** The reviewer's view: every field, the address and the consent record. */
export function toAdminProfessional(
  p: ProfessionalRow,
  consent: ConsentRow,
  reviewNote: string | null,
): Schemas['AdminProfessional'] {
  return {
    id: p.id,
    status: p.status,
    ...(p.title ? { title: p.title } : {}),
    profession: p.profession,
    givenName: p.given_name,
    familyName: p.family_name,
    ...(p.given_name_ar ? { givenNameAr: p.given_name_ar } : {}),
    ...(p.family_name_ar ? { familyNameAr: p.family_name_ar } : {}),
    email: p.email,
    specialties: p.specialties,
    country: p.country,
    city: p.city,
    affiliations: p.affiliations,
    credentials: p.credentials,
    languages: p.languages,
    ...(p.medical_school ? { medicalSchool: p.medical_school } : {}),
    chapters: p.chapters,
    offers: p.offers as Schemas['Offer'][],
    ...(p.bio ? { bio: p.bio } : {}),
    visibility: p.visibility as Schemas['ProfessionalVisibility'],
    consent: toConsentRecord(consent),
    joinedAt: p.joined_at.toISOString(),
    reviewNote,
  };
}

/** Latest consent record and latest review note of each profile. */
export async function consentsAndNotes(
  db: Kysely<DB>,
  ids: string[],
): Promise<{ consents: Map<string, ConsentRow>; notes: Map<string, string | null> }> {
  const consents = new Map<string, ConsentRow>();
  const notes = new Map<string, string | null>();
  if (ids.length === 0) return { consents, notes };
  // One after the other: `db` may be a transaction, which runs one statement at a time anyway.
  const consentRows = await db
    .selectFrom('consent_records')
    .selectAll()
    .where('professional_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  const reviewRows = await db
    .selectFrom('professional_reviews')
    .select(['professional_id', 'note'])
    .where('professional_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const c of consentRows) consents.set(c.professional_id, c);
  for (const r of reviewRows) notes.set(r.professional_id, r.note);
  return { consents, notes };
}

/**
 * Which professionals an organisation's admins review and export: a chapter its own members; the
 * umbrella (the platform's operator, as for the outbox) everyone; a ministry only the professionals
 * whose latest consent names it; partners nobody.
 */
export type MemberScope = { all: true } | { all: false; chapter: string } | { all: false; ministry: string };

export function memberScope(p: AdminPrincipal): MemberScope {
  if (p.organisationKind === 'umbrella') return { all: true };
  if (p.organisationKind === 'ministry') return { all: false, ministry: p.organisationSlug };
  if (p.organisationKind === 'chapter') return { all: false, chapter: p.organisationSlug };
  throw new ProblemError('forbidden', 'Partner organisations have no members to review or export.');
}

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';
import { directoryCardFunction } from './0006_directory_index.js';

/**
 * `mahjar_public_professional(professionals)`: the one public view of a professional (the contract's
 * `Professional` for a public caller): only the fields whose visibility is `public`, others omitted,
 * never the e-mail address. `getProfessional` answers with it, and the directory's card
 * (`mahjar_directory_card`, which the search statement returns) is now this view without the
 * profile-only fields, so the rule "who sees which field" is written once, here.
 */
const PUBLIC_FIELDS: [string, string][] = [
  ['title', 'p.title'],
  ['profession', 'p.profession'],
  ['givenName', 'p.given_name'],
  ['familyName', 'p.family_name'],
  ['givenNameAr', 'p.given_name_ar'],
  ['familyNameAr', 'p.family_name_ar'],
  ['specialties', 'to_jsonb(p.specialties)'],
  ['country', 'p.country'],
  ['city', 'p.city'],
  ['affiliations', 'p.affiliations'],
  ['credentials', 'p.credentials'],
  ['languages', 'to_jsonb(p.languages)'],
  ['medicalSchool', 'p.medical_school'],
  ['chapters', 'to_jsonb(p.chapters)'],
  ['offers', 'p.offers'],
  ['bio', 'p.bio'],
];

/** What a profile shows and a directory card leaves out. */
const PROFILE_ONLY = ['joinedAt', 'affiliations', 'credentials', 'medicalSchool', 'bio'];

const up_statements = [
  `CREATE FUNCTION mahjar_public_professional(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_strip_nulls(jsonb_build_object('id', p.id,
      'joinedAt', to_char(p.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${PUBLIC_FIELDS.map(
        ([field, value]) => `'${field}', CASE WHEN p.visibility ->> '${field}' = 'public' THEN ${value} END`,
      ).join(', ')}))`,
  `CREATE OR REPLACE FUNCTION mahjar_directory_card(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN mahjar_public_professional(p) - ARRAY[${PROFILE_ONLY.map((f) => `'${f}'`).join(', ')}]`,
];

const down_statements = [
  `CREATE OR REPLACE FUNCTION ${directoryCardFunction}`,
  'DROP FUNCTION IF EXISTS mahjar_public_professional(professionals)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

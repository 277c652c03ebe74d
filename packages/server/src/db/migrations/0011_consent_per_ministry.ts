import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';
import { addWords, upsert } from './0002_directory_search.js';

/**
 * Consent per ministry, and a consent to be listed at all.
 *
 * `organisation_ministries`: the ministry organisations an organisation works with (the contract's
 * `Organisation.ministries`). Filled here by one rule for the organisations that exist today: a
 * chapter or umbrella works with every ministry of its umbrella's country (its own country when it
 * has no umbrella). So ILMA (LB) and every ILMA chapter → the Lebanese ministry; an organisation
 * without an umbrella in a country without a ministry (IMSA, registered in GB) → none. Later
 * links are the seed's (and an operator's) to make.
 *
 * Stored consents (`consent_records.permissions`) are rewritten conservatively:
 * - `shareWithMinistry: true` → `ministries`: the ministries linked (by the rule above, at the
 *   time of this migration) to the chapters the member belongs to at that time. A member of no
 *   chapter, or of chapters linked to no ministry, now shares with nobody. What was given keeps
 *   going only to the ministry the member's chapter worked with; no new ministry ever inherits it.
 * - `shareWithMinistry: false` → `ministries: []`.
 * - `listed: true` for every existing record: every verified profile was listed before.
 * The log is evidence of what each member agreed to: a rewritten record keeps its permissions exactly
 * as given in `consent_records.permissions_as_given` (null for records written after this migration,
 * whose `permissions` are as given).
 * The tombstones of deleted accounts (`deleted_accounts`) are history of what was agreed and stay
 * as they were.
 *
 * `professionals.listed` and `professionals.ministries` hold what the member's latest consent says,
 * kept by a statement trigger on `consent_records` (a record newer than every other of its member
 * wins; among records of the same instant, the one inserted last), so no writer can forget them.
 * The directory's triggers (migration 0002, redefined below) leave unlisted profiles out of
 * `directory_entries` and copy `ministries` into it, so a ministry's key searches only the
 * professionals who named it, in SQL and in the in-process index alike; a withdrawn consent moves
 * the directory's version, and with it every cached answer.
 *
 * `mahjar_professional_view(p, audiences)`: a professional with only the fields whose visibility is
 * in `audiences` (a missing key is private); the public view (migration 0008) and the directory's
 * card are now this view for `{public}`, and a signed-in member's view of a fellow member is it for
 * `{public, members}`. One rule, in one place.
 */
const VIEW_FIELDS: [string, string][] = [
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

/** What a profile shows and a directory card leaves out (as in migration 0008). */
const PROFILE_ONLY = ['joinedAt', 'affiliations', 'credentials', 'medicalSchool', 'bio'];

const EXTRA = ['ministries'] as const;

const syncFunction = (extra: readonly string[], listedOnly: boolean) => `
  CREATE OR REPLACE FUNCTION mahjar_directory_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM directory_entries d USING changed c
      WHERE d.professional_id = c.id AND (c.status <> 'verified'${listedOnly ? ' OR NOT c.listed' : ''});
    ${upsert(listedOnly ? '(SELECT * FROM changed WHERE listed)' : 'changed', extra)};
    ${addWords('(SELECT d.search_tsv FROM changed c JOIN directory_entries d ON d.professional_id = c.id) s')};
    RETURN NULL;
  END
  $fn$`;

const rebuildFunction = (extra: readonly string[], listedOnly: boolean) => `
  CREATE OR REPLACE FUNCTION mahjar_directory_rebuild() RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE n bigint;
  BEGIN
    DELETE FROM directory_entries;
    ${upsert(listedOnly ? '(SELECT * FROM professionals WHERE listed)' : 'professionals', extra)};
    GET DIAGNOSTICS n = ROW_COUNT;
    ${addWords('directory_entries s')};
    RETURN n;
  END
  $fn$`;

/** The latest consent's `listed` and `ministries`, from a `permissions` object. */
const listedOf = (permissions: string) => `coalesce((${permissions} ->> 'listed')::boolean, true)`;
const ministriesOf = (permissions: string) =>
  `ARRAY(SELECT jsonb_array_elements_text(coalesce(${permissions} -> 'ministries', '[]'::jsonb)) ORDER BY 1)`;

const up_statements = [
  `CREATE TABLE organisation_ministries (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    ministry_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, ministry_id)
  )`,
  `INSERT INTO organisation_ministries (organisation_id, ministry_id)
    SELECT o.id, m.id FROM organisations o
    LEFT JOIN organisations u ON u.slug = o.parent_slug
    JOIN organisations m ON m.kind = 'ministry' AND m.country = coalesce(u.country, o.country)
    WHERE o.kind IN ('chapter', 'umbrella')`,

  // the log is evidence of what was agreed: each record keeps its permissions exactly as given
  `ALTER TABLE consent_records ADD COLUMN permissions_as_given jsonb`,
  `UPDATE consent_records SET permissions_as_given = permissions WHERE permissions ? 'shareWithMinistry'`,
  `UPDATE consent_records c SET permissions = (c.permissions - 'shareWithMinistry') || jsonb_build_object(
      'listed', true,
      'ministries', CASE WHEN (c.permissions ->> 'shareWithMinistry')::boolean THEN coalesce((
        SELECT jsonb_agg(DISTINCT m.slug ORDER BY m.slug)
        FROM professionals p
        JOIN organisations ch ON ch.slug = ANY (p.chapters)
        JOIN organisation_ministries om ON om.organisation_id = ch.id
        JOIN organisations m ON m.id = om.ministry_id
        WHERE p.id = c.professional_id), '[]'::jsonb) ELSE '[]'::jsonb END)
    WHERE c.permissions ? 'shareWithMinistry' OR NOT c.permissions ? 'ministries'`,

  // functions whose body reads the row type pin it: dropped here, defined again below
  'DROP FUNCTION mahjar_directory_card(professionals)',
  'DROP FUNCTION mahjar_public_professional(professionals)',
  `ALTER TABLE professionals ADD COLUMN listed boolean NOT NULL DEFAULT true`,
  `ALTER TABLE professionals ADD COLUMN ministries text[] NOT NULL DEFAULT '{}'`,
  `ALTER TABLE directory_entries ADD COLUMN ministries text[] NOT NULL DEFAULT '{}'`,
  `CREATE INDEX directory_ministries_idx ON directory_entries USING gin (ministries)`,

  `CREATE FUNCTION mahjar_consent_recorded() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE professionals p SET listed = ${listedOf('n.permissions')}, ministries = ${ministriesOf('n.permissions')}
    FROM (SELECT DISTINCT ON (a.professional_id) a.professional_id, a.permissions, a.created_at
          FROM added a ORDER BY a.professional_id, a.created_at DESC) n
    WHERE p.id = n.professional_id
      AND NOT EXISTS (SELECT 1 FROM consent_records c
                      WHERE c.professional_id = n.professional_id AND c.created_at > n.created_at)
      AND (p.listed IS DISTINCT FROM ${listedOf('n.permissions')}
           OR p.ministries IS DISTINCT FROM ${ministriesOf('n.permissions')});
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER consent_records_professional AFTER INSERT ON consent_records
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mahjar_consent_recorded()`,

  syncFunction(EXTRA, true),
  rebuildFunction(EXTRA, true),

  // every profile as its latest consent says (the directory follows through its triggers)
  `UPDATE professionals p SET listed = ${listedOf('l.permissions')}, ministries = ${ministriesOf('l.permissions')}
    FROM (SELECT DISTINCT ON (c.professional_id) c.professional_id, c.permissions
          FROM consent_records c ORDER BY c.professional_id, c.created_at DESC, c.id DESC) l
    WHERE p.id = l.professional_id`,
  'SELECT mahjar_directory_rebuild()',

  `CREATE FUNCTION mahjar_professional_view(p professionals, audiences text[]) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_strip_nulls(jsonb_build_object('id', p.id,
      'joinedAt', to_char(p.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${VIEW_FIELDS.map(
        ([field, value]) => `'${field}', CASE WHEN (p.visibility ->> '${field}') = ANY (audiences) THEN ${value} END`,
      ).join(', ')}))`,
  `CREATE FUNCTION mahjar_public_professional(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN mahjar_professional_view(p, ARRAY['public'])`,
  `CREATE FUNCTION mahjar_directory_card(p professionals, audiences text[]) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN mahjar_professional_view(p, audiences) - ARRAY[${PROFILE_ONLY.map((f) => `'${f}'`).join(', ')}]`,
  `CREATE FUNCTION mahjar_directory_card(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN mahjar_directory_card(p, ARRAY['public'])`,
];

const down_statements = [
  'DROP FUNCTION IF EXISTS mahjar_directory_card(professionals)',
  'DROP FUNCTION IF EXISTS mahjar_directory_card(professionals, text[])',
  'DROP FUNCTION IF EXISTS mahjar_public_professional(professionals)',
  'DROP FUNCTION IF EXISTS mahjar_professional_view(professionals, text[])',
  'DROP TRIGGER IF EXISTS consent_records_professional ON consent_records',
  'DROP FUNCTION IF EXISTS mahjar_consent_recorded()',
  syncFunction([], false),
  rebuildFunction([], false),
  'DROP INDEX IF EXISTS directory_ministries_idx',
  'ALTER TABLE directory_entries DROP COLUMN IF EXISTS ministries',
  'ALTER TABLE professionals DROP COLUMN IF EXISTS ministries',
  'ALTER TABLE professionals DROP COLUMN IF EXISTS listed',
  // 0008's public view and card, as they were
  `CREATE FUNCTION mahjar_public_professional(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_strip_nulls(jsonb_build_object('id', p.id,
      'joinedAt', to_char(p.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${VIEW_FIELDS.map(
        ([field, value]) => `'${field}', CASE WHEN p.visibility ->> '${field}' = 'public' THEN ${value} END`,
      ).join(', ')}))`,
  `CREATE FUNCTION mahjar_directory_card(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN mahjar_public_professional(p) - ARRAY[${PROFILE_ONLY.map((f) => `'${f}'`).join(', ')}]`,
  'SELECT mahjar_directory_rebuild()',
  // back to what was given where it was kept, else to one yes/no: shared with a ministry if with any
  `UPDATE consent_records SET permissions = permissions_as_given WHERE permissions_as_given IS NOT NULL`,
  `UPDATE consent_records c SET permissions = (c.permissions - 'ministries' - 'listed')
      || jsonb_build_object('shareWithMinistry', jsonb_array_length(coalesce(c.permissions -> 'ministries', '[]'::jsonb)) > 0)
    WHERE c.permissions ? 'ministries'`,
  'ALTER TABLE consent_records DROP COLUMN IF EXISTS permissions_as_given',
  'DROP TABLE IF EXISTS organisation_ministries',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

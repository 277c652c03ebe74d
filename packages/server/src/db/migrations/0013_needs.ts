import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * A ministry's needs (issue 17): what help it asks the diaspora for, and every change made to one.
 *
 * `needs`: one row per need, owned by the ministry organisation that posted it. The specialty,
 * sub-specialty and priority area point at the managed taxonomies; the host facility is a name.
 * `state` moves `draft → open → filled`, or to `closed` from `draft` or `open` (enforced by the
 * server, which records each move). `need_changes`: who (the API key) changed what (the action, the
 * states, the fields an update touched) and when, oldest first.
 *
 * `need_match_entries`: what matching a need reads of each professional who could be a candidate
 * (verified, listed, naming at least one ministry in their latest consent, specialties visible to a
 * ministry), narrowed to the fields a ministry may see: the rule of `mahjar_professional_view` for
 * `{public, members, ministry}` (migration 0011). A hidden field is stored empty, so it can neither
 * rank nor reveal anyone. `keys` holds `ministry|specialty` for every pair, so one GIN lookup finds
 * exactly the rows that named the ministry and share a specialty with the need (intersecting two
 * indexes on `directory_entries`, one of them matching two thirds of the directory, and reading the
 * wide profile rows took 250 ms for a broad need at 100k profiles). Kept by statement triggers on
 * `professionals` (the consent trigger of 0011 writes `listed` and `ministries` there, so a withdrawn
 * consent drops the row in the same statement), filled here for the profiles that exist.
 */
/** A field a ministry may see (`public`, `members` or `ministry`), as `mahjar_professional_view` decides. */
const sees = (field: string) => `(p.visibility ->> '${field}') IN ('public', 'members', 'ministry')`;

/** The match entries of the professionals in `source` who can be candidates at all. */
const insertEntries = (source: string) => `
  INSERT INTO need_match_entries
    (professional_id, keys, specialties, offer_kinds, available_kinds, languages, country, verified_credential)
  SELECT p.id,
    ARRAY(SELECT m || '|' || s FROM unnest(p.ministries) m, unnest(p.specialties) s),
    p.specialties,
    CASE WHEN ${sees('offers')}
      THEN ARRAY(SELECT DISTINCT o ->> 'kind' FROM jsonb_array_elements(p.offers) o) ELSE '{}' END,
    CASE WHEN ${sees('offers')}
      THEN ARRAY(SELECT DISTINCT o ->> 'kind' FROM jsonb_array_elements(p.offers) o
                 WHERE btrim(o ->> 'availability') <> '') ELSE '{}' END,
    CASE WHEN ${sees('languages')} THEN p.languages ELSE '{}' END,
    CASE WHEN ${sees('country')} THEN p.country END,
    ${sees('credentials')} AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.credentials) c
                                      WHERE c ->> 'verification' = 'verified')
  FROM ${source} p
  WHERE p.status = 'verified' AND p.listed AND cardinality(p.ministries) > 0
    AND cardinality(p.specialties) > 0 AND ${sees('specialties')}`;

const up_statements = [
  `CREATE TABLE needs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'filled', 'closed')),
    title text NOT NULL,
    description text,
    specialty text NOT NULL REFERENCES specialties (code),
    sub_specialty text REFERENCES specialties (code),
    offer_kinds text[] NOT NULL CHECK (cardinality(offer_kinds) BETWEEN 1 AND 6),
    country text NOT NULL,
    city text,
    facility text,
    remote boolean NOT NULL,
    time_zone text,
    starts_on date,
    ends_on date,
    languages text[] NOT NULL DEFAULT '{}',
    priority_area text NOT NULL REFERENCES priority_areas (code),
    people integer NOT NULL CHECK (people BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on),
    CHECK (NOT remote OR time_zone IS NOT NULL)
  )`,
  `CREATE INDEX needs_organisation_idx ON needs (organisation_id, created_at, id)`,
  `CREATE TABLE need_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    action text NOT NULL CHECK (action IN ('created', 'updated', 'state_changed')),
    from_state text,
    to_state text NOT NULL,
    fields text[] NOT NULL DEFAULT '{}',
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX need_changes_need_idx ON need_changes (need_id, created_at)`,

  `CREATE TABLE need_match_entries (
    professional_id uuid PRIMARY KEY REFERENCES professionals (id) ON DELETE CASCADE,
    keys text[] NOT NULL,
    specialties text[] NOT NULL,
    offer_kinds text[] NOT NULL,
    available_kinds text[] NOT NULL,
    languages text[] NOT NULL,
    country text,
    verified_credential boolean NOT NULL
  )`,
  `CREATE INDEX need_match_keys_idx ON need_match_entries USING gin (keys)`,
  `CREATE FUNCTION mahjar_need_match_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM need_match_entries e USING changed c WHERE e.professional_id = c.id;
    ${insertEntries('changed')};
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER professionals_need_match_insert AFTER INSERT ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_need_match_sync()`,
  `CREATE TRIGGER professionals_need_match_update AFTER UPDATE ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_need_match_sync()`,
  insertEntries('professionals'),
  'ANALYZE need_match_entries',
];

const down_statements = [
  'DROP TRIGGER IF EXISTS professionals_need_match_update ON professionals',
  'DROP TRIGGER IF EXISTS professionals_need_match_insert ON professionals',
  'DROP FUNCTION IF EXISTS mahjar_need_match_sync()',
  'DROP TABLE IF EXISTS need_match_entries',
  'DROP TABLE IF EXISTS need_changes',
  'DROP TABLE IF EXISTS needs',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

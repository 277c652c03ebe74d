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
 * Candidates for a need are the directory rows (verified and listed profiles) that name the
 * ministry and share a specialty with the need: the indexes `directory_specialties_idx` (migration
 * 0002) and `directory_ministries_idx` (migration 0011) find them, so none is added here.
 */
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
];

const down_statements = ['DROP TABLE IF EXISTS need_changes', 'DROP TABLE IF EXISTS needs'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

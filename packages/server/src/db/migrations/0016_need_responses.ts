import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * The loop of a need (issue 17, item 3): invitations mailed to chosen candidates, the answers
 * ("I can help"), and what the ministry makes of them.
 *
 * `need_invitations`: one per need and professional (inviting again replaces the token), holding
 * only the SHA-256 of the mailed token and when it stops working. `need_responses`: one per need and
 * professional, `interested → shortlisted → assigned`, with the outcome of an assignment once
 * recorded. `need_response_changes`: who (the API key, null for the professional) did what, when.
 */
const up_statements = [
  `CREATE TABLE need_invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    UNIQUE (need_id, professional_id)
  )`,
  `CREATE TABLE need_responses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    state text NOT NULL DEFAULT 'interested' CHECK (state IN ('interested', 'shortlisted', 'assigned')),
    via text NOT NULL CHECK (via IN ('invitation', 'member')),
    message text CHECK (char_length(message) <= 1000),
    outcome_done boolean,
    outcome_hours integer CHECK (outcome_hours BETWEEN 0 AND 10000),
    outcome_people integer CHECK (outcome_people BETWEEN 0 AND 1000000),
    outcome_summary text CHECK (char_length(outcome_summary) BETWEEN 1 AND 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (need_id, professional_id),
    CHECK ((outcome_done IS NULL) = (outcome_summary IS NULL)),
    CHECK (outcome_done IS NULL OR state = 'assigned')
  )`,
  `CREATE TABLE need_response_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    response_id uuid NOT NULL REFERENCES need_responses (id) ON DELETE CASCADE,
    action text NOT NULL CHECK (action IN ('answered', 'shortlisted', 'assigned', 'outcome_recorded')),
    from_state text,
    to_state text NOT NULL,
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX need_response_changes_response_idx ON need_response_changes (response_id, created_at)`,
];

const down_statements = [
  'DROP TABLE IF EXISTS need_response_changes',
  'DROP TABLE IF EXISTS need_responses',
  'DROP TABLE IF EXISTS need_invitations',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

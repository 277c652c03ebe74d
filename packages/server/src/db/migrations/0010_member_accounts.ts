import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Members sign in by e-mail link (operations/members.ts). Only hashes of codes and tokens are
 * stored, so a copy of the database signs nobody in.
 * - `member_sign_in_codes`: a code mailed to a member, valid once, for 15 minutes, with the
 *   publishable key of the organisation whose site asked for it. Also what the per-address limit
 *   counts (3 links in 15 minutes).
 * - `member_sessions`: what a code is exchanged for; used with the same organisation's key, ended
 *   by signing out (one, or all of a member's), and by expiry after 14 days.
 * Both go with the member: deleting a professional deletes them.
 * - `deleted_accounts`: what is left of a deleted member's consent history (deleteMemberAccount):
 *   which notices were agreed to and when, and when the account was deleted. No personal data: no
 *   id of the professional, no name, no address.
 */
const up_statements = [
  `CREATE TABLE member_sign_in_codes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code_hash text NOT NULL UNIQUE,
    professional_id uuid NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`,
  `CREATE INDEX member_sign_in_codes_recent_idx ON member_sign_in_codes (professional_id, created_at)`,
  `CREATE TABLE member_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash text NOT NULL UNIQUE,
    professional_id uuid NOT NULL REFERENCES professionals(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at timestamptz
  )`,
  `CREATE INDEX member_sessions_professional_idx ON member_sessions (professional_id) WHERE ended_at IS NULL`,
  `CREATE TABLE deleted_accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    deleted_at timestamptz NOT NULL,
    consents jsonb NOT NULL CHECK (jsonb_typeof(consents) = 'array')
  )`,
];

const down_statements = [
  'DROP TABLE IF EXISTS deleted_accounts',
  'DROP TABLE IF EXISTS member_sessions',
  'DROP TABLE IF EXISTS member_sign_in_codes',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

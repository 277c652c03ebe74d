import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/** The roles of keys and admin users from this migration on (the contract's `AdminRole`). */
const ROLES = `('owner', 'editor', 'reviewer', 'treasurer', 'viewer')`;

/**
 * People as admins, and the audit log (issue 16).
 * - Roles become the jobs a chapter has: `admin` goes; its keys become `editor` (the events and
 *   campaigns `admin` wrote; `admin` also read the outbox, which is now the owner's), and
 *   `reviewer` and `treasurer` arrive.
 * - `admin_users`: a person who may sign in to an organisation's console, with a role; removing one
 *   sets `removed_at` (kept, so the audit log still names who wrote). One live user per address and
 *   organisation.
 * - `admin_sign_in_codes` and `admin_sessions`: as the members' (0010, 0015), hashes only; a session
 *   ends after 12 hours without use (`last_used_at`) or at `expires_at` (7 days), whichever first.
 * - `audit_log`: every admin write that succeeded: whose log (`organisation_id`), who (`actor_kind`
 *   and the key or the user), which operation, on what, when.
 */
const up_statements = [
  `ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check`,
  `UPDATE api_keys SET role = 'editor' WHERE role = 'admin'`,
  `ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ${ROLES})`,
  `CREATE TABLE admin_users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role text NOT NULL CHECK (role IN ${ROLES}),
    locale text NOT NULL CHECK (locale IN ('en', 'ar', 'fr')),
    invited_at timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz,
    removed_at timestamptz
  )`,
  `CREATE UNIQUE INDEX admin_users_address_idx ON admin_users (organisation_id, lower(email)) WHERE removed_at IS NULL`,
  `CREATE TABLE admin_sign_in_codes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code_hash text NOT NULL UNIQUE,
    verifier_hash text NOT NULL,
    admin_user_id uuid NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`,
  `CREATE INDEX admin_sign_in_codes_recent_idx ON admin_sign_in_codes (admin_user_id, created_at)`,
  `CREATE TABLE admin_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash text NOT NULL UNIQUE,
    admin_user_id uuid NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz
  )`,
  `CREATE INDEX admin_sessions_user_idx ON admin_sessions (admin_user_id) WHERE ended_at IS NULL`,
  `CREATE TABLE audit_log (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    actor_kind text NOT NULL CHECK (actor_kind IN ('key', 'user', 'operator')),
    api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
    admin_user_id uuid REFERENCES admin_users(id) ON DELETE SET NULL,
    operation text NOT NULL,
    target_id text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id, created_at, id)`,
];

const down_statements = [
  'DROP TABLE IF EXISTS audit_log',
  'DROP TABLE IF EXISTS admin_sessions',
  'DROP TABLE IF EXISTS admin_sign_in_codes',
  'DROP TABLE IF EXISTS admin_users',
  `ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check`,
  `UPDATE api_keys SET role = 'viewer' WHERE role IN ('reviewer', 'treasurer')`,
  `ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'admin', 'editor', 'viewer'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

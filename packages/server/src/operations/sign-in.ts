import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashKey } from '../http/auth.js';
import { ProblemError } from '../problems.js';

/**
 * Sign-in by e-mail link, for members (members.ts) and admin users (admin-users.ts) alike: a
 * single-use code mailed in a link's fragment, exchanged only with the verifier whose SHA-256 the
 * asking browser sent, for an opaque session token. Codes and tokens are stored as hashes.
 */

/** How long a mailed sign-in code works. */
export const CODE_TTL_MS = 15 * 60_000;
/** Links mailed to one person within CODE_TTL_MS at most; more requests answer alike and send nothing. */
export const LINKS_PER_ADDRESS = 3;

/** A random secret with its kind's prefix (`ml_`, `ms_`, `al_`, `as_`). */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** `returnUrl` with the code in its fragment (replacing any), so it reaches no server log or Referer. */
export function linkTo(returnUrl: string, code: string): string {
  const url = new URL(returnUrl);
  url.hash = `mahjar-sign-in=${code}`;
  return url.toString();
}

/** The one answer to every code that cannot be exchanged, whatever the reason. */
export function signInLinkInvalid(): ProblemError {
  return new ProblemError(
    'sign-in-link-invalid',
    'This sign-in link has expired, was already used, or was asked for in another browser. Ask for a new one.',
    { errors: [{ pointer: '/code', detail: 'is not a valid sign-in code' }] },
  );
}

/** Where each kind of person's codes are kept, and the column naming whose they are. */
const stores = {
  member: { table: 'member_sign_in_codes', owner: 'professional_id' },
  admin: { table: 'admin_sign_in_codes', owner: 'admin_user_id' },
} as const satisfies Record<string, { table: keyof DB; owner: string }>;
export type SignInKind = keyof typeof stores;

/**
 * A new code for `ownerId`, or null when LINKS_PER_ADDRESS links went to them within CODE_TTL_MS
 * (the caller answers alike and mails nothing). The caller holds a lock on the owner's row, so the
 * count holds against concurrent requests. `extra` columns go into the code's row (the member's
 * organisation).
 */
export async function issueSignInCode(
  db: Kysely<DB>,
  kind: SignInKind,
  input: { ownerId: string; verifierHash: string; now: Date; extra?: Record<string, string> },
): Promise<string | null> {
  const { table, owner } = stores[kind];
  const { ownerId, verifierHash, now } = input;
  const since = new Date(now.getTime() - CODE_TTL_MS);
  const { rows } = await sql<{ links: number | string }>`
    SELECT count(*) AS links FROM ${sql.table(table)}
    WHERE ${sql.ref(owner)} = ${ownerId} AND created_at > ${since}`.execute(db);
  if (Number(rows[0]?.links ?? 0) >= LINKS_PER_ADDRESS) return null;
  const code = newSecret(kind === 'member' ? 'ml_' : 'al_');
  const values: Record<string, unknown> = {
    code_hash: hashKey(code),
    verifier_hash: verifierHash,
    [owner]: ownerId,
    created_at: now,
    expires_at: new Date(now.getTime() + CODE_TTL_MS),
    ...input.extra,
  };
  const columns = Object.keys(values);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES (${sql.join(columns.map((c) => values[c]))})`.execute(db);
  return code;
}

/**
 * Uses `code` if it is live, unused, sent with the verifier of the browser that asked for it and
 * matches `extra` (the member's organisation); returns whose it is, or throws `sign-in-link-invalid`.
 * Used in the statement that finds it: two exchanges of one code cannot both succeed.
 */
export async function redeemSignInCode(
  db: Kysely<DB>,
  kind: SignInKind,
  input: { code: string; verifier: string; now: Date; extra?: Record<string, string> },
): Promise<string> {
  const { table, owner } = stores[kind];
  const { code, verifier, now } = input;
  const conditions = Object.entries(input.extra ?? {}).map(([column, value]) => sql`AND ${sql.ref(column)} = ${value}`);
  const { rows } = await sql<{ owner_id: string }>`
    UPDATE ${sql.table(table)} SET used_at = ${now}
    WHERE code_hash = ${hashKey(code)} AND verifier_hash = ${hashKey(verifier)}
      AND used_at IS NULL AND expires_at > ${now} ${sql.join(conditions, sql` `)}
    RETURNING ${sql.ref(owner)} AS owner_id`.execute(db);
  const used = rows[0];
  if (!used) throw signInLinkInvalid();
  return used.owner_id;
}

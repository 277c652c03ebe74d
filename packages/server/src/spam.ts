import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import { ProblemError } from './problems.js';

/**
 * Proof-of-work spam check, used instead of a third-party CAPTCHA (nothing on the page talks to a
 * tracker). `issueChallenge` signs `{id, expiry, difficulty}` with an HMAC, so issuing needs no
 * storage and any instance behind a load balancer can verify. The client finds a `nonce` such that
 * sha256(token + ":" + nonce) starts with `difficulty` zero bits (about 2^difficulty hashes: ~65 000
 * at 16 bits, 50–300 ms in a browser). `consumeChallenge` checks the signature, the expiry and the
 * work, then records the challenge id in `signup_challenges` (unique), inside the caller's
 * transaction: a second use of the same token fails, and a request that fails later rolls the
 * record back so the visitor can retry with the same solution.
 *
 * Token: `ch_v1.<payload>.<signature>`, both base64url; payload = `<id hex>.<expiry epoch s>.<difficulty>`.
 */

export const CHALLENGE_VERSION = 'ch_v1';
export const DEFAULT_DIFFICULTY = 16;
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

export interface Challenge {
  token: string;
  difficulty: number;
  algorithm: 'sha256';
  expiresAt: string;
}

export interface ChallengeSolution {
  token: string;
  nonce: string;
}

/**
 * The HMAC key. Derived (not the secret itself) so the value that signs webhooks never signs
 * challenges; `CHALLENGE_SECRET` overrides it for deployments that rotate them separately.
 */
export function challengeSecret(
  config: Pick<Config, 'sandboxWebhookSecret'> & Partial<Pick<Config, 'challengeSecret'>>,
): Buffer {
  const root = config.challengeSecret || config.sandboxWebhookSecret;
  return createHmac('sha256', root).update('mahjar signup challenge v1').digest();
}

const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(`${CHALLENGE_VERSION}.${payload}`).digest('base64url');

export function issueChallenge(
  secret: Buffer,
  now: Date,
  difficulty = DEFAULT_DIFFICULTY,
  ttlMs = CHALLENGE_TTL_MS,
): Challenge {
  const expires = Math.floor((now.getTime() + ttlMs) / 1000);
  const payload = Buffer.from(`${randomBytes(16).toString('hex')}.${expires}.${difficulty}`).toString('base64url');
  return {
    token: `${CHALLENGE_VERSION}.${payload}.${sign(secret, payload)}`,
    difficulty,
    algorithm: 'sha256',
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function solves(token: string, nonce: string, difficulty: number): boolean {
  return leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`, 'utf8').digest()) >= difficulty;
}

interface Parsed {
  id: string;
  expiresAt: Date;
  difficulty: number;
}

const failed = (detail: string) => new ProblemError('challenge-failed', detail);

/** Checks signature, expiry and work; throws `challenge-failed`. Does not record the use. */
export function checkChallenge(secret: Buffer, solution: ChallengeSolution, now: Date): Parsed {
  const [version, payload, signature, ...rest] = solution.token.split('.');
  if (version !== CHALLENGE_VERSION || !payload || !signature || rest.length > 0) {
    throw failed('The challenge token is not one this server issued. Request a new one and try again.');
  }
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw failed('The challenge token is not one this server issued. Request a new one and try again.');
  }
  const [id, expiry, difficulty] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  const parsed = { id: id ?? '', expiresAt: new Date(Number(expiry) * 1000), difficulty: Number(difficulty) };
  if (
    !/^[0-9a-f]{32}$/.test(parsed.id) ||
    !Number.isInteger(parsed.difficulty) ||
    Number.isNaN(parsed.expiresAt.getTime())
  ) {
    throw failed('The challenge token is not one this server issued. Request a new one and try again.');
  }
  if (parsed.expiresAt.getTime() <= now.getTime()) {
    throw failed('The challenge has expired. Request a new one and try again.');
  }
  if (!solves(solution.token, solution.nonce, parsed.difficulty)) {
    throw failed('The challenge was not solved. Request a new one and try again.');
  }
  return parsed;
}

/**
 * Verifies a solution and marks the challenge as used, in the caller's transaction. Expired records
 * are deleted on the way, so the table only ever holds challenges that could still be replayed.
 */
export async function consumeChallenge(
  trx: Kysely<DB>,
  secret: Buffer,
  solution: ChallengeSolution,
  now: Date,
  sourceSite: string | null,
): Promise<void> {
  const parsed = checkChallenge(secret, solution, now);
  await trx.deleteFrom('signup_challenges').where('expires_at', '<', now).execute();
  const inserted = await trx
    .insertInto('signup_challenges')
    .values({
      nonce: parsed.id,
      difficulty: parsed.difficulty,
      source_site: sourceSite?.slice(0, 2048) ?? null,
      issued_at: new Date(parsed.expiresAt.getTime() - CHALLENGE_TTL_MS),
      expires_at: parsed.expiresAt,
      consumed_at: now,
    })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw failed('This challenge was already used. Request a new one and try again.');
}

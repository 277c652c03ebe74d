import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import stringify from 'safe-stable-stringify';
import type { DB } from '../db/schema.js';
import { ProblemError } from '../problems.js';

/** A handler's answer, as sent and as stored for an Idempotency-Key replay. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  mediaType?: string;
}

export type Work = (db: Kysely<DB>, afterCommit: (task: () => Promise<void>) => void) => Promise<Answer>;

/**
 * Runs a handler, and then the work it left for after its commit, in that order:
 *
 * - `transaction: false` (reads): on the plain connection;
 * - otherwise in one transaction; with an `idempotency` key, the key's row is inserted in that same
 *   transaction, so a failed write leaves neither (the client may retry) and a concurrent duplicate
 *   waits on the key's primary key, then replays the stored answer (`replayed: true`). The same key
 *   with a different body (compared as data: a hash of its JSON with sorted keys) is a 409.
 *
 * After-commit tasks run only once the transaction has committed, before the answer is sent; a
 * failing one is logged and leaves the answer as it is.
 */
export async function runOperation(
  db: Kysely<DB>,
  options: { transaction: boolean; idempotency: { scope: string; key: string; body: unknown } | undefined },
  log: FastifyBaseLogger,
  work: Work,
): Promise<Answer & { replayed: boolean }> {
  const tasks: Array<() => Promise<void>> = [];
  const afterCommit = (task: () => Promise<void>) => void tasks.push(task);
  const { idempotency } = options;
  const outcome = !options.transaction
    ? { ...(await work(db, afterCommit)), replayed: false }
    : await db.transaction().execute(async (trx) => {
        if (!idempotency) return { ...(await work(trx, afterCommit)), replayed: false };
        const stored = await claimKey(trx, idempotency.scope, idempotency.key, stableHash(idempotency.body));
        if (stored) return { ...stored, replayed: true };
        const answer = await work(trx, afterCommit);
        await trx
          .updateTable('idempotency_keys')
          .set({
            response_status: answer.status,
            response_body: JSON.stringify(answer.body ?? null),
            response_headers: JSON.stringify(answer.headers ?? {}),
          })
          .where('scope', '=', idempotency.scope)
          .where('key', '=', idempotency.key)
          .execute();
        return { ...answer, replayed: false };
      });
  for (const task of tasks) {
    await task().catch((error: unknown) => log.error({ err: error }, 'after-commit task failed'));
  }
  return outcome;
}

/** Inserts the key's row; when it exists, the answer stored with it (or a 409 for another request). */
async function claimKey(trx: Kysely<DB>, scope: string, key: string, requestHash: string): Promise<Answer | null> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const row = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.request_hash !== requestHash) {
    throw new ProblemError('idempotency-conflict', 'This Idempotency-Key was already used for a different request.');
  }
  return {
    status: row.response_status ?? 200,
    body: row.response_body,
    headers: (row.response_headers as Record<string, string> | null) ?? {},
  };
}

/** A hash of the request body as data: JSON with sorted keys, so a body sent in another key order hashes the same. */
const stableHash = (value: unknown) =>
  createHash('sha256')
    .update(stringify(value ?? null))
    .digest('hex');

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AdminPrincipal } from './types.js';

/**
 * Records one admin write in its organisation's audit log, in the write's transaction. The router
 * calls it for every operation with an `x-mahjar-min-role` that is not a read, once it succeeded;
 * the operator's command line calls it with `operator` for what it does outside the API.
 */
export async function audit(
  db: Kysely<DB>,
  entry: {
    principal: AdminPrincipal | { kind: 'operator'; organisationId: string };
    operation: string;
    target: string | null;
  },
): Promise<void> {
  const { principal } = entry;
  await db
    .insertInto('audit_log')
    .values({
      organisation_id: principal.organisationId,
      actor_kind: principal.kind === 'secret' ? 'key' : principal.kind,
      api_key_id: principal.kind === 'secret' ? principal.keyId : null,
      admin_user_id: principal.kind === 'user' ? principal.userId : null,
      operation: entry.operation,
      target_id: entry.target,
    })
    .execute();
}

const asTarget = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : null;

/**
 * What a write was about: the id or slug its path names (the first path parameter), else the `id`
 * of what it answered with, or of the first object in the answer that has one (`createOrganisation`
 * answers with the organisation first).
 */
export function auditTarget(path: Record<string, unknown>, body: unknown): string | null {
  const named = Object.values(path)[0];
  if (named !== undefined) return asTarget(named);
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  if (record.id !== undefined) return asTarget(record.id);
  for (const value of Object.values(record)) {
    if (value && typeof value === 'object' && 'id' in value) return asTarget((value as { id: unknown }).id);
  }
  return null;
}

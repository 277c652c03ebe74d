/**
 * Every role × every admin operation, generated from the contract's `x-mahjar-min-role`: an admin
 * user (bearer session) and a secret key of each role call each operation with the contract's own
 * example input. Below the role the operation needs: 403 `forbidden`, whatever the input. At or above
 * it: never 401 or 403 (the operation may still answer 404 or 409 for the example's ids).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { contract, type OperationSpec } from '../../src/contract.js';
import type { AdminRole } from '../../src/db/schema.js';
import { meetsRole } from '../../src/http/auth.js';
import { bearer, invite, json, signIn } from './admin-sign-in.js';
import { forEachApiEngine } from './harness.js';

const ROLES: AdminRole[] = ['owner', 'editor', 'reviewer', 'treasurer', 'viewer'];
type Json = Record<string, unknown>;

const doc = contract().doc as Json;
const resolve = (node: unknown) => contract().resolve(node as never) as Json;

/** Every admin operation: those the contract gives a role. */
const adminOperations = [...contract().operations.values()].filter((spec) => spec.minRole);

/** Which organisation an operation is tried in: one where a caller with the role may use it. */
function organisationFor(spec: OperationSpec): string {
  if (spec.path.startsWith('/v1/admin/needs')) return 'moph-lebanon'; // a ministry's
  if (spec.operationId === 'createOrganisation') return 'ilma'; // an umbrella's
  return 'ilma-usa';
}

/** The operation's request, from the contract's examples: path, required query and JSON body. */
function exampleRequest(spec: OperationSpec): { path: string; body: string | undefined } {
  const op = (doc.paths as Record<string, Json>)[spec.path]![spec.method.toLowerCase()] as Json;
  const parameters = [...((op.parameters as unknown[]) ?? [])].map(resolve);
  let path = spec.path;
  const query = new URLSearchParams();
  for (const p of parameters) {
    const schema = resolve(p.schema);
    const example = p.example ?? (schema.examples as unknown[] | undefined)?.[0] ?? schema.example;
    if (p.in === 'path') path = path.replace(`{${p.name as string}}`, String(example ?? randomUUID()));
    else if (p.in === 'query' && p.required) query.set(p.name as string, String(example));
  }
  const content = (resolve(op.requestBody ?? {}).content as Record<string, Json> | undefined)?.['application/json'];
  let body: unknown;
  if (content) {
    const examples = content.examples as Record<string, Json> | undefined;
    body = examples ? Object.values(examples)[0]!.value : (resolve(content.schema).examples as unknown[])[0];
  }
  const search = query.toString();
  return { path: search ? `${path}?${search}` : path, body: body === undefined ? undefined : JSON.stringify(body) };
}

forEachApiEngine('roles', (env) => {
  /** Credentials by organisation, principal kind and role. */
  const credentials = new Map<string, Record<string, string>>();
  const slot = (org: string, who: 'user' | 'key', role: AdminRole) => `${org} ${who} ${role}`;

  beforeAll(async () => {
    for (const org of new Set(adminOperations.map(organisationFor))) {
      const owner = { 'Mahjar-Secret-Key': `sk_demo_${org}` };
      for (const role of ROLES) {
        const email = `matrix-${role}-${randomUUID().slice(0, 8)}@${org}.example.org`;
        await invite(env(), owner, email, role);
        credentials.set(slot(org, 'user', role), bearer(await signIn(env(), email, org)));
        const key = await env().fetch(
          '/v1/admin/api-keys',
          json({ kind: 'secret', name: `matrix ${role}`, role }, owner),
        );
        credentials.set(slot(org, 'key', role), { 'Mahjar-Secret-Key': ((await key.json()) as { key: string }).key });
      }
    }
  }, 120_000);

  it('covers every admin operation of the contract', () => {
    expect(adminOperations.length).toBeGreaterThanOrEqual(30);
    for (const name of [
      'listAdminUsers',
      'inviteAdminUser',
      'listAuditLog',
      'createOrganisation',
      'reviewProfessional',
    ]) {
      expect(adminOperations.map((s) => s.operationId)).toContain(name);
    }
  });

  describe.each(['user', 'key'] as const)('as %s', (who) => {
    it.each(adminOperations.map((spec) => [spec.operationId, spec] as const))(
      '%s: 403 below its role, never 401 or 403 at or above it',
      async (_name, spec) => {
        const org = organisationFor(spec);
        const { path, body } = exampleRequest(spec);
        const wrong: string[] = [];
        for (const role of ROLES) {
          const response = await env().fetch(path, {
            method: spec.method,
            headers: {
              ...credentials.get(slot(org, who, role))!,
              'Idempotency-Key': randomUUID(),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body }),
          });
          const text = await response.text();
          if (meetsRole(role, spec.minRole!)) {
            if (response.status === 401 || response.status === 403) wrong.push(`${role} → ${response.status} ${text}`);
          } else if (response.status !== 403 || !text.includes('/problems/forbidden')) {
            wrong.push(`${role} (needs ${spec.minRole}) → ${response.status} ${text}`);
          }
        }
        expect(wrong).toEqual([]);
      },
    );
  });
});

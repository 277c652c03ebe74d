/**
 * What probing the server from outside found (issue 11): crafted input must answer a small
 * problem, never a 500, never a stall.
 */
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/app.js';
import { contract } from '../../src/contract.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { csvCell } from '../../src/operations/csv.js';
import { ProblemError } from '../../src/problems.js';
import { forEachEngine } from '../db/engines.js';
import { forEachApiEngine } from './harness.js';

const cursorOf = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');
const NIL = '00000000-0000-0000-0000-000000000000';

/** Cursors a client could craft: right prefix, wrong parts. None may reach SQL. */
const craftedCursors = [
  `v1:-1|${NIL}`,
  `v1:2020-01-01T00:00:00.000000Z|zz`,
  `v1:2020-13-45T00:00:00.000000Z|${NIL}`,
  `v1:99999999999999999999|${NIL}`,
  'v1:\u0000',
  'v1:a\u0000b|c',
  `v1:2020-01-01T00:00:00.000000Z|${NIL}|extra`,
  'v1:',
].map(cursorOf);

forEachApiEngine('hardening', (env) => {
  const secret = (org = 'ilma-usa') => ({ 'Mahjar-Secret-Key': `sk_demo_${org}` });
  const publishable = { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' };

  describe('cursors', () => {
    it('answers every crafted cursor of every list (but the directory) with a 400 problem', async () => {
      const event = await env()
        .db.selectFrom('events')
        .select('id')
        .where('organiser_slug', '=', 'ilma-usa')
        .executeTakeFirstOrThrow();
      const lists: Array<[string, Record<string, string>]> = [
        ['/v1/events', publishable],
        ['/v1/campaigns', publishable],
        ['/v1/organisations', publishable],
        ['/v1/admin/outbox', secret('ilma')],
        ['/v1/admin/professionals/pending', secret()],
        [`/v1/admin/events/${event.id}/registrations`, secret()],
      ];
      const seen: string[] = [];
      for (const [path, headers] of lists) {
        for (const cursor of craftedCursors) {
          const response = await env().fetch(`${path}?cursor=${cursor}`, { headers });
          const body = (await response.json()) as { type: string; errors?: Array<{ pointer: string }> };
          if (response.status !== 400 || body.errors?.[0]?.pointer !== '/query/cursor') {
            seen.push(`${path} ${Buffer.from(cursor, 'base64url').toString()} → ${response.status} ${body.type}`);
          }
        }
      }
      expect(seen).toEqual([]);
    });
  });

  describe('hostile bodies', () => {
    // 60 KB: under the general limit, 30,000 array items that each fail the contract.
    const hostile = `{"specialties":[${Array(30_000).fill('1').join(',')}]}`;
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      env().fetch(path, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...publishable,
          'Idempotency-Key': crypto.randomUUID(),
          ...headers,
        },
        body,
      });

    it('answers a body of 30,000 bad items with a small problem, and health keeps answering', async () => {
      const requests = Array.from({ length: 5 }, () => post('/v1/signups', hostile));
      const health = await env().fetch('/v1/health');
      expect(health.status).toBe(200);
      for (const response of await Promise.all(requests)) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        const text = await response.text();
        expect(text.length).toBeLessThan(4096);
        const problem = JSON.parse(text) as { errors?: unknown[] };
        expect(problem.errors?.length ?? 0).toBeLessThanOrEqual(100);
      }
    });

    it('bounds a public write to its own body limit', async () => {
      const padded = JSON.stringify({ givenName: 'x'.repeat(40 * 1024) });
      const response = await post('/v1/signups', padded);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { detail: string }).detail).toContain('32 KiB');
    });

    it('answers a hostile webhook body with a small problem', async () => {
      const body = `{${Array.from({ length: 6_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
      const response = await post('/v1/payments/webhooks/sandbox', body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect((await response.text()).length).toBeLessThan(4096);
    });
  });

  describe('ill-formed text', () => {
    const bodies = (pointerName: string) => [
      [`{"${pointerName}":"\\ud800"}`, `/${pointerName}`],
      [`{"nested":{"list":["fine","a\\u0000b"]}}`, '/nested/list/1'],
      [`{"\\udc00key":"value"}`, '/\udc00key'.toWellFormed()],
    ];

    it('refuses a lone surrogate or U+0000 anywhere in any JSON body, before anything runs', async () => {
      const event = await env().db.selectFrom('events').select('id').executeTakeFirstOrThrow();
      const campaign = await env().db.selectFrom('campaigns').select('slug').executeTakeFirstOrThrow();
      const wrong: string[] = [];
      for (const spec of contract().operations.values()) {
        if (!spec.requestMediaTypes.includes('application/json')) continue;
        const path = spec.path
          .replace('{id}', event.id)
          .replace('{responseId}', event.id)
          .replace('{slug}', campaign.slug)
          .replace('{provider}', 'sandbox')
          .replace('{sessionId}', 'cs_sandbox_x')
          .replace('{quarter}', '2026-Q4');
        const auth = spec.security.some((s) => s === 'secretKey' || s === 'bearerAuth') ? secret() : publishable;
        for (const [body, pointer] of bodies('title')) {
          const response = await env().fetch(path, {
            method: spec.method,
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...auth },
            body,
          });
          const problem = (await response.json()) as { errors?: Array<{ pointer: string; detail: string }> };
          if (response.status !== 400 || problem.errors?.[0]?.pointer !== pointer) {
            wrong.push(`${spec.operationId} ${body} → ${response.status} ${JSON.stringify(problem.errors?.[0])}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('refuses U+0000 in a query parameter', async () => {
      const response = await env().fetch('/v1/admin/outbox?to=a%00b@example.org', { headers: secret('ilma') });
      expect(response.status).toBe(400);
    });

    it('stores nothing from a signup whose affiliation holds a lone surrogate', async () => {
      const before = await env().count('professionals');
      const response = await env().fetch('/v1/signups', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...publishable },
        body: '{"affiliations":[{"institution":"\\ud800","role":"x"}]}',
      });
      expect(response.status).toBe(400);
      expect(await env().count('professionals')).toBe(before);
    });
  });

  describe('problems', () => {
    it('answers control characters and huge property names within the Problem schema', async () => {
      const names = Array.from({ length: 80 }, (_, i) => `"\\u0001${'~/'.repeat(300)}${i}":1`).join(',');
      const response = await env().fetch('/v1/admin/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...secret() },
        body: `{${names}}`,
      });
      expect(response.status).toBe(400);
      // The harness checks the body against the contract's Problem schema after each test.
    });
  });

  describe('keys', () => {
    const keysOf = async (org: string) => {
      const response = await env().fetch('/v1/admin/api-keys', { headers: secret(org) });
      return ((await response.json()) as { items: Array<{ id: string; prefix: string; role: string; kind: string }> })
        .items;
    };
    const create = async (org: string, role: string) => {
      const response = await env().fetch('/v1/admin/api-keys', {
        method: 'POST',
        headers: { ...secret(org), 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'secret', name: `${role} key`, role }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; key: string };
    };
    const revoke = (id: string, headers: Record<string, string>) =>
      env().fetch(`/v1/admin/api-keys/${id}/revoke`, { method: 'POST', headers });

    it('lists keys only to an owner, as the contract says', async () => {
      const admin = await create('iom', 'admin');
      const response = await env().fetch('/v1/admin/api-keys', { headers: { 'Mahjar-Secret-Key': admin.key } });
      expect(response.status).toBe(403);
    });

    it('keeps the last owner key, and ends a revoked key at once on this instance', async () => {
      const org = 'lebanese-red-cross';
      const demo = (await keysOf(org)).find((k) => k.kind === 'secret' && k.role === 'owner')!;
      const alone = await revoke(demo.id, secret(org));
      expect(alone.status).toBe(409);
      expect((await env().fetch('/v1/admin/organisation', { headers: secret(org) })).status).toBe(200);

      const second = await create(org, 'owner');
      const ended = await revoke(demo.id, { 'Mahjar-Secret-Key': second.key });
      expect(ended.status).toBe(200);
      expect((await env().fetch('/v1/admin/organisation', { headers: secret(org) })).status).toBe(401);
      // and the new one is now the last owner key
      expect((await revoke(second.id, { 'Mahjar-Secret-Key': second.key })).status).toBe(409);
    });
  });

  describe('headers', () => {
    it('sends nosniff on every answer: data, problems, files, unknown paths', async () => {
      const answers = await Promise.all([
        env().fetch('/v1/health'),
        env().fetch('/v1/events', { headers: publishable }),
        env().fetch('/v1/events'),
        env().fetch('/v1/nowhere'),
        env().fetch('/v1/admin/members/export?format=csv', { headers: secret() }),
      ]);
      expect(answers.map((r) => r.headers.get('x-content-type-options'))).toEqual(Array(5).fill('nosniff'));
    });

    it('sends Cache-Control: no-store on admin and personal answers, and keeps public reads cacheable', async () => {
      const admin = await env().fetch('/v1/admin/organisation', { headers: secret() });
      expect(admin.headers.get('cache-control')).toBe('no-store');
      const keys = await env().fetch('/v1/admin/api-keys', { headers: secret() });
      expect(keys.headers.get('cache-control')).toBe('no-store');
      const challenge = await env().fetch('/v1/signups/challenge', { headers: publishable });
      expect(challenge.headers.get('cache-control')).toBe('no-store');
      const event = await env().db.selectFrom('events').select('id').executeTakeFirstOrThrow();
      const registration = await env().fetch(`/v1/registrations/${event.id}/ics?token=ri_${'x'.repeat(24)}`);
      expect(registration.headers.get('cache-control')).toBe('no-store');
      const list = await env().fetch('/v1/events', { headers: publishable });
      expect(list.headers.get('cache-control')).toContain('public');
    });

    it('never answers Access-Control-Allow-Origin: * to a request carrying a secret key', async () => {
      const origin = 'https://evil.example';
      const asked: Array<Record<string, string>> = [
        { Authorization: 'Bearer sk_demo_ilma-usa', Origin: origin },
        { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa', Origin: origin },
      ];
      for (const headers of asked) {
        const response = await env().fetch('/v1/admin/organisation', { headers });
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      }
      const inQuery = await env().fetch('/v1/health?key=sk_demo_ilma-usa', { headers: { Origin: origin } });
      expect(inQuery.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers 405 with Allow for a method a path does not take', async () => {
      const response = await env().fetch('/v1/events', { method: 'DELETE', headers: publishable });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(((await response.json()) as { type: string }).type).toBe('https://mahjar.dev/problems/method-not-allowed');
    });
  });
});

describe('a CSV cell', () => {
  it('guards a formula behind leading whitespace', () => {
    for (const value of [' =1+1', '\t=1+1', '  +1', '\n-1', ' @SUM(A1)']) expect(csvCell(value)).toMatch(/^"?'/);
    expect(csvCell(' plain')).toBe(' plain');
  });
});

describe('a problem document', () => {
  it('stays within the contract whatever a handler puts in it', () => {
    const problem = new ProblemError('validation', `bad\u0000${'x'.repeat(1_000_000)}\ud800`, {
      errors: Array.from({ length: 30_000 }, (_, i) => ({
        pointer: `/a\u0001${'~0'.repeat(400)}/${i}`,
        detail: 'is\nwrong\ud800',
      })),
    }).problem;
    expect(contract().checkResponse('createSignup', 400, 'application/problem+json', problem)).toEqual([]);
    expect(problem.errors).toHaveLength(100);
  });
});

forEachEngine('webhook rate limit', (engine) => {
  it('answers 429 with Retry-After past the configured webhook limit', async () => {
    const database = await engine.open();
    await migrateToLatest(database.db);
    const server = await createServer({ database, config: { webhookRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 5; i++) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/v1/payments/webhooks/sandbox',
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        });
        statuses.push(response.statusCode);
        retryAfter ??= response.headers['retry-after'] as string | undefined;
      }
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await server.close();
      await database.close();
    }
  }, 60_000);
});

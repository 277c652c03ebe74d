import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { KeyStore } from '../../src/http/auth.js';
import { forEachApiEngine } from './harness.js';

forEachApiEngine('system and taxonomies', (env) => {
  it('reports health without a key', async () => {
    const { data, response } = await env().client({ key: 'none' }).GET('/v1/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports liveness and readiness without a key, and readiness turns 503 while draining', async () => {
    const client = env().client({ key: 'none' });
    const live = await client.GET('/v1/health/live');
    expect(live.response.status).toBe(200);
    expect(live.data).toEqual({ status: 'ok' });
    const ready = await client.GET('/v1/health/ready');
    expect(ready.response.status).toBe(200);
    expect(ready.data).toEqual({ status: 'ready', database: 'ok', directoryIndex: 'loaded', draining: false });

    env().server.drain();
    try {
      const draining = await env().fetch('/v1/health/ready');
      expect(draining.status).toBe(503);
      expect(draining.headers.get('retry-after')).toBe('5');
      expect(await draining.json()).toEqual({
        status: 'not-ready',
        database: 'ok',
        directoryIndex: 'loaded',
        draining: true,
      });
      // draining takes the instance out of rotation; it still answers what reaches it
      expect((await client.GET('/v1/health/live')).response.status).toBe(200);
      expect((await env().client().GET('/v1/organisations')).response.status).toBe(200);
    } finally {
      env().server.ctx.lifecycle.draining = false;
    }
  });

  it('lists organisations with cursor pages', async () => {
    const client = env().client();
    const first = await client.GET('/v1/organisations', { params: { query: { limit: 5 } } });
    expect(first.data?.items).toHaveLength(5);
    const second = await client.GET('/v1/organisations', {
      params: { query: { limit: 5, cursor: first.data!.nextCursor! } },
    });
    const slugs = [...first.data!.items, ...second.data!.items].map((o) => o.slug);
    expect(new Set(slugs).size).toBe(10);
    expect(slugs).toEqual([...slugs].sort());
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await env().fetch('/v1/taxonomies/specialties', {
      headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' },
    });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await env().fetch('/v1/taxonomies/specialties', {
      headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it('serves the taxonomies in three languages', async () => {
    const client = env().client();
    const specialties = await client.GET('/v1/taxonomies/specialties');
    const cardiology = specialties.data?.items.find((s) => s.code === 'cardiology');
    expect(cardiology?.name).toMatchObject({ en: expect.any(String), ar: expect.any(String), fr: expect.any(String) });
    const areas = await client.GET('/v1/taxonomies/priority-areas');
    expect(areas.data?.items.length).toBeGreaterThanOrEqual(6);
    const offers = await client.GET('/v1/taxonomies/offer-kinds');
    expect(offers.data?.items.map((o) => o.code)).toContain('telehealth');
  });

  it('lists the same priority areas to an admin (the console has no publishable key), and to no one else', async () => {
    const areas = await env().client().GET('/v1/taxonomies/priority-areas');
    const admin = await env().client({ key: 'secret' }).GET('/v1/admin/taxonomies/priority-areas');
    expect(admin.response.status).toBe(200);
    expect(admin.data).toEqual(areas.data);
    expect(admin.response.headers.get('cache-control')).toBe('no-store');
    // a publishable key is no admin credential; no key at all is no caller
    const publishable = await env().client().GET('/v1/admin/taxonomies/priority-areas');
    expect(publishable.response.status).toBe(403);
    const none = await env().client({ key: 'none' }).GET('/v1/admin/taxonomies/priority-areas');
    expect(none.response.status).toBe(401);
  });

  it('answers an unknown organisation with a 404 problem', async () => {
    const { error, response } = await env()
      .client()
      .GET('/v1/organisations/{slug}', { params: { path: { slug: 'no-such-chapter' } } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error?.type).toBe('https://mahjar.dev/problems/not-found');
  });

  describe('auth matrix', () => {
    it('refuses a public operation without a key (401)', async () => {
      const { response, data } = await env().client({ key: 'none' }).GET('/v1/taxonomies/specialties');
      expect(response.status).toBe(401);
      expect(data).toBeUndefined();
    });

    it('refuses a publishable key from an origin it was not issued for (403)', async () => {
      const { response, data } = await env()
        .client({ origin: 'https://evil.example' })
        .GET('/v1/taxonomies/specialties');
      expect(response.status).toBe(403);
      expect(data).toBeUndefined();
    });

    it('refuses a publishable key on an admin operation (403)', async () => {
      const { response, data } = await env().client().GET('/v1/admin/organisation');
      expect(response.status).toBe(403);
      expect(data).toBeUndefined();
    });

    it('refuses a made-up secret key (401)', async () => {
      const res = await env().fetch('/v1/admin/organisation', { headers: { 'Mahjar-Secret-Key': 'sk_nope' } });
      expect(res.status).toBe(401);
    });

    it('scopes a secret key to its organisation', async () => {
      const { data } = await env().client({ key: 'secret', org: 'alma-australia' }).GET('/v1/admin/organisation');
      expect(data?.slug).toBe('alma-australia');
    });

    it('lets a chapter admin read its own outbox (test/api/organisation.test.ts: only its own mail)', async () => {
      const { response } = await env().client({ key: 'secret', org: 'ilma-usa' }).GET('/v1/admin/outbox');
      expect(response.status).toBe(200);
    });

    describe('publishable key in the query (no CORS preflight for browser GETs)', () => {
      it('is accepted on a public GET from an allowed origin, with CORS approval', async () => {
        const res = await env().fetch('/v1/taxonomies/specialties?key=pk_demo_ilma-usa', {
          headers: { Origin: 'http://127.0.0.1:5173' },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      });

      it.each([
        [
          'from a foreign origin',
          'GET',
          '/v1/taxonomies/specialties?key=pk_demo_ilma-usa',
          'https://evil.example',
          403,
        ],
        ['as a secret key', 'GET', '/v1/admin/organisation?key=sk_demo_ilma-usa', null, 401],
        [
          'on a write',
          'POST',
          '/v1/events/00000000-0000-4000-8000-000000000000/registrations?key=pk_demo_ilma-usa',
          null,
          401,
        ],
      ])('is refused %s', async (_name, method, path, origin, status) => {
        const res = await env().fetch(path, {
          method,
          headers: {
            ...(origin ? { Origin: origin } : {}),
            ...(method === 'POST' ? { 'content-type': 'application/json', 'Idempotency-Key': 'query-key-test-1' } : {}),
          },
          ...(method === 'POST' ? { body: JSON.stringify({ name: 'A', email: 'a@example.org' }) } : {}),
        });
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      });
    });

    it('accepts the secret key as a bearer token', async () => {
      const res = await env().fetch('/v1/admin/organisation', {
        headers: { Authorization: 'Bearer sk_demo_moph-lebanon' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { slug: string }).slug).toBe('moph-lebanon');
    });
  });

  it('pages through mail written in one transaction without skipping any', async () => {
    const to = `same-instant-${Date.now()}@example.org`;
    // One INSERT: every row gets the same now(), to the microsecond.
    await env()
      .db.insertInto('outbox')
      .values(
        ['a', 'b', 'c', 'd', 'e'].map((x) => ({
          to_address: to,
          subject: x,
          text: x,
          kind: 'contact_request',
          organisation_id: sql<string>`(SELECT id FROM organisations WHERE slug = 'moph-lebanon')`,
        })),
      )
      .execute();
    const admin = env().client({ key: 'secret', org: 'moph-lebanon' });
    const subjects: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await admin.GET('/v1/admin/outbox', {
        params: { query: { to, limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      subjects.push(...(data?.items ?? []).map((m) => m.subject));
      cursor = data?.nextCursor ?? undefined;
    } while (cursor);
    expect(subjects.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  describe('api keys', () => {
    it('creates a key that works, then revokes it', async () => {
      const admin = env().client({ key: 'secret', org: 'ilma-usa' });
      const created = await admin.POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'Reporting script', role: 'viewer' },
      });
      expect(created.response.status).toBe(201);
      const key = created.data!.key;
      const asNew = await env().fetch('/v1/admin/organisation', { headers: { 'Mahjar-Secret-Key': key } });
      expect(asNew.status).toBe(200);
      const revoked = await admin.POST('/v1/admin/api-keys/{id}/revoke', {
        params: { path: { id: created.data!.id } },
      });
      expect(revoked.data?.revokedAt).toBeTruthy();
      const listed = await admin.GET('/v1/admin/api-keys');
      expect(listed.data?.items.some((k) => k.id === created.data!.id && k.revokedAt)).toBe(true);
      expect(JSON.stringify(listed.data)).not.toContain(key);
    });

    describe('expiry', () => {
      const create = (expiresAt?: string) =>
        env()
          .client({ key: 'secret', org: 'ilma-usa' })
          .POST('/v1/admin/api-keys', {
            body: { kind: 'secret', name: 'Quarterly script', role: 'viewer', ...(expiresAt ? { expiresAt } : {}) },
          });
      const keyCount = async () =>
        Number(
          (
            await env()
              .db.selectFrom('api_keys')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );

      it('keeps the chosen expiry, shows it, and the key works until then', async () => {
        const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
        const created = await create(expiresAt);
        expect(created.response.status).toBe(201);
        expect(created.data!.expiresAt).toBe(expiresAt);
        const res = await env().fetch('/v1/admin/organisation', {
          headers: { 'Mahjar-Secret-Key': created.data!.key },
        });
        expect(res.status).toBe(200);
        const listed = await env().client({ key: 'secret', org: 'ilma-usa' }).GET('/v1/admin/api-keys');
        expect(listed.data!.items.find((k) => k.id === created.data!.id)?.expiresAt).toBe(expiresAt);
        const forever = await create();
        expect(forever.data!.expiresAt).toBeNull();
      });

      it('refuses an expiry in the past, creating nothing', async () => {
        const before = await keyCount();
        const { response, error } = await create(new Date(Date.now() - 60_000).toISOString());
        expect(response.status).toBe(400);
        expect(error?.errors?.map((e) => e.pointer)).toEqual(['/expiresAt']);
        expect(await keyCount()).toBe(before);
      });

      it('refuses a key once it has expired', async () => {
        const created = await create(new Date(Date.now() + 86_400_000).toISOString());
        await env()
          .db.updateTable('api_keys')
          .set({ expires_at: new Date(Date.now() - 1000) })
          .where('id', '=', created.data!.id)
          .execute();
        const res = await env().fetch('/v1/admin/organisation', {
          headers: { 'Mahjar-Secret-Key': created.data!.key },
        });
        expect(res.status).toBe(401);
      });

      it('ends a cached key at its expiry, not 30 s later', async () => {
        let clock = new Date();
        const keys = new KeyStore(env().db, () => clock);
        const created = await create(new Date(clock.getTime() + 3_600_000).toISOString());
        expect(await keys.find(created.data!.key)).not.toBeNull();
        clock = new Date(clock.getTime() + 3_600_000);
        expect(await keys.find(created.data!.key)).toBeNull();
      });
    });

    describe('last use', () => {
      const lastUsed = async (id: string) => {
        const { data } = await env().client({ key: 'secret' }).GET('/v1/admin/api-keys');
        const key = data?.items.find((k) => k.id === id);
        if (!key) throw new Error(`key ${id} not listed`);
        return key.lastUsedAt;
      };
      const newKey = async (kind: 'secret' | 'publishable' = 'secret', role: 'viewer' | 'editor' = 'viewer') => {
        const { data } = await env()
          .client({ key: 'secret' })
          .POST('/v1/admin/api-keys', {
            body: kind === 'secret' ? { kind, name: 'Last use', role } : { kind, name: 'Last use' },
          });
        return data!;
      };
      const stamps = async () =>
        Object.fromEntries(
          (await env().db.selectFrom('api_keys').select(['id', 'last_used_at']).execute()).map((k) => [
            k.id,
            k.last_used_at?.toISOString() ?? null,
          ]),
        );

      it('is set when a secret key authenticates, and not rewritten on every request', async () => {
        const key = await newKey();
        expect(key.lastUsedAt).toBeNull();
        expect(await lastUsed(key.id)).toBeNull();
        const before = Date.now();
        const res = await env().fetch('/v1/admin/organisation', { headers: { 'Mahjar-Secret-Key': key.key } });
        expect(res.status).toBe(200);
        const first = await lastUsed(key.id);
        expect(first).not.toBeNull();
        expect(Date.parse(first!)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(first!)).toBeLessThanOrEqual(Date.now());
        // Within the minute: no second write.
        await env().fetch('/v1/admin/organisation', { headers: { 'Mahjar-Secret-Key': key.key } });
        expect(await lastUsed(key.id)).toBe(first);
      });

      it('is set when a publishable key authenticates, even if the request then fails', async () => {
        const key = await newKey('publishable');
        // Valid key, unknown professional: 404 after authentication.
        const res = await env().fetch(`/v1/professionals/${crypto.randomUUID()}`, {
          headers: { 'Mahjar-Publishable-Key': key.key },
        });
        expect(res.status).toBe(404);
        expect(await lastUsed(key.id)).not.toBeNull();
      });

      it('survives a write that fails and rolls back', async () => {
        const key = await newKey('secret', 'editor');
        // Taken slug: 409 from inside the handler's transaction, which rolls back.
        const taken = (await env().client().GET('/v1/campaigns')).data!.items[0]!.slug;
        const res = await env().fetch('/v1/admin/campaigns', {
          method: 'POST',
          headers: {
            'Mahjar-Secret-Key': key.key,
            'content-type': 'application/json',
            'Idempotency-Key': crypto.randomUUID(),
          },
          body: JSON.stringify({
            slug: taken,
            title: { en: 'Duplicate' },
            summary: { en: 'A campaign whose slug is taken.' },
            goalAmount: 100_000,
            currency: 'USD',
            priorityArea: 'mental-health',
            startsOn: '2030-01-01',
            checkoutMode: 'hosted',
          }),
        });
        expect(res.status, await res.clone().text()).toBe(409);
        // The first use of the key was that failed write: its last use is recorded all the same.
        expect(await lastUsed(key.id)).not.toBeNull();
      });

      it('is not set by a revoked, unknown or refused key', async () => {
        const revoked = await newKey();
        await env()
          .client({ key: 'secret' })
          .POST('/v1/admin/api-keys/{id}/revoke', { params: { path: { id: revoked.id } } });
        const foreign = await newKey('publishable');
        const before = await stamps();
        const attempts: [string, Record<string, string>, number][] = [
          ['/v1/admin/organisation', { 'Mahjar-Secret-Key': revoked.key }, 401],
          ['/v1/admin/organisation', { 'Mahjar-Secret-Key': `sk_live_${'0'.repeat(40)}` }, 401],
          // A publishable key used from an origin it was not issued for.
          [
            '/v1/taxonomies/specialties',
            { 'Mahjar-Publishable-Key': foreign.key, Origin: 'https://not-allowed.example.com' },
            403,
          ],
        ];
        for (const [path, headers, status] of attempts) {
          expect((await env().fetch(path, { headers })).status).toBe(status);
        }
        expect(await stamps()).toEqual(before);
      });

      it('writes at most once a minute per key, and never stamps a key revoked while cached', async () => {
        let clock = new Date('2030-01-01T00:00:00Z');
        const keys = new KeyStore(env().db, () => clock);
        const stampOf = async (id: string) =>
          (await env().db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow())
            .last_used_at;

        const key = await newKey();
        await keys.touch(key.id);
        expect(await stampOf(key.id)).toEqual(new Date('2030-01-01T00:00:00Z'));
        clock = new Date('2030-01-01T00:00:59Z');
        await keys.touch(key.id);
        expect(await stampOf(key.id)).toEqual(new Date('2030-01-01T00:00:00Z'));
        clock = new Date('2030-01-01T00:01:00Z');
        await keys.touch(key.id);
        expect(await stampOf(key.id)).toEqual(new Date('2030-01-01T00:01:00Z'));

        // The lookup cache may accept a key for up to 30 s after its revocation; it is not stamped.
        const revoked = await newKey();
        expect((await keys.find(revoked.key))?.keyId).toBe(revoked.id);
        await env()
          .client({ key: 'secret' })
          .POST('/v1/admin/api-keys/{id}/revoke', { params: { path: { id: revoked.id } } });
        expect((await keys.find(revoked.key))?.keyId).toBe(revoked.id);
        await keys.touch(revoked.id);
        expect(await stampOf(revoked.id)).toBeNull();
      });
    });

    it('needs the owner role to create keys', async () => {
      const admin = env().client({ key: 'secret', org: 'ilma-usa' });
      const viewerKey = (
        await admin.POST('/v1/admin/api-keys', { body: { kind: 'secret', name: 'Viewer', role: 'viewer' } })
      ).data!.key;
      const res = await env().fetch('/v1/admin/api-keys', {
        method: 'POST',
        headers: { 'Mahjar-Secret-Key': viewerKey, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'secret', name: 'Sneaky', role: 'owner' }),
      });
      expect(res.status).toBe(403);
    });
  });

  describe('malformed requests', () => {
    const post = (body: string, type = 'application/json') =>
      env().fetch('/v1/admin/api-keys', {
        method: 'POST',
        headers: { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa', 'content-type': type },
        body,
      });

    it.each([
      ['malformed JSON', '{"kind":', 'application/json', 400],
      ['wrong content type', 'kind=secret', 'text/plain', 415],
      ['unknown field', '{"kind":"secret","name":"x","admin":true}', 'application/json', 400],
      ['bad enum', '{"kind":"root","name":"x"}', 'application/json', 400],
      ['wrong type', '{"kind":"secret","name":42}', 'application/json', 400],
      ['missing field', '{"kind":"secret"}', 'application/json', 400],
      ['oversized string', JSON.stringify({ kind: 'secret', name: 'x'.repeat(5000) }), 'application/json', 400],
      ['oversized body', JSON.stringify({ kind: 'secret', name: 'x'.repeat(70_000) }), 'application/json', 413],
    ])('%s → problem and no key written', async (_name, body, type, status) => {
      const before = await env().count('api_keys');
      const res = await post(body, type);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { type: string; status: number };
      expect(problem.status).toBe(status);
      expect(problem.type).toMatch(/^https:\/\/mahjar\.dev\/problems\//);
      expect(await env().count('api_keys')).toBe(before);
    });
  });
});

describe('configuration', () => {
  it.each([
    [undefined, 256],
    ['0', 0],
    ['1000', 1000],
  ])('takes SEARCH_CACHE_SIZE=%s as %i answers', (raw, size) => {
    expect(loadConfig({ SEARCH_CACHE_SIZE: raw }).searchCacheSize).toBe(size);
  });

  it.each(['abc', '-1', '2.5', '1e9'])('refuses SEARCH_CACHE_SIZE=%s at start-up', (raw) => {
    expect(() => loadConfig({ SEARCH_CACHE_SIZE: raw })).toThrow(/SEARCH_CACHE_SIZE must be a whole number/);
  });
});

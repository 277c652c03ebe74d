// Who may read the mail outbox, how an owner allows a new website, and what a browser on a website
// that is not allowed gets back (issue 10, items 6–8).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseOrigin } from '../../src/operations/system.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const DAY = 86_400_000;

describe('normaliseOrigin', () => {
  it.each([
    ['https://Chapter.Example.org', 'https://chapter.example.org'],
    ['https://chapter.example.org/', 'https://chapter.example.org'],
    ['https://chapter.example.org:443', 'https://chapter.example.org'],
    ['http://localhost:5174', 'http://localhost:5174'],
    ['  https://www.example.org  ', 'https://www.example.org'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['HTTP://127.0.0.1:80', 'http://127.0.0.1'],
  ])('%s → %s', (raw, origin) => {
    expect(normaliseOrigin(raw)).toBe(origin);
  });

  it.each([
    '*',
    'https://*.example.org',
    'https://example.org/join',
    'https://example.org?x=1',
    'https://example.org#top',
    'https://user@example.org',
    'ftp://example.org',
    'javascript:alert(1)',
    'example.org',
    'null',
    'https://',
  ])('refuses %s', (raw) => {
    expect(normaliseOrigin(raw)).toBeUndefined();
  });
});

forEachApiEngine('organisation settings and the outbox', (env) => {
  const secret = (org: string) => env().client({ key: 'secret', org });

  /** A registration to a new event of `org`, made from its site: the confirmation mail is `org`'s. */
  async function mailCausedBy(org: string): Promise<string> {
    const start = new Date(Date.now() + 12 * DAY);
    start.setUTCMinutes(0, 0, 0);
    const { data: event } = await secret(org).POST('/v1/admin/events', {
      body: {
        kind: 'webinar',
        title: { en: `Outbox test ${randomUUID().slice(0, 8)}` },
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        timeZone: 'Asia/Beirut',
        mode: 'online',
        joinUrl: 'https://meet.example.org/j/outbox',
        language: 'en',
        waitlistEnabled: false,
      },
      params: { header: { 'Idempotency-Key': randomUUID() } },
    });
    const to = `outbox-${randomUUID().slice(0, 8)}@example.net`;
    const { response } = await env()
      .client({ org })
      .POST('/v1/events/{id}/registrations', {
        params: { path: { id: event!.id }, header: { 'Idempotency-Key': randomUUID() } },
        body: { name: 'Outbox Test', email: to },
      });
    expect(response.status).toBe(201);
    return to;
  }

  describe('listOutbox: each organisation reads only its own mail', () => {
    it('shows a chapter admin the mail its own site caused', async () => {
      const to = await mailCausedBy('ilma-usa');
      const { data, response } = await secret('ilma-usa').GET('/v1/admin/outbox', { params: { query: { to } } });
      expect(response.status).toBe(200);
      expect(data!.items.map((m) => m.kind)).toEqual(['registration_confirmed']);
    });

    it("never shows one organisation's mail to another, the ministry included", async () => {
      const to = await mailCausedBy('ilma-usa');
      for (const org of ['moph-lebanon', 'alma-australia', 'ilma']) {
        const { data, response } = await secret(org).GET('/v1/admin/outbox', { params: { query: { to } } });
        expect(response.status, org).toBe(200);
        expect(data!.items, org).toEqual([]);
      }
      // Unfiltered, too: nothing of ilma-usa's in the ministry's first page.
      const all = await secret('moph-lebanon').GET('/v1/admin/outbox', { params: { query: { limit: 100 } } });
      expect(all.data!.items.some((m) => m.to === to)).toBe(false);
    });

    it('refuses a viewer or editor key (the mail holds verification and cancel links)', async () => {
      for (const role of ['viewer', 'editor'] as const) {
        const created = await secret('ilma-usa').POST('/v1/admin/api-keys', {
          body: { kind: 'secret', name: `Outbox ${role}`, role },
        });
        const res = await env().fetch('/v1/admin/outbox', { headers: { 'Mahjar-Secret-Key': created.data!.key } });
        expect(res.status, role).toBe(403);
      }
    });
  });

  describe('setAllowedOrigins', () => {
    it('lets an owner allow a new website, normalised, and a key then works from it', async () => {
      const owner = secret('alma-australia');
      const before = (await owner.GET('/v1/admin/organisation')).data!.allowedOrigins;
      const { data, response } = await owner.PUT('/v1/admin/organisation/allowed-origins', {
        body: { origins: [...before, 'https://New-Site.Example.org/', 'https://new-site.example.org:443'] },
      });
      expect(response.status).toBe(200);
      expect(data!.allowedOrigins).toEqual([...before, 'https://new-site.example.org']);
      expect((await owner.GET('/v1/admin/organisation')).data!.allowedOrigins).toEqual(data!.allowedOrigins);

      // A key looked up after the change is accepted from the new origin.
      const key = (await owner.POST('/v1/admin/api-keys', { body: { kind: 'publishable', name: 'New site' } })).data!
        .key;
      const res = await env().fetch('/v1/campaigns', {
        headers: { 'Mahjar-Publishable-Key': key, Origin: 'https://new-site.example.org' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://new-site.example.org');
    });

    it('applies at once to a key already in use, on the server that made the change', async () => {
      const owner = secret('alma-australia');
      const key = (await owner.POST('/v1/admin/api-keys', { body: { kind: 'publishable', name: 'Moving site' } })).data!
        .key;
      const from = (origin: string) =>
        env().fetch('/v1/campaigns', { headers: { 'Mahjar-Publishable-Key': key, Origin: origin } });
      // The key is used (and so cached) while the new website is still refused.
      expect((await from('https://moved.example.org')).status).toBe(403);
      const before = (await owner.GET('/v1/admin/organisation')).data!.allowedOrigins;
      await owner.PUT('/v1/admin/organisation/allowed-origins', {
        body: { origins: [...before, 'https://moved.example.org'] },
      });
      const res = await from('https://moved.example.org');
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://moved.example.org');
    });

    it('refuses what is not an origin, pointing at each entry, and changes nothing', async () => {
      const owner = secret('ilma-usa');
      const before = (await owner.GET('/v1/admin/organisation')).data!.allowedOrigins;
      const { error, response } = await owner.PUT('/v1/admin/organisation/allowed-origins', {
        body: { origins: ['https://ok.example.org', '*', 'https://example.org/path', 'ftp://example.org'] },
      });
      expect(response.status).toBe(400);
      expect(error!.type).toBe('https://mahjar.dev/problems/validation');
      expect(error!.errors!.map((e) => e.pointer)).toEqual(['/origins/1', '/origins/2', '/origins/3']);
      expect((await owner.GET('/v1/admin/organisation')).data!.allowedOrigins).toEqual(before);
    });

    it('needs the owner role, and a secret key', async () => {
      const created = await secret('ilma-usa').POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'Editor script', role: 'editor' },
      });
      const asEditor = await env().fetch('/v1/admin/organisation/allowed-origins', {
        method: 'PUT',
        headers: { 'Mahjar-Secret-Key': created.data!.key, 'content-type': 'application/json' },
        body: JSON.stringify({ origins: ['https://evil.example'] }),
      });
      expect(asEditor.status).toBe(403);
      const asPublic = await env()
        .client()
        .PUT('/v1/admin/organisation/allowed-origins', { body: { origins: ['https://evil.example'] } });
      expect(asPublic.response.status).toBe(403);
      const org = await secret('ilma-usa').GET('/v1/admin/organisation');
      expect(org.data!.allowedOrigins).not.toContain('https://evil.example');
    });
  });

  describe('a website that is not allowed, as the browser sees it', () => {
    const stranger = 'http://127.0.0.1:5999';

    it('answers the preflight, so the real request is sent', async () => {
      const res = await env().fetch('/v1/campaigns/beirut-er-2026/donations', {
        method: 'OPTIONS',
        headers: {
          Origin: stranger,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, mahjar-publishable-key, idempotency-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(stranger);
    });

    it.each([
      ['a GET with the key in the query', '/v1/campaigns?key=pk_demo_ilma-usa', {}],
      ['a GET with the key header', '/v1/campaigns', { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' }],
    ])('refuses %s with a problem the page can read', async (_name, path, headers) => {
      const res = await env().fetch(path, { headers: { ...headers, Origin: stranger } });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBe(stranger);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type).toBe('https://mahjar.dev/problems/origin-not-allowed');
      expect(problem.detail).toContain(stranger);
    });

    it('still approves only the allowed origin on success', async () => {
      const res = await env().fetch('/v1/campaigns?key=pk_demo_ilma-usa', { headers: { Origin: ALLOWED_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    });
  });
});

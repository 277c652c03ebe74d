/**
 * Admin users (issue 16): invited by an owner, signed in by e-mail link into a bearer session that
 * works like a secret key of their role; removed, expired and signed-out sessions refused at once;
 * another chapter's resources answered as missing; every admin write in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  CONSOLE_URL,
  exchange,
  invite,
  json,
  mailedCode,
  requestLink,
  signIn,
  signInMails,
} from './admin-sign-in.js';
import { forEachApiEngine } from './harness.js';

const owner = (org: string) => ({ 'Mahjar-Secret-Key': `sk_demo_${org}` });
let counter = 0;
const address = (name: string) => `${name}.${++counter}.${randomUUID().slice(0, 8)}@example.org`;

forEachApiEngine('admin users', (env) => {
  const get = (path: string, headers: Record<string, string>) => env().fetch(path, { headers });
  const auditOf = async (org: string) =>
    (
      (await (await get('/v1/admin/audit?limit=100', owner(org))).json()) as {
        items: Array<{
          operationId: string;
          targetId: string | null;
          actor: { kind: string; id: string | null; label: string | null };
        }>;
      }
    ).items;

  describe('sign-in', () => {
    it('invites in the invitee’s language, mails a link to the console and exchanges it for a session', async () => {
      const email = address('nadia');
      const user = await invite(env(), owner('ilma-usa'), email, 'reviewer', 'ar');
      expect(user).toMatchObject({ email, role: 'reviewer', locale: 'ar', lastSignInAt: null });
      const invitation = await env()
        .db.selectFrom('outbox')
        .select(['subject', 'text', 'locale'])
        .where('to_address', '=', email)
        .where('kind', '=', 'admin_invitation')
        .executeTakeFirstOrThrow();
      expect(invitation.locale).toBe('ar');
      expect(invitation.text).toContain('ilma-usa');
      expect(invitation.text).toContain('مراجع');

      expect((await requestLink(env(), email, 'ilma-usa')).status).toBe(202);
      const [mail] = await signInMails(env(), email);
      expect(mail!.locale).toBe('ar');
      expect(mail!.text).toContain(`${CONSOLE_URL}#mahjar-sign-in=al_`);
      const code = await mailedCode(env(), email);

      // another browser (another verifier) signs no one in, and does not use the code up
      const stolen = await exchange(env(), code, 'another-browser-verifier-0123456789abcdefghij');
      expect(stolen.status).toBe(400);
      expect(((await stolen.json()) as { type: string }).type).toBe('https://mahjar.dev/problems/sign-in-link-invalid');

      const session = await exchange(env(), code);
      expect(session.status).toBe(201);
      const body = (await session.json()) as {
        token: string;
        organisationSlug: string;
        idleTimeoutSeconds: number;
        user: { lastSignInAt: string | null };
      };
      expect(body.token).toMatch(/^as_/);
      expect(body.organisationSlug).toBe('ilma-usa');
      expect(body.idleTimeoutSeconds).toBe(12 * 3600);
      expect(body.user.lastSignInAt).not.toBeNull();
      // once only
      expect((await exchange(env(), code)).status).toBe(400);

      const organisation = await get('/v1/admin/organisation', bearer(body.token));
      expect(organisation.status).toBe(200);
      expect(await organisation.json()).toMatchObject({ slug: 'ilma-usa', role: 'reviewer' });
      // only hashes are stored
      const stored = await env().db.selectFrom('admin_sessions').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).not.toContain(body.token);
    });

    it('answers alike for a stranger, another organisation’s user and a removed user, and mails none of them', async () => {
      const email = address('member-of-usa');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      const stranger = address('stranger');
      for (const [who, org] of [
        [stranger, 'ilma-usa'],
        [email, 'alma-australia'],
        [email, 'no-such-organisation'],
      ] as const) {
        const response = await requestLink(env(), who, org);
        expect(response.status).toBe(202);
        expect(await response.json()).toEqual({ expiresInSeconds: 900 });
      }
      expect(await signInMails(env(), stranger)).toEqual([]);
      expect(await signInMails(env(), email)).toEqual([]);
    });

    it('sends a link only back to a console origin of the server', async () => {
      const email = address('phished');
      await invite(env(), owner('ilma-usa'), email, 'owner');
      const response = await requestLink(env(), email, 'ilma-usa', 'https://attacker.example/console/');
      expect(response.status).toBe(403);
      const problem = (await response.json()) as { type: string; errors: Array<{ pointer: string }> };
      expect(problem.type).toBe('https://mahjar.dev/problems/origin-not-allowed');
      expect(problem.errors[0]!.pointer).toBe('/returnUrl');
      expect(await signInMails(env(), email)).toEqual([]);
    });

    it('mails at most 3 links per user in 15 minutes, answering alike after that', async () => {
      const email = address('impatient');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      for (let i = 0; i < 5; i++) expect((await requestLink(env(), email, 'ilma-usa')).status).toBe(202);
      expect(await signInMails(env(), email)).toHaveLength(3);
    });

    it('refuses bad input with a problem and writes nothing', async () => {
      const before = await env().count('admin_sign_in_codes');
      const response = await env().fetch(
        '/v1/admin/sign-in',
        json({ email: 'not an address', organisation: 'ilma-usa', returnUrl: CONSOLE_URL, verifierHash: 'x' }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await env().count('admin_sign_in_codes')).toBe(before);
    });
  });

  describe('sessions end', () => {
    it('at once when an owner removes the user, on the next request, and their mailed code dies too', async () => {
      const email = address('leaving');
      const user = await invite(env(), owner('ilma-usa'), email, 'editor');
      const token = await signIn(env(), email, 'ilma-usa');
      expect((await get('/v1/admin/organisation', bearer(token))).status).toBe(200);
      // a link asked for before the removal
      expect((await requestLink(env(), email, 'ilma-usa')).status).toBe(202);
      const pending = await mailedCode(env(), email);

      const removed = await env().fetch(`/v1/admin/users/${user.id}`, { method: 'DELETE', headers: owner('ilma-usa') });
      expect(removed.status).toBe(204);
      const refused = await get('/v1/admin/organisation', bearer(token));
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { type: string }).type).toBe('https://mahjar.dev/problems/unauthorized');
      expect((await exchange(env(), pending)).status).toBe(400);
      const before = (await signInMails(env(), email)).length;
      expect((await requestLink(env(), email, 'ilma-usa')).status).toBe(202);
      expect(await signInMails(env(), email)).toHaveLength(before);
      // removed twice, or listed: gone
      expect(
        (await env().fetch(`/v1/admin/users/${user.id}`, { method: 'DELETE', headers: owner('ilma-usa') })).status,
      ).toBe(404);
      const list = (await (await get('/v1/admin/users?limit=100', owner('ilma-usa'))).json()) as {
        items: Array<{ id: string }>;
      };
      expect(list.items.map((u) => u.id)).not.toContain(user.id);
    });

    it('after 12 hours without use, and 7 days after sign-in however used', async () => {
      const email = address('idle');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      const idle = await signIn(env(), email, 'ilma-usa');
      const busy = await signIn(env(), email, 'ilma-usa');
      const [idleRow, busyRow] = await Promise.all(
        [idle, busy].map(async (token) => {
          const { createHash } = await import('node:crypto');
          return createHash('sha256').update(token).digest('hex');
        }),
      );
      const hour = 3600_000;
      await env()
        .db.updateTable('admin_sessions')
        .set({ last_used_at: new Date(Date.now() - 12 * hour - 60_000) })
        .where('token_hash', '=', idleRow!)
        .execute();
      await env()
        .db.updateTable('admin_sessions')
        .set({ created_at: new Date(Date.now() - 7 * 24 * hour), expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', busyRow!)
        .execute();
      expect((await get('/v1/admin/organisation', bearer(idle))).status).toBe(401);
      expect((await get('/v1/admin/organisation', bearer(busy))).status).toBe(401);
      // a fresh one still works, and its use is recorded for the idle limit
      const fresh = await signIn(env(), email, 'ilma-usa');
      expect((await get('/v1/admin/organisation', bearer(fresh))).status).toBe(200);
    });

    it('when the user signs out, and only that session', async () => {
      const email = address('signing-out');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      const first = await signIn(env(), email, 'ilma-usa');
      const second = await signIn(env(), email, 'ilma-usa');
      expect(
        (await env().fetch('/v1/admin/sessions/current', { method: 'DELETE', headers: bearer(first) })).status,
      ).toBe(204);
      expect((await get('/v1/admin/organisation', bearer(first))).status).toBe(401);
      expect((await get('/v1/admin/organisation', bearer(second))).status).toBe(200);
      // a secret key has no session to end
      expect(
        (await env().fetch('/v1/admin/sessions/current', { method: 'DELETE', headers: owner('ilma-usa') })).status,
      ).toBe(401);
      // a session travels as a bearer token only
      expect((await get('/v1/admin/organisation', { 'Mahjar-Secret-Key': second })).status).toBe(401);
      // a made-up token is refused, never read as a key
      expect((await get('/v1/admin/organisation', bearer(`as_${'x'.repeat(43)}`))).status).toBe(401);
    });
  });

  describe('from the console’s origin', () => {
    it('lets the console read answers to its session, and no other site', async () => {
      const email = address('cors');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      const token = await signIn(env(), email, 'ilma-usa');
      const consoleOrigin = new URL(CONSOLE_URL).origin;
      const fromConsole = await get('/v1/admin/organisation', { ...bearer(token), Origin: consoleOrigin });
      expect(fromConsole.status).toBe(200);
      expect(fromConsole.headers.get('access-control-allow-origin')).toBe(consoleOrigin);
      const elsewhere = await get('/v1/admin/organisation', { ...bearer(token), Origin: 'https://attacker.example' });
      expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
      // a secret key is approved only on its own organisation's allowed origins (never another site)
      const withKey = await get('/v1/admin/organisation', { ...owner('ilma-usa'), Origin: 'https://attacker.example' });
      expect(withKey.headers.get('access-control-allow-origin')).toBeNull();
      // signing in needs no credential: any page may ask, the link still only returns to the console
      const asked = await env().fetch('/v1/admin/sign-in', {
        ...json({ email, organisation: 'ilma-usa', returnUrl: CONSOLE_URL, verifierHash: 'b'.repeat(64) }),
        headers: { 'content-type': 'application/json', Origin: consoleOrigin },
      });
      expect(asked.status).toBe(202);
      expect(asked.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('users and roles', () => {
    it('applies a new role on the next request', async () => {
      const email = address('promoted');
      const user = await invite(env(), owner('ilma-usa'), email, 'viewer');
      const token = await signIn(env(), email, 'ilma-usa');
      expect((await get('/v1/admin/professionals/pending', bearer(token))).status).toBe(403);
      const changed = await env().fetch(`/v1/admin/users/${user.id}`, {
        ...json({ role: 'reviewer' }, owner('ilma-usa')),
        method: 'PATCH',
      });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({ id: user.id, role: 'reviewer' });
      expect((await get('/v1/admin/professionals/pending', bearer(token))).status).toBe(200);
    });

    it('refuses a second invitation of one address, and a non-owner’s invitation, writing nothing', async () => {
      const email = address('twice');
      await invite(env(), owner('ilma-usa'), email, 'viewer');
      const before = await env().count('admin_users');
      const again = await env().fetch(
        '/v1/admin/users',
        json({ email: email.toUpperCase(), role: 'editor' }, owner('ilma-usa')),
      );
      expect(again.status).toBe(409);
      const editor = await signIn(
        env(),
        (await invite(env(), owner('ilma-usa'), address('editor'), 'editor')).email,
        'ilma-usa',
      );
      const byEditor = await env().fetch(
        '/v1/admin/users',
        json({ email: address('x'), role: 'owner' }, bearer(editor)),
      );
      expect(byEditor.status).toBe(403);
      expect(await env().count('admin_users')).toBe(before + 1);
    });

    it('keeps an owner: the last one cannot leave or step down until another is invited', async () => {
      const chairEmail = address('chair');
      const created = await env().fetch(
        '/v1/admin/organisations',
        json(
          {
            slug: `owners-${randomUUID().slice(0, 8)}`,
            name: { en: 'Owners test chapter' },
            country: 'CA',
            defaultCurrency: 'CAD',
            locales: ['en'],
            allowedOrigins: [],
            owner: { email: chairEmail },
          },
          owner('ilma'),
        ),
      );
      expect(created.status).toBe(201);
      const { owner: chair, organisation } = (await created.json()) as {
        owner: { id: string };
        organisation: { slug: string };
      };
      const token = await signIn(env(), chairEmail, organisation.slug);
      const remove = (id: string, headers: Record<string, string>) =>
        env().fetch(`/v1/admin/users/${id}`, { method: 'DELETE', headers });
      expect((await remove(chair.id, bearer(token))).status).toBe(409);
      const demote = await env().fetch(`/v1/admin/users/${chair.id}`, {
        ...json({ role: 'viewer' }, bearer(token)),
        method: 'PATCH',
      });
      expect(demote.status).toBe(409);
      const deputy = await invite(env(), bearer(token), address('deputy'), 'owner');
      expect((await remove(chair.id, bearer(token))).status).toBe(204);
      // the chair's own session ended with them
      expect((await get('/v1/admin/users', bearer(token))).status).toBe(401);
      expect(deputy.role).toBe('owner');
    });
  });

  describe('another chapter’s resources', () => {
    it('are answered 404, as if they did not exist, wherever they are addressed by id or slug', async () => {
      const email = address('usa-owner');
      await invite(env(), owner('ilma-usa'), email, 'owner');
      const usa = bearer(await signIn(env(), email, 'ilma-usa'));
      const alma = owner('alma-australia');

      const event = (await (
        await env().fetch(
          '/v1/admin/events',
          json(
            {
              kind: 'webinar',
              title: { en: 'ALMA only' },
              startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
              endsAt: new Date(Date.now() + 30 * 86_400_000 + 3600_000).toISOString(),
              timeZone: 'Australia/Sydney',
              mode: 'online',
              joinUrl: 'https://meet.example.org/alma',
              language: 'en',
            },
            { ...alma, 'Idempotency-Key': randomUUID() },
          ),
        )
      ).json()) as { id: string };
      expect(event.id).toBeTruthy();
      const almaUser = await invite(env(), alma, address('alma-viewer'), 'viewer');
      const almaKey = (await (
        await env().fetch('/v1/admin/api-keys', json({ kind: 'secret', name: 'ALMA script', role: 'viewer' }, alma))
      ).json()) as { id: string };
      const almaCampaign = (
        await env()
          .db.selectFrom('campaigns')
          .select('slug')
          .where('organiser_slug', '=', 'alma-australia')
          .executeTakeFirstOrThrow()
      ).slug;
      const almaMember =
        (
          await env()
            .db.selectFrom('professionals')
            .select('id')
            .where(sql<boolean>`'alma-australia' = any(chapters)`)
            .where('status', '=', 'pending_review')
            .executeTakeFirst()
        )?.id ?? randomUUID();

      const attempts: Array<[string, Promise<Response>]> = [
        ['event registrations', get(`/v1/admin/events/${event.id}/registrations`, usa)],
        [
          'event update',
          env().fetch(`/v1/admin/events/${event.id}`, { ...json({ capacity: 5 }, usa), method: 'PATCH' }),
        ],
        ['event cancel', env().fetch(`/v1/admin/events/${event.id}/cancel`, json({}, usa))],
        ['campaign close', env().fetch(`/v1/admin/campaigns/${almaCampaign}/close`, { method: 'POST', headers: usa })],
        [
          'campaign update',
          env().fetch(`/v1/admin/campaigns/${almaCampaign}`, { ...json({ title: { en: 'x' } }, usa), method: 'PATCH' }),
        ],
        [
          'member review',
          env().fetch(`/v1/admin/professionals/${almaMember}/review`, json({ decision: 'verify' }, usa)),
        ],
        [
          'user role',
          env().fetch(`/v1/admin/users/${almaUser.id}`, { ...json({ role: 'owner' }, usa), method: 'PATCH' }),
        ],
        ['user removal', env().fetch(`/v1/admin/users/${almaUser.id}`, { method: 'DELETE', headers: usa })],
        ['key revocation', env().fetch(`/v1/admin/api-keys/${almaKey.id}/revoke`, { method: 'POST', headers: usa })],
      ];
      for (const [what, pending] of attempts) {
        const response = await pending;
        expect(response.status, what).toBe(404);
        expect(((await response.json()) as { type: string }).type, what).toBe('https://mahjar.dev/problems/not-found');
      }
      const still = await env()
        .db.selectFrom('events')
        .select(['status', 'capacity'])
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow();
      expect(still.status).toBe('scheduled');
      const almaUsers = (await (await get('/v1/admin/users?limit=100', alma)).json()) as {
        items: Array<{ id: string; role: string }>;
      };
      expect(almaUsers.items.find((u) => u.id === almaUser.id)?.role).toBe('viewer');
    });

    it('are seen by the umbrella’s users as by the umbrella’s key', async () => {
      const email = address('ilma-reviewer');
      await invite(env(), owner('ilma'), email, 'reviewer');
      const token = await signIn(env(), email, 'ilma');
      const path = '/v1/admin/professionals/pending?limit=100';
      const byUser = (await (await get(path, bearer(token))).json()) as {
        items: Array<{ id: string; chapters: string[] }>;
      };
      const byKey = (await (await get(path, owner('ilma'))).json()) as { items: Array<{ id: string }> };
      expect(byUser.items.map((p) => p.id)).toEqual(byKey.items.map((p) => p.id));
      expect(new Set(byUser.items.flatMap((p) => p.chapters)).size).toBeGreaterThan(1);
    });
  });

  describe('audit log', () => {
    it('records each admin write that succeeded, by key or user, once, and nothing for a refused one', async () => {
      const org = 'lebanese-red-cross';
      const before = (await auditOf(org)).length;
      const email = address('audited');
      const user = await invite(env(), owner(org), email, 'owner');
      const token = await signIn(env(), email, org);
      const origins = await env().fetch('/v1/admin/organisation/allowed-origins', {
        ...json({ origins: ['https://redcross.example.org'] }, bearer(token)),
        method: 'PUT',
      });
      expect(origins.status).toBe(200);
      // refused writes leave no entry: bad input, and a conflict
      expect(
        (await env().fetch('/v1/admin/users', json({ email: 'nope', role: 'viewer' }, bearer(token)))).status,
      ).toBe(400);
      expect((await env().fetch('/v1/admin/users', json({ email, role: 'viewer' }, bearer(token)))).status).toBe(409);
      // reads leave none either
      await get('/v1/admin/users', bearer(token));

      const entries = await auditOf(org);
      expect(entries.length).toBe(before + 2);
      const organisation = (await (await get('/v1/admin/organisation', owner(org))).json()) as { id: string };
      expect(entries[0]).toMatchObject({
        operationId: 'setAllowedOrigins',
        targetId: organisation.id,
        actor: { kind: 'user', id: user.id, label: email },
      });
      expect(entries[1]).toMatchObject({ operationId: 'inviteAdminUser', targetId: user.id, actor: { kind: 'key' } });
      expect(entries[1]!.actor.id).toBeTruthy();
    });

    it('logs a write repeated with its Idempotency-Key once, and names what it addressed', async () => {
      const org = 'iom';
      const body = {
        kind: 'webinar',
        title: { en: 'Audited webinar' },
        startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 40 * 86_400_000 + 3600_000).toISOString(),
        timeZone: 'Europe/Zurich',
        mode: 'online',
        joinUrl: 'https://meet.example.org/iom',
        language: 'en',
      };
      const headers = { ...owner(org), 'Idempotency-Key': randomUUID() };
      const first = await env().fetch('/v1/admin/events', json(body, headers));
      const again = await env().fetch('/v1/admin/events', json(body, headers));
      expect(first.status, await first.clone().text()).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const { id } = (await first.json()) as { id: string };
      const cancelled = await env().fetch(`/v1/admin/events/${id}/cancel`, json({}, owner(org)));
      expect(cancelled.status).toBe(200);
      const entries = (await auditOf(org)).filter((e) => e.targetId === id);
      expect(entries.map((e) => e.operationId)).toEqual(['cancelEvent', 'createEvent']);
    });

    it('pages with a cursor, and is the owner’s alone', async () => {
      const org = 'moh-iraq';
      for (const n of [1, 2, 3]) await invite(env(), owner(org), address(`paged-${n}`), 'viewer');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await get(`/v1/admin/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`, owner(org))
        ).json()) as { items: Array<{ id: string; at: string }>; nextCursor: string | null };
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(new Set(seen).size).toBe(seen.length);
      const viewer = await signIn(env(), (await invite(env(), owner(org), address('auditor'), 'viewer')).email, org);
      expect((await get('/v1/admin/audit', bearer(viewer))).status).toBe(403);
      expect((await get('/v1/admin/audit?cursor=bogus', owner(org))).status).toBe(400);
    });
  });
});

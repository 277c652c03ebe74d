// Members sign in by e-mail link from a widget on their organisation's site (issue 15, item 1).
import { randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_ORIGIN,
  forEachApiEngine,
  memberSessionTokens,
  SIGN_IN_VERIFIER,
  SIGN_IN_VERIFIER_HASH,
} from './harness.js';

const PROBLEM = 'https://mahjar.dev/problems/';
const RETURN_URL = `${ALLOWED_ORIGIN}/members/account.html?tab=profile`;

forEachApiEngine('member sign-in', (env) => {
  const keyOf = (org = 'ilma-usa') => env().server.demoKeys[org]!.publishable;
  const headers = (org = 'ilma-usa', session?: string) => ({
    'Mahjar-Publishable-Key': keyOf(org),
    Origin: ALLOWED_ORIGIN,
    ...(session ? { 'Mahjar-Member-Session': session } : {}),
  });

  const requestLink = (email: string, options: { org?: string; returnUrl?: string; language?: string } = {}) =>
    env().fetch('/v1/members/sign-in', {
      method: 'POST',
      headers: {
        ...headers(options.org),
        'Content-Type': 'application/json',
        ...(options.language ? { 'Accept-Language': options.language } : {}),
      },
      body: JSON.stringify({ email, returnUrl: options.returnUrl ?? RETURN_URL, verifierHash: SIGN_IN_VERIFIER_HASH }),
    });

  const exchange = async (code: string, org = 'ilma-usa') => {
    const answer = await env().fetch('/v1/members/sessions', {
      method: 'POST',
      headers: { ...headers(org), 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, verifier: SIGN_IN_VERIFIER }),
    });
    if (answer.ok) memberSessionTokens.add((await answer.clone().json()).token);
    return answer;
  };

  const account = (session: string, org = 'ilma-usa') =>
    env().fetch('/v1/members/me', { headers: headers(org, session) });

  /** A member whose address is confirmed, with no sign-in mail yet. */
  async function member(status: 'verified' | 'pending_review' | 'pending_email' = 'verified') {
    const row = await env()
      .db.selectFrom('professionals')
      .select(['id', 'email', 'given_name', 'family_name'])
      .where('status', '=', status)
      .where('id', 'not in', (eb) => eb.selectFrom('member_sign_in_codes').select('professional_id'))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return row;
  }

  const mailsTo = (email: string) =>
    env()
      .db.selectFrom('outbox')
      .select(['subject', 'text'])
      .where('to_address', '=', email)
      .where('kind', '=', 'member_sign_in')
      .orderBy('created_at')
      .execute();

  const codeIn = (text: string) => /#mahjar-sign-in=(ml_[A-Za-z0-9_-]+)/.exec(text)?.[1];

  async function signIn(org = 'ilma-usa') {
    const who = await member();
    expect((await requestLink(who.email, { org })).status).toBe(202);
    const [mail] = await mailsTo(who.email);
    const created = await exchange(codeIn(mail!.text)!, org);
    expect(created.status).toBe(201);
    return { who, session: (await created.json()) as { token: string; expiresAt: string; professionalId: string } };
  }

  it('mails a link back to the page asked for, in the language asked for, which signs in once', async () => {
    const who = await member();
    const asked = await requestLink(who.email.toUpperCase(), { language: 'ar, en;q=0.5' });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ expiresInSeconds: 900 });
    expect(asked.headers.get('cache-control')).toBe('no-store');

    const [mail, ...more] = await mailsTo(who.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('رابط تسجيل الدخول');
    const link = /https?:\/\/\S+/.exec(mail!.text)![0];
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}${url.search}`).toBe(RETURN_URL);
    const code = codeIn(link)!;
    expect(code).toMatch(/^ml_[A-Za-z0-9_-]{43}$/);

    const created = await exchange(code);
    expect(created.status).toBe(201);
    const session = await created.json();
    expect(session.professionalId).toBe(who.id);
    expect(session.token).toMatch(/^ms_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(session.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const me = await account(session.token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      professionalId: who.id,
      email: who.email,
      givenName: who.given_name,
      familyName: who.family_name,
      status: 'verified',
      sessionExpiresAt: session.expiresAt,
    });

    // the code worked once
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect((await again.json()).type).toBe(`${PROBLEM}sign-in-link-invalid`);
  });

  it('answers an address without an account exactly as one with, and mails it nothing', async () => {
    const unconfirmed = await member('pending_email');
    const answers = [
      await requestLink('nobody-here@example.org'),
      await requestLink(unconfirmed.email),
      await requestLink((await member()).email),
    ];
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(await mailsTo('nobody-here@example.org')).toEqual([]);
    expect(await mailsTo(unconfirmed.email)).toEqual([]);
  });

  it('refuses a return address outside the organisation’s origins, and mails nothing', async () => {
    const who = await member();
    for (const returnUrl of ['https://evil.example/steal', 'http://127.0.0.1:5174/members/']) {
      const answer = await requestLink(who.email, { returnUrl });
      expect(answer.status).toBe(403);
      const problem = await answer.json();
      expect(problem.type).toBe(`${PROBLEM}origin-not-allowed`);
      expect(problem.errors).toEqual([{ pointer: '/returnUrl', detail: expect.any(String) }]);
    }
    expect(await mailsTo(who.email)).toEqual([]);
    const invalid = await requestLink('not an address');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors[0].pointer).toBe('/email');
  });

  it('sends at most three links per address in fifteen minutes, answering every request alike', async () => {
    const who = await member();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await requestLink(who.email)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    expect(await mailsTo(who.email)).toHaveLength(3);
  });

  it('exchanges a code only with the verifier of the browser that asked for it', async () => {
    const who = await member();
    expect((await requestLink(who.email)).status).toBe(202);
    const [mail] = await mailsTo(who.email);
    const code = codeIn(mail!.text)!;
    for (const verifier of ['another-browser-verifier-0123456789abcdefghijkl', undefined]) {
      const refused = await env().fetch('/v1/members/sessions', {
        method: 'POST',
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(verifier ? { code, verifier } : { code }),
      });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((await refused.json()).type).toBe(`${PROBLEM}${verifier ? 'sign-in-link-invalid' : 'validation'}`);
    }
    expect((await exchange(code)).status, 'the asking browser still can').toBe(201);
  });

  it('refuses forged, expired and other organisations’ codes alike', async () => {
    const who = await member();
    await requestLink(who.email);
    const [mail] = await mailsTo(who.email);
    const code = codeIn(mail!.text)!;
    const refused = async (answer: Response) => {
      expect(answer.status).toBe(400);
      expect((await answer.json()).type).toBe(`${PROBLEM}sign-in-link-invalid`);
    };
    await refused(await exchange(`ml_${'A'.repeat(43)}`));
    // another chapter's site cannot use it
    await refused(await exchange(code, 'ilma-canada'));
    await env()
      .db.updateTable('member_sign_in_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('professional_id', '=', who.id)
      .execute();
    await refused(await exchange(code));
    expect(
      await env().db.selectFrom('member_sessions').where('professional_id', '=', who.id).selectAll().execute(),
    ).toEqual([]);
  });

  describe('sessions', () => {
    it('work only with the key of the organisation they were opened through', async () => {
      const { session } = await signIn();
      expect((await account(session.token)).status).toBe(200);
      const elsewhere = await account(session.token, 'ilma-canada');
      expect(elsewhere.status).toBe(401);
      expect((await elsewhere.json()).type).toBe(`${PROBLEM}unauthorized`);
      const without = await env().fetch('/v1/members/me', { headers: headers() });
      expect(without.status).toBe(401);
      expect((await account(`ms_${'B'.repeat(43)}`)).status).toBe(401);
    });

    it('end: signing out ends this one, signing out everywhere ends them all', async () => {
      const first = await signIn();
      /** Another session of the same member, from a new link. */
      const another = async () => {
        await requestLink(first.who.email);
        const mail = (await mailsTo(first.who.email)).at(-1)!;
        return ((await (await exchange(codeIn(mail.text)!)).json()) as { token: string }).token;
      };
      const second = await another();
      const end = (path: string, token: string) =>
        env().fetch(path, { method: 'DELETE', headers: headers('ilma-usa', token) });

      expect((await end('/v1/members/sessions/current', first.session.token)).status).toBe(204);
      expect((await account(first.session.token)).status).toBe(401);
      expect((await account(second)).status).toBe(200);
      expect((await end('/v1/members/sessions/current', first.session.token)).status).toBe(401);

      const third = await another();
      expect((await end('/v1/members/sessions', third)).status).toBe(204);
      expect((await account(second)).status).toBe(401);
      expect((await account(third)).status).toBe(401);
    });

    it('expire', async () => {
      const { who, session } = await signIn();
      await env()
        .db.updateTable('member_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('professional_id', '=', who.id)
        .execute();
      expect((await account(session.token)).status).toBe(401);
    });
  });

  describe('their data', () => {
    it('exports everything held about the member, and nothing about anyone else', async () => {
      const { who, session } = await signIn();
      const other = await member();
      const answer = await env().fetch('/v1/members/me/export', { headers: headers('ilma-usa', session.token) });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toMatch(
        /^attachment; filename="mahjar-data-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const text = await answer.text();
      const data = JSON.parse(text);
      expect(data.profile).toMatchObject({ id: who.id, email: who.email, givenName: who.given_name });
      expect(data.consents.length).toBeGreaterThan(0);
      expect(data.consents.every((c: { professionalId: string }) => c.professionalId === who.id)).toBe(true);
      expect(data.sessions).toContainEqual({
        createdAt: expect.any(String),
        expiresAt: session.expiresAt,
        endedAt: null,
      });
      expect(text).not.toContain(other.email);
      expect(text).not.toContain(other.id);
    });

    it('deletes the account: the directory forgets it at once, its sessions end, a tombstone keeps no personal data', async () => {
      const { who, session } = await signIn();
      const search = async (query: string) => {
        const answer = await env().fetch(`/v1/professionals?${query}`, { headers: headers() });
        expect(answer.status).toBe(200);
        return (await answer.json()) as { total: number; items: { id: string }[] };
      };
      const byName = `q=${encodeURIComponent(who.family_name)}&limit=100`;
      const before = await search('limit=1');
      expect((await search(byName)).items.map((p) => p.id)).toContain(who.id);
      expect((await env().fetch(`/v1/professionals/${who.id}`, { headers: headers() })).status).toBe(200);

      const deleted = await env().fetch('/v1/members/me', {
        method: 'DELETE',
        headers: { ...headers('ilma-usa', session.token), 'Accept-Language': 'fr' },
      });
      expect(deleted.status).toBe(204);

      expect((await env().fetch(`/v1/professionals/${who.id}`, { headers: headers() })).status).toBe(404);
      expect((await search('limit=1')).total).toBe(before.total - 1);
      expect((await search(byName)).items.map((p) => p.id)).not.toContain(who.id);
      expect((await account(session.token)).status).toBe(401);
      for (const table of ['consent_records', 'member_sessions', 'member_sign_in_codes'] as const) {
        const rows = await env().db.selectFrom(table).select('id').where('professional_id', '=', who.id).execute();
        expect(rows, table).toEqual([]);
      }
      const tombstone = await env()
        .db.selectFrom('deleted_accounts')
        .selectAll()
        .orderBy('deleted_at', 'desc')
        .executeTakeFirstOrThrow();
      const kept = JSON.stringify(tombstone);
      for (const personal of [who.id, who.email, who.given_name, who.family_name]) expect(kept).not.toContain(personal);
      expect(tombstone.consents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ noticeVersion: expect.any(String), createdAt: expect.any(String) }),
        ]),
      );
      const [mail] = await env()
        .db.selectFrom('outbox')
        .select(['subject'])
        .where('to_address', '=', who.email)
        .where('kind', '=', 'member_account_deleted')
        .execute();
      expect(mail?.subject).toBe('Votre compte a été supprimé');
    });
  });

  describe('their profile', () => {
    type Profile = components['schemas']['AdminProfessional'];
    type ProfileInput = components['schemas']['MemberProfileInput'];

    const profileOf = async (token: string) => {
      const answer = await env().fetch('/v1/members/me/profile', { headers: headers('ilma-usa', token) });
      expect(answer.status).toBe(200);
      return (await answer.json()) as Profile;
    };
    /** What the account form would send back unchanged. */
    const inputFrom = (p: Profile): ProfileInput => ({
      ...(p.title ? { title: p.title } : {}),
      profession: p.profession,
      givenName: p.givenName,
      familyName: p.familyName,
      ...(p.givenNameAr ? { givenNameAr: p.givenNameAr } : {}),
      ...(p.familyNameAr ? { familyNameAr: p.familyNameAr } : {}),
      specialties: p.specialties,
      country: p.country,
      city: p.city,
      affiliations: p.affiliations,
      credentials: p.credentials.map(({ verification: _, ...c }) => c),
      languages: p.languages,
      ...(p.medicalSchool ? { medicalSchool: p.medicalSchool } : {}),
      offers: p.offers,
      ...(p.bio ? { bio: p.bio } : {}),
      visibility: p.visibility,
      consent: {
        noticeVersion: p.consent.noticeVersion,
        noticeHash: p.consent.noticeHash,
        locale: p.consent.locale,
        sourceSite: `${ALLOWED_ORIGIN}/members/`,
        permissions: p.consent.permissions,
      },
    });
    const save = (token: string, body: unknown, key = randomUUID()) =>
      env().fetch('/v1/members/me/profile', {
        method: 'PUT',
        headers: { ...headers('ilma-usa', token), 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });

    it('saves an edit and who sees each field; the directory shows it at once, and a consent record says so', async () => {
      const { who, session } = await signIn();
      const before = await profileOf(session.token);
      expect(before).toMatchObject({ id: who.id, email: who.email });
      const card = async () => {
        const answer = await env().fetch(`/v1/professionals?q=${encodeURIComponent(who.family_name)}&limit=100`, {
          headers: headers(),
        });
        return ((await answer.json()) as { items: { id: string; city?: string; specialties?: string[] }[] }).items.find(
          (p) => p.id === who.id,
        );
      };
      await card(); // in the answer cache now
      const consents = await env().count('consent_records');

      const edit = inputFrom(before);
      edit.city = 'Beirut';
      edit.specialties = ['cardiology'];
      edit.visibility = { ...edit.visibility, city: 'private', specialties: 'public' };
      const saved = await save(session.token, edit);
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ city: 'Beirut', specialties: ['cardiology'] });

      const shown = await card();
      expect(shown?.specialties).toEqual(['cardiology']);
      expect(shown?.city).toBeUndefined();
      const detail = await (await env().fetch(`/v1/professionals/${who.id}`, { headers: headers() })).json();
      expect(detail.city).toBeUndefined();
      expect(await env().count('consent_records')).toBe(consents + 1);
      const latest = await env()
        .db.selectFrom('consent_records')
        .select(['visibility', 'source_site'])
        .where('professional_id', '=', who.id)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(latest).toMatchObject({ visibility: { city: 'private' }, source_site: `${ALLOWED_ORIGIN}/members/` });
    });

    it('keeps a reviewed credential’s state; a new one waits for a reviewer', async () => {
      const { who, session } = await signIn();
      const edit = inputFrom(await profileOf(session.token));
      const licence = {
        kind: 'licence' as const,
        name: 'Licence to practise',
        issuer: 'Ordre des médecins',
        country: 'FR',
      };
      edit.credentials = [licence];
      await save(session.token, edit);
      await env()
        .db.updateTable('professionals')
        .set({ credentials: JSON.stringify([{ ...licence, verification: 'verified' }]) })
        .where('id', '=', who.id)
        .execute();
      const board = {
        kind: 'board_certification' as const,
        name: 'Cardiology',
        issuer: 'ABIM',
        country: 'US',
        year: 2015,
      };
      edit.credentials = [licence, board];
      const saved = (await (await save(session.token, edit)).json()) as Profile;
      expect(saved.credentials.map((c) => c.verification)).toEqual(['verified', 'pending']);
    });

    it('validates like the signup and changes nothing when refused', async () => {
      const { session } = await signIn();
      const before = await profileOf(session.token);
      const edit = { ...inputFrom(before), specialties: ['not-a-specialty'], city: 'Nowhere' };
      const refused = await save(session.token, edit);
      expect(refused.status).toBe(400);
      expect((await refused.json()).errors).toEqual([{ pointer: '/specialties/0', detail: expect.any(String) }]);
      const malformed = await save(session.token, { ...inputFrom(before), givenName: '' });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).errors[0].pointer).toBe('/givenName');
      expect(await profileOf(session.token)).toEqual(before);
    });

    it('is idempotent: a retry replays, the same key with another body is refused', async () => {
      const { session } = await signIn();
      const edit = { ...inputFrom(await profileOf(session.token)), city: 'Tripoli' };
      const key = randomUUID();
      const first = await save(session.token, edit, key);
      const again = await save(session.token, edit, key);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await save(session.token, { ...edit, city: 'Saida' }, key);
      expect(other.status).toBe(409);
      expect((await other.json()).type).toBe(`${PROBLEM}idempotency-conflict`);
      expect((await profileOf(session.token)).city).toBe('Tripoli');
    });

    it('an edit racing the deletion: the deletion wins whole, the edit is refused cleanly, nothing is left behind', async () => {
      for (let round = 0; round < 3; round++) {
        const { who, session } = await signIn();
        const edit = { ...inputFrom(await profileOf(session.token)), city: 'Byblos' };
        const [saved, deleted] = await Promise.all([
          save(session.token, edit),
          env().fetch('/v1/members/me', { method: 'DELETE', headers: headers('ilma-usa', session.token) }),
        ]);
        expect(deleted.status).toBe(204);
        // Either the edit was committed before the deletion took the row, or it finds the session gone.
        expect([200, 401]).toContain(saved.status);
        if (saved.status !== 200) {
          expect(saved.headers.get('content-type')).toContain('application/problem+json');
          expect((await saved.json()).type).toBe(`${PROBLEM}unauthorized`);
        }
        for (const table of ['consent_records', 'member_sessions', 'directory_entries'] as const) {
          const rows = await env()
            .db.selectFrom(table)
            .select('professional_id')
            .where('professional_id', '=', who.id)
            .execute();
          expect(rows, table).toEqual([]);
        }
        const left = await env().db.selectFrom('professionals').select('id').where('id', '=', who.id).execute();
        expect(left).toEqual([]);
      }
    });
  });

  describe('their chapters', () => {
    const setChapters = (token: string, chapters: string[], key = randomUUID()) =>
      env().fetch('/v1/members/me/chapters', {
        method: 'PUT',
        headers: { ...headers('ilma-usa', token), 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({
          chapters,
          consent: {
            noticeVersion: '2026-07',
            noticeHash: 'a'.repeat(64),
            locale: 'en',
            sourceSite: `${ALLOWED_ORIGIN}/members/`,
            permissions: { ministries: [], transferAbroad: true, newsletter: false },
          },
        }),
      });
    const pendingIn = async (org: string) => {
      const answer = await env().fetch('/v1/admin/professionals/pending?limit=100', {
        headers: { 'Mahjar-Secret-Key': env().server.demoKeys[org]!.secret },
      });
      return ((await answer.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    };

    it('joins and leaves: the chapters’ lists follow at once, with a consent record each time', async () => {
      const who = await member('pending_review');
      await requestLink(who.email);
      const [mail] = await mailsTo(who.email);
      const session = (await (await exchange(codeIn(mail!.text)!)).json()) as { token: string };
      const consents = await env().count('consent_records');

      const joined = await setChapters(session.token, ['ilma-usa', 'ilma-canada']);
      expect(joined.status).toBe(200);
      expect((await joined.json()).chapters).toEqual(['ilma-usa', 'ilma-canada']);
      expect(await pendingIn('ilma-canada')).toContain(who.id);

      expect((await setChapters(session.token, ['ilma-canada'])).status).toBe(200);
      expect(await pendingIn('ilma-usa')).not.toContain(who.id);
      expect(await pendingIn('ilma-canada')).toContain(who.id);
      expect(await env().count('consent_records')).toBe(consents + 2);
    });

    it('refuses an unknown chapter and an empty list, changing nothing', async () => {
      const { session } = await signIn();
      const unknown = await setChapters(session.token, ['ilma-usa', 'no-such-chapter']);
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).errors).toEqual([{ pointer: '/chapters/1', detail: expect.any(String) }]);
      const empty = await setChapters(session.token, []);
      expect(empty.status).toBe(400);
      expect((await empty.json()).errors[0].pointer).toBe('/chapters');
    });
  });

  describe('their monthly gifts', () => {
    /** A monthly gift made with the member's address and paid through the sandbox checkout. */
    async function monthlyGift(email: string) {
      const created = await env().fetch('/v1/campaigns/mental-health-lines/donations', {
        method: 'POST',
        headers: { ...headers(), 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({
          amount: 2500,
          currency: 'USD',
          frequency: 'monthly',
          anonymous: false,
          donorName: 'A member',
          donorEmail: email,
          returnUrl: `${ALLOWED_ORIGIN}/thanks`,
        }),
      });
      expect(created.status).toBe(201);
      const donation = (await created.json()) as { id: string; checkoutUrl: string };
      const paid = await env().fetch(`${new URL(donation.checkoutUrl).pathname}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'outcome=succeeded',
        redirect: 'manual',
      });
      expect(paid.status).toBe(303);
      return { id: donation.id, subscription: new URL(donation.checkoutUrl).pathname.split('/').at(-1)! };
    }

    const cancel = (token: string, id: string) =>
      env().fetch(`/v1/members/me/gifts/${id}/cancel`, {
        method: 'POST',
        headers: { ...headers('ilma-usa', token), 'Idempotency-Key': randomUUID() },
      });

    it('lists them and stops one at the provider, once; another member cannot touch it', async () => {
      const { who, session } = await signIn();
      const gift = await monthlyGift(who.email);
      const listed = await env().fetch('/v1/members/me/gifts', { headers: headers('ilma-usa', session.token) });
      expect(listed.status).toBe(200);
      expect((await listed.json()).items).toEqual([
        expect.objectContaining({
          id: gift.id,
          amount: 2500,
          currency: 'USD',
          monthsPaid: 1,
          endedAt: null,
          cancelError: null,
        }),
      ]);

      const provider = env().server.ctx.payments.sandbox;
      const cancelled: string[] = [];
      const real = provider.cancelSubscription.bind(provider);
      provider.cancelSubscription = async (ref) => {
        cancelled.push(ref);
        return real(ref);
      };
      try {
        const other = await signIn();
        expect((await cancel(other.session.token, gift.id)).status).toBe(404);
        const stopped = await cancel(session.token, gift.id);
        expect(stopped.status).toBe(200);
        const ended = await stopped.json();
        expect(ended.endedAt).toEqual(expect.any(String));
        const again = await cancel(session.token, gift.id);
        expect((await again.json()).endedAt).toBe(ended.endedAt);
        expect(cancelled).toEqual([gift.subscription]);
      } finally {
        provider.cancelSubscription = real;
      }
    });

    it('keeps a gift running when the provider refuses, says why, and a second try ends it', async () => {
      const { who, session } = await signIn();
      const gift = await monthlyGift(who.email);
      const provider = env().server.ctx.payments.sandbox;
      const real = provider.cancelSubscription.bind(provider);
      provider.cancelSubscription = async () => {
        throw new Error('the provider is down');
      };
      try {
        const refused = await (await cancel(session.token, gift.id)).json();
        expect(refused).toMatchObject({ endedAt: null, cancelError: 'the provider is down' });
      } finally {
        provider.cancelSubscription = real;
      }
      expect(await (await cancel(session.token, gift.id)).json()).toMatchObject({
        endedAt: expect.any(String),
        cancelError: null,
      });
    });
  });
});

import { createHash, randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/http/types.js';
import { cachedSearch } from '../../src/operations/professionals/directory.js';
import { challengeSecret, issueChallenge } from '../../src/spam.js';
import { ALLOWED_ORIGIN, forEachApiEngine, reversedKeys } from './harness.js';

type SignupRequest = components['schemas']['SignupRequest'];
type Visibility = components['schemas']['ProfessionalVisibility'];

/** The client's side of the proof of work: the first nonce whose digest has `difficulty` leading zero bits. */
function solve(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const d = createHash('sha256').update(`${token}:${n}`).digest();
    let bits = 0;
    for (const byte of d) {
      if (byte === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= difficulty) return String(n);
  }
}

/** Latin letters only, so the tokenizer sees one word: a name no seeded profile has. */
const word = (prefix: string) =>
  prefix +
  Array.from(randomUUID().replace(/-/g, '').slice(0, 10), (c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join(
    '',
  );

const PROBLEM = 'https://mahjar.dev/problems/';

forEachApiEngine('professionals', (env) => {
  const pub = (org = 'ilma-usa') => env().client({ org });
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });

  async function solvedChallenge(org = 'ilma-usa') {
    const { data, response } = await pub(org).GET('/v1/signups/challenge');
    expect(response.status).toBe(200);
    return { token: data!.token, nonce: solve(data!.token, data!.difficulty) };
  }

  async function signupBody(overrides: Partial<SignupRequest> = {}, org = 'ilma-usa'): Promise<SignupRequest> {
    return {
      title: 'dr',
      profession: 'physician',
      givenName: 'Rania',
      familyName: word('Test'),
      givenNameAr: 'رانيا',
      familyNameAr: 'حداد',
      email: `${randomUUID()}@example.org`,
      specialties: ['cardiology'],
      country: 'US',
      city: 'Houston',
      affiliations: [{ institution: 'Baylor College of Medicine', role: 'Associate Professor' }],
      credentials: [
        { kind: 'board_certification', name: 'Cardiovascular Disease', issuer: 'ABIM', country: 'US', year: 2014 },
      ],
      languages: ['ar', 'en'],
      medicalSchool: { name: 'American University of Beirut', country: 'LB', graduationYear: 2008 },
      offers: [{ kind: 'mentoring', availability: 'Two hours a month', priorityArea: 'health-workforce' }],
      bio: 'Interventional cardiologist.',
      visibility: {},
      consent: {
        noticeVersion: '2026-07',
        noticeHash: createHash('sha256').update('notice').digest('hex'),
        locale: 'en',
        sourceSite: `${ALLOWED_ORIGIN}/join`,
        permissions: { ministries: ['moph-lebanon'], transferAbroad: true, newsletter: false },
      },
      challenge: await solvedChallenge(org),
      ...overrides,
    };
  }

  const professionalsWith = async (email: string) =>
    Number(
      (
        await env()
          .db.selectFrom('professionals')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(sql`lower(email)`, '=', email.toLowerCase())
          .executeTakeFirstOrThrow()
      ).n,
    );

  const mailTo = (email: string, kind?: string) => {
    let q = env().db.selectFrom('outbox').selectAll().where('to_address', '=', email);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('created_at').execute();
  };

  /** The JSON export (the SDK types the body as CSV or JSON; `format=json` picks JSON). */
  async function exportJson(org = 'ilma-usa') {
    const { data, response } = await admin(org).GET('/v1/admin/members/export', {
      params: { query: { format: 'json' } },
    });
    expect(response.status).toBe(200);
    return data as components['schemas']['MemberExport'];
  }

  const tokenIn = (text: string) => /ev_[A-Za-z0-9_-]+/.exec(text)?.[0];

  /** Signs up, verifies the address from the mail and has ilma-usa verify the profile. */
  async function verifiedProfessional(overrides: Partial<SignupRequest> = {}) {
    const body = await signupBody(overrides);
    const signup = await pub().POST('/v1/signups', { body });
    expect(signup.response.status).toBe(202);
    const [mail] = await mailTo(body.email, 'signup_verification');
    const verified = await pub().POST('/v1/signups/verify', { body: { token: tokenIn(mail!.text)! } });
    expect(verified.data?.status).toBe('pending_review');
    const id = signup.data!.professionalId;
    const reviewed = await admin().POST('/v1/admin/professionals/{id}/review', {
      params: { path: { id } },
      body: { decision: 'verify' },
    });
    expect(reviewed.data?.status).toBe('verified');
    return { id, body };
  }

  describe('signup challenge', () => {
    it('issues a signed sha256 challenge that is never cached', async () => {
      const { data, response } = await pub().GET('/v1/signups/challenge');
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ algorithm: 'sha256', difficulty: expect.any(Number) });
      expect(data!.token).toMatch(/^ch_v1\./);
      expect(data!.difficulty).toBeGreaterThanOrEqual(12);
      expect(new Date(data!.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(response.headers.get('cache-control')).toBe('no-store');
      const again = await pub().GET('/v1/signups/challenge');
      expect(again.data!.token).not.toBe(data!.token);
    });

    it('needs a publishable key', async () => {
      const { response } = await env().client({ key: 'none' }).GET('/v1/signups/challenge');
      expect(response.status).toBe(401);
    });

    const failures: [string, (c: { token: string; nonce: string }) => Promise<{ token: string; nonce: string }>][] = [
      ['a wrong nonce', async (c) => ({ token: c.token, nonce: `${c.nonce}x` })],
      [
        'a tampered token',
        async (c) => ({ token: `${c.token.slice(0, -2)}${c.token.endsWith('AA') ? 'BB' : 'AA'}`, nonce: c.nonce }),
      ],
      [
        'an expired token',
        async () => {
          const expired = issueChallenge(challengeSecret(env().server.ctx.config), new Date(Date.now() - 3_600_000), 8);
          return { token: expired.token, nonce: solve(expired.token, expired.difficulty) };
        },
      ],
      [
        'a token signed with another secret',
        async () => {
          const forged = issueChallenge(challengeSecret({ sandboxWebhookSecret: 'guess' }), new Date(), 1);
          return { token: forged.token, nonce: solve(forged.token, forged.difficulty) };
        },
      ],
    ];
    it.each(failures)('refuses a signup with %s (challenge-failed, no row)', async (_name, mutate) => {
      const body = await signupBody();
      body.challenge = await mutate(body.challenge);
      const before = await env().count('professionals');
      const { error, response } = await pub().POST('/v1/signups', { body });
      expect(response.status).toBe(400);
      expect(error?.type).toBe(`${PROBLEM}challenge-failed`);
      expect(await env().count('professionals')).toBe(before);
      expect(await mailTo(body.email)).toEqual([]);
    });

    it('accepts a solved challenge once only', async () => {
      const first = await signupBody();
      expect((await pub().POST('/v1/signups', { body: first })).response.status).toBe(202);
      const second = await signupBody({ challenge: first.challenge });
      const { error, response } = await pub().POST('/v1/signups', { body: second });
      expect(response.status).toBe(400);
      expect(error?.type).toBe(`${PROBLEM}challenge-failed`);
      expect(await professionalsWith(second.email)).toBe(0);
    });

    it('gives a challenge back when the signup fails later (the rollback forgets its use)', async () => {
      const body = await signupBody({ specialties: ['no-such-specialty'] });
      const bad = await pub().POST('/v1/signups', { body });
      expect(bad.response.status).toBe(400);
      expect(bad.error?.errors?.[0]?.pointer).toBe('/specialties/0');
      const good = await pub().POST('/v1/signups', { body: { ...body, specialties: ['cardiology'] } });
      expect(good.response.status).toBe(202);
    });
  });

  describe('signup', () => {
    it('runs from signup to the public directory', async () => {
      const body = await signupBody({ chapters: ['ilma-canada'] });
      const signup = await pub().POST('/v1/signups', { body });
      expect(signup.response.status).toBe(202);
      expect(signup.data).toMatchObject({ status: 'pending_email', professionalId: expect.any(String) });
      const id = signup.data!.professionalId;
      const expires = new Date(signup.data!.verificationExpiresAt).getTime();
      expect(expires - Date.now()).toBeGreaterThan(47 * 3600_000);

      const stored = await env()
        .db.selectFrom('professionals')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('pending_email');
      // the key's chapter is always added
      expect([...stored.chapters].sort()).toEqual(['ilma-canada', 'ilma-usa']);
      // every field spelled out, with the contract's defaults
      expect(stored.visibility).toMatchObject({
        givenName: 'public',
        city: 'members',
        credentials: 'members',
        bio: 'public',
      });
      const consent = await env()
        .db.selectFrom('consent_records')
        .selectAll()
        .where('professional_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(consent).toMatchObject({
        notice_version: '2026-07',
        notice_hash: body.consent.noticeHash,
        locale: 'en',
        source_site: body.consent.sourceSite,
        permissions: body.consent.permissions,
      });
      expect(consent.visibility).toEqual(stored.visibility);

      // The verification mail, read through the outbox of the chapter whose site it came from.
      const outbox = await admin('ilma-usa').GET('/v1/admin/outbox', { params: { query: { to: body.email } } });
      const mail = outbox.data!.items.find((m) => m.kind === 'signup_verification');
      expect(mail?.text).toContain(`${ALLOWED_ORIGIN}/join?mahjar-verify=ev_`);
      const token = tokenIn(mail!.text)!;
      const verifications = await env()
        .db.selectFrom('email_verifications')
        .selectAll()
        .where('professional_id', '=', id)
        .execute();
      expect(verifications.map((v) => v.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);

      // not public before review
      expect((await pub().GET('/v1/professionals/{id}', { params: { path: { id } } })).response.status).toBe(404);

      const verified = await pub().POST('/v1/signups/verify', { body: { token } });
      expect(verified.data).toEqual({ professionalId: id, status: 'pending_review' });
      const twice = await pub().POST('/v1/signups/verify', { body: { token } });
      expect(twice.data).toEqual({ professionalId: id, status: 'pending_review' });

      const queue = await admin().GET('/v1/admin/professionals/pending', { params: { query: { limit: 100 } } });
      const queued = queue.data!.items.find((p) => p.id === id);
      expect(queued).toMatchObject({ status: 'pending_review', email: body.email, city: 'Houston', reviewNote: null });
      expect(queued!.consent).toMatchObject({
        professionalId: id,
        noticeVersion: '2026-07',
        sourceSite: body.consent.sourceSite,
      });
      expect(queued!.credentials[0]?.verification).toBe('pending');
      // also in the other chapter's queue
      const canada = await admin('ilma-canada').GET('/v1/admin/professionals/pending', {
        params: { query: { limit: 100 } },
      });
      expect(canada.data!.items.some((p) => p.id === id)).toBe(true);

      const reviewed = await admin().POST('/v1/admin/professionals/{id}/review', {
        params: { path: { id } },
        body: { decision: 'verify', note: 'ABIM certificate checked.' },
      });
      expect(reviewed.data).toMatchObject({ id, status: 'verified', reviewNote: 'ABIM certificate checked.' });
      const [decision] = await mailTo(body.email, 'signup_reviewed');
      expect(decision?.text).toContain('ABIM certificate checked.');

      const found = await pub().GET('/v1/professionals', { params: { query: { q: body.familyName } } });
      expect(found.data!.items.map((p) => p.id)).toEqual([id]);
      expect(found.data!.items[0]).toMatchObject({ givenName: 'Rania', familyName: body.familyName, country: 'US' });
      expect(found.data!.items[0]!.offers).toEqual(body.offers);
      const detail = await pub().GET('/v1/professionals/{id}', { params: { path: { id } } });
      expect(detail.data).toMatchObject({
        id,
        givenName: 'Rania',
        familyNameAr: 'حداد',
        bio: body.bio,
        offers: body.offers,
      });
    });

    it('drops a signup whose honeypot is filled, answering 202 all the same', async () => {
      const body = await signupBody({ website: 'https://spam.example' });
      const before = await Promise.all([
        env().count('professionals'),
        env().count('consent_records'),
        env().count('outbox'),
      ]);
      const { data, response } = await pub().POST('/v1/signups', { body });
      expect(response.status).toBe(202);
      expect(data).toMatchObject({ status: 'pending_email', professionalId: expect.any(String) });
      expect(
        await Promise.all([env().count('professionals'), env().count('consent_records'), env().count('outbox')]),
      ).toEqual(before);
    });

    it('creates one profile for a double submit with the same Idempotency-Key', async () => {
      const body = await signupBody();
      const key = randomUUID();
      const first = await pub().POST('/v1/signups', { body, headers: { 'Idempotency-Key': key } });
      const second = await pub().POST('/v1/signups', { body, headers: { 'Idempotency-Key': key } });
      expect(first.response.status).toBe(202);
      expect(second.response.status).toBe(202);
      expect(second.data).toEqual(first.data);
      expect(second.response.headers.get('idempotent-replayed')).toBe('true');
      expect(await professionalsWith(body.email)).toBe(1);
      expect(await mailTo(body.email, 'signup_verification')).toHaveLength(1);
    });

    it('replays, not refuses, the same signup sent again with its keys in another order', async () => {
      const body = await signupBody();
      const key = randomUUID();
      const first = await pub().POST('/v1/signups', { body, headers: { 'Idempotency-Key': key } });
      const second = await pub().POST('/v1/signups', { body: reversedKeys(body), headers: { 'Idempotency-Key': key } });
      expect(first.response.status).toBe(202);
      expect(second.response.status, JSON.stringify(second.error)).toBe(202);
      expect(second.response.headers.get('idempotent-replayed')).toBe('true');
      expect(second.data).toEqual(first.data);
      expect(await professionalsWith(body.email)).toBe(1);
    });

    it('refuses the same Idempotency-Key with another signup (idempotency-conflict), writing nothing', async () => {
      const key = randomUUID();
      const first = await signupBody();
      expect(
        (await pub().POST('/v1/signups', { body: first, headers: { 'Idempotency-Key': key } })).response.status,
      ).toBe(202);
      const other = await signupBody({ givenName: 'Mallory' });
      const before = await Promise.all([env().count('professionals'), env().count('outbox')]);
      const { response, error } = await pub().POST('/v1/signups', { body: other, headers: { 'Idempotency-Key': key } });
      expect(response.status).toBe(409);
      expect(error?.type).toBe(`${PROBLEM}idempotency-conflict`);
      expect(await professionalsWith(other.email)).toBe(0);
      expect(await Promise.all([env().count('professionals'), env().count('outbox')])).toEqual(before);
    });

    it('keeps one organisation’s Idempotency-Key apart from another’s: neither replays the other’s answer', async () => {
      const key = randomUUID();
      const usa = await signupBody();
      const iraq = await signupBody({ chapters: ['imsa-iraq'] }, 'imsa-iraq');
      const a = await pub().POST('/v1/signups', { body: usa, headers: { 'Idempotency-Key': key } });
      const b = await pub('imsa-iraq').POST('/v1/signups', { body: iraq, headers: { 'Idempotency-Key': key } });
      expect(a.response.status).toBe(202);
      expect(b.response.status, JSON.stringify(b.error)).toBe(202);
      expect(b.response.headers.get('idempotent-replayed')).toBeNull();
      expect(b.data!.professionalId).not.toBe(a.data!.professionalId);
      expect(await professionalsWith(usa.email)).toBe(1);
      expect(await professionalsWith(iraq.email)).toBe(1);
    });

    it('answers a duplicate address like a new one, and tells only the owner', async () => {
      const first = await signupBody();
      const a = await pub().POST('/v1/signups', { body: first });
      const again = await signupBody({ email: first.email.toUpperCase(), givenName: 'Mallory' });
      const b = await pub().POST('/v1/signups', { body: again });
      expect(b.response.status).toBe(a.response.status);
      expect(Object.keys(b.data!).sort()).toEqual(Object.keys(a.data!).sort());
      expect(b.data!.status).toBe('pending_email');
      expect(b.data!.professionalId).not.toBe(a.data!.professionalId);
      expect(await professionalsWith(first.email)).toBe(1);
      const ghost = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('id', '=', b.data!.professionalId)
        .execute();
      expect(ghost).toEqual([]);
      const [dup] = await mailTo(first.email, 'signup_duplicate');
      expect(dup).toBeDefined();
      // the profile still waits for its address, so the owner gets a fresh link that works
      const verified = await pub().POST('/v1/signups/verify', { body: { token: tokenIn(dup!.text)! } });
      expect(verified.data).toEqual({ professionalId: a.data!.professionalId, status: 'pending_review' });
      const stored = await env()
        .db.selectFrom('professionals')
        .select('given_name')
        .where('id', '=', a.data!.professionalId)
        .executeTakeFirstOrThrow();
      expect(stored.given_name).toBe('Rania');
    });

    it('refuses an expired verification link and leaves the profile waiting', async () => {
      const body = await signupBody();
      const { data } = await pub().POST('/v1/signups', { body });
      const [mail] = await mailTo(body.email, 'signup_verification');
      await env()
        .db.updateTable('email_verifications')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('professional_id', '=', data!.professionalId)
        .execute();
      const { error, response } = await pub().POST('/v1/signups/verify', { body: { token: tokenIn(mail!.text)! } });
      expect(response.status).toBe(400);
      expect(error?.type).toBe(`${PROBLEM}validation`);
      expect(error?.detail).toMatch(/expired/);
      const stored = await env()
        .db.selectFrom('professionals')
        .select('status')
        .where('id', '=', data!.professionalId)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('pending_email');
    });

    it('answers an unknown verification token with 404', async () => {
      const { error, response } = await pub().POST('/v1/signups/verify', { body: { token: `ev_${'x'.repeat(32)}` } });
      expect(response.status).toBe(404);
      expect(error?.type).toBe(`${PROBLEM}not-found`);
    });

    it('never mails a link to a page outside the key’s origins', async () => {
      const body = await signupBody();
      body.consent.sourceSite = 'https://phishing.example/login';
      await pub().POST('/v1/signups', { body });
      const [mail] = await mailTo(body.email, 'signup_verification');
      expect(mail!.text).not.toContain('phishing.example');
      expect(mail!.text).toContain('https://ilma-usa.example.org/?mahjar-verify=ev_');
    });
  });

  describe('malformed signups', () => {
    const post = (body: string, type = 'application/json') =>
      env().fetch('/v1/signups', {
        method: 'POST',
        headers: {
          'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
          'Idempotency-Key': randomUUID(),
          'content-type': type,
        },
        body,
      });
    const valid = async () => JSON.parse(JSON.stringify(await signupBody())) as Record<string, unknown>;
    const cases: [string, (b: Record<string, unknown>) => string, string, number][] = [
      ['malformed JSON', (b) => JSON.stringify(b).slice(0, -3), 'application/json', 400],
      ['wrong content type', (b) => new URLSearchParams(b as Record<string, string>).toString(), 'text/plain', 415],
      ['unknown field', (b) => JSON.stringify({ ...b, isAdmin: true }), 'application/json', 400],
      ['bad enum', (b) => JSON.stringify({ ...b, profession: 'wizard' }), 'application/json', 400],
      ['bad visibility', (b) => JSON.stringify({ ...b, visibility: { city: 'everyone' } }), 'application/json', 400],
      ['wrong type', (b) => JSON.stringify({ ...b, specialties: 'cardiology' }), 'application/json', 400],
      ['missing field', (b) => JSON.stringify({ ...b, email: undefined }), 'application/json', 400],
      ['missing consent', (b) => JSON.stringify({ ...b, consent: undefined }), 'application/json', 400],
      ['missing challenge', (b) => JSON.stringify({ ...b, challenge: undefined }), 'application/json', 400],
      ['bad e-mail', (b) => JSON.stringify({ ...b, email: 'not-an-address' }), 'application/json', 400],
      ['oversized string', (b) => JSON.stringify({ ...b, givenName: 'x'.repeat(101) }), 'application/json', 400],
      ['oversized body', (b) => JSON.stringify({ ...b, bio: 'x'.repeat(70_000) }), 'application/json', 413],
      ['unknown specialty', (b) => JSON.stringify({ ...b, specialties: ['astrology'] }), 'application/json', 400],
      ['unknown chapter', (b) => JSON.stringify({ ...b, chapters: ['no-such-chapter'] }), 'application/json', 400],
      ['a ministry as chapter', (b) => JSON.stringify({ ...b, chapters: ['moph-lebanon'] }), 'application/json', 400],
      ...(
        [
          ['a chapter as a ministry', ['ilma-usa'], 422],
          ['an unknown ministry', ['no-such-ministry'], 422],
          ['a ministry twice', ['moph-lebanon', 'moph-lebanon'], 400],
          ['21 ministries', Array.from({ length: 21 }, (_, i) => `ministry-${i}`), 400],
        ] as const
      ).map(([name, ministries, status]): [string, (b: Record<string, unknown>) => string, string, number] => [
        `consent to ${name}`,
        (b) => {
          const consent = b.consent as { permissions: object };
          return JSON.stringify({ ...b, consent: { ...consent, permissions: { ...consent.permissions, ministries } } });
        },
        'application/json',
        status,
      ]),
      [
        'unknown priority area',
        (b) => JSON.stringify({ ...b, offers: [{ kind: 'mentoring', availability: 'x', priorityArea: 'nope' }] }),
        'application/json',
        400,
      ],
    ];
    it.each(cases)('%s → problem and nothing written', async (_name, make, type, status) => {
      const body = await valid();
      const before = await Promise.all([
        env().count('professionals'),
        env().count('consent_records'),
        env().count('outbox'),
      ]);
      const res = await post(make(body), type);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { type: string; status: number };
      expect(problem.status).toBe(status);
      expect(problem.type).toMatch(/^https:\/\/mahjar\.dev\/problems\//);
      expect(
        await Promise.all([env().count('professionals'), env().count('consent_records'), env().count('outbox')]),
      ).toEqual(before);
    });

    it.each([
      ['bad token pattern', '{"token":"nope"}', 'application/json', 400],
      ['unknown field', `{"token":"ev_${'a'.repeat(20)}","x":1}`, 'application/json', 400],
      ['malformed JSON', '{"token":', 'application/json', 400],
      ['wrong content type', 'token=ev_aaaaaaaaaaaaaaaaaaaa', 'text/plain', 415],
    ])('verifyEmail with %s → %i', async (_name, body, type, status) => {
      const res = await env().fetch('/v1/signups/verify', {
        method: 'POST',
        headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'content-type': type },
        body,
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('directory search', () => {
    it('finds the same seeded person by Latin and Arabic name', async () => {
      const person = await env()
        .db.selectFrom('professionals')
        .select(['id', 'family_name', 'family_name_ar'])
        .where('status', '=', 'verified')
        .where('family_name', '=', 'Haddad')
        .where('family_name_ar', '=', 'حداد')
        .where(sql<boolean>`visibility ->> 'familyName' = 'public' AND visibility ->> 'familyNameAr' = 'public'`)
        .orderBy('id')
        .executeTakeFirst();
      expect(person, 'the seed has a public Haddad / حداد').toBeDefined();
      const ids = async (q: string) => {
        const found = [];
        for await (const page of pagesOf(q)) found.push(...page);
        return found;
      };
      const latin = await ids('Haddad');
      const arabic = await ids('حداد');
      expect(latin).toContain(person!.id);
      expect(arabic).toContain(person!.id);
    });

    async function* pagesOf(q: string) {
      let cursor: string | undefined;
      do {
        const { data } = await pub().GET('/v1/professionals', {
          params: { query: { q, limit: 100, ...(cursor ? { cursor } : {}) } },
        });
        yield data!.items.map((i) => i.id);
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
    }

    it('returns facet counts for every facet, disjunctive within a facet', async () => {
      const all = await pub().GET('/v1/professionals', { params: { query: { limit: 1 } } });
      const listed = await env().count('directory_entries');
      expect(all.data!.total).toBe(listed);
      for (const facet of ['specialty', 'country', 'city', 'language', 'offer', 'chapter'] as const) {
        expect(Array.isArray(all.data!.facets[facet])).toBe(true);
      }
      expect(all.data!.facets.country.length).toBeGreaterThan(1);
      const [top] = all.data!.facets.country;
      const filtered = await pub().GET('/v1/professionals', {
        params: { query: { country: [top!.value], limit: 100 } },
      });
      expect(filtered.data!.total).toBe(top!.count);
      expect(filtered.data!.items.every((p) => p.country === undefined || p.country === top!.value)).toBe(true);
      // the country facet still offers the other countries
      expect(filtered.data!.facets.country.length).toBe(all.data!.facets.country.length);
    });

    it('pages with a cursor without repeats or gaps', async () => {
      const total = (await pub().GET('/v1/professionals', { params: { query: { limit: 1 } } })).data!.total;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await pub().GET('/v1/professionals', {
          params: { query: { limit: 25, sort: 'name', ...(cursor ? { cursor } : {}) } },
        });
        expect(data!.items.length).toBeLessThanOrEqual(25);
        seen.push(...data!.items.map((i) => i.id));
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['another sort', Buffer.from(JSON.stringify({ s: 'recent', k: 'x', id: randomUUID() })).toString('base64url')],
    ])('answers a %s cursor with a 400 problem', async (_name, cursor) => {
      const { error, response } = await pub().GET('/v1/professionals', { params: { query: { cursor, sort: 'name' } } });
      expect(response.status).toBe(400);
      expect(error?.errors?.[0]?.pointer).toBe('/query/cursor');
    });

    it.each([
      ['recent', { s: 'recent', k: 'not a timestamp' }],
      ['recent', { s: 'recent', k: '2026-02-30T25:61:00Z' }],
      ['relevance', { s: 'relevance', k: 'NaN', e: 'i' }],
    ] as const)('answers a crafted %s cursor with a 400 problem, never a 500: %j', async (sort, crafted) => {
      const cursor = Buffer.from(JSON.stringify({ ...crafted, id: randomUUID() })).toString('base64url');
      const { error, response } = await pub().GET('/v1/professionals', {
        params: { query: { cursor, sort, ...(sort === 'relevance' ? { q: 'card' } : {}) } },
      });
      expect(response.status).toBe(400);
      expect(error?.errors?.[0]?.pointer).toBe('/query/cursor');
    });

    it('searches every chapter with one chapter’s key unless a chapter filter is given', async () => {
      const all = await pub('alma-australia').GET('/v1/professionals', { params: { query: { limit: 1 } } });
      expect(all.data!.facets.chapter.length).toBeGreaterThan(1);
      const one = await pub('alma-australia').GET('/v1/professionals', {
        params: { query: { chapter: ['ilma-usa'], limit: 100 } },
      });
      expect(one.data!.total).toBeGreaterThan(0);
      expect(one.data!.items.every((p) => p.chapters === undefined || p.chapters.includes('ilma-usa'))).toBe(true);
    });

    it('computes a repeated search once, and again after any change to the directory', async () => {
      const { db } = env();
      const ctx = { config: { searchCacheSize: 2 } } as AppContext;
      let runs = 0;
      const search = (key: string) => cachedSearch(ctx, db, key, async () => ({ runs: ++runs }) as never);
      await search('a');
      await search('a');
      expect(runs).toBe(1);
      await search('b');
      expect(runs).toBe(2);
      const one = await db
        .selectFrom('professionals')
        .select('id')
        .where('status', '=', 'verified')
        .limit(1)
        .executeTakeFirstOrThrow();
      await db.updateTable('professionals').set({ updated_at: new Date() }).where('id', '=', one.id).execute();
      await search('a');
      expect(runs, 'a listed professional changed').toBe(3);
      const { code } = await db.selectFrom('specialties').select('code').limit(1).executeTakeFirstOrThrow();
      await db.updateTable('specialties').set({ name: sql`name` }).where('code', '=', code).execute();
      await search('a');
      expect(runs, 'the taxonomy changed').toBe(4);
      // Writes that change no directory row keep the answers: a pending signup, a statement on nothing.
      const pending = await db
        .selectFrom('professionals')
        .select('id')
        .where('status', '=', 'pending_email')
        .limit(1)
        .executeTakeFirstOrThrow();
      await db.updateTable('professionals').set({ updated_at: new Date() }).where('id', '=', pending.id).execute();
      await db.updateTable('specialties').set({ name: sql`name` }).where('code', '=', 'x-none').execute();
      await search('a');
      expect(runs).toBe(4);
      await search('b');
      await search('c'); // the third answer pushes out the least recently used ('a')
      await search('a');
      expect(runs).toBe(7);
      ctx.config.searchCacheSize = 0;
      await search('b');
      expect(runs, 'SEARCH_CACHE_SIZE=0 turns the cache off').toBe(8);
    });

    it('never answers from before a change: suspending a professional or moving a sub-specialty', async () => {
      const total = async (query: Record<string, unknown> = {}) =>
        (await pub().GET('/v1/professionals', { params: { query: { limit: 1, ...query } } })).data!.total;
      const before = await total();
      expect(await total()).toBe(before);
      const [one] = (await pub().GET('/v1/professionals', { params: { query: { limit: 1 } } })).data!.items;
      await env().db.updateTable('professionals').set({ status: 'suspended' }).where('id', '=', one!.id).execute();
      expect(await total()).toBe(before - 1);
      await env().db.updateTable('professionals').set({ status: 'verified' }).where('id', '=', one!.id).execute();
      expect(await total()).toBe(before);

      // a sub-specialty someone lists as their only specialty: detached, its parent finds fewer
      const child = await env()
        .db.selectFrom('specialties as c')
        .innerJoin('directory_entries as d', (j) => j.on(sql<boolean>`d.specialties = ARRAY[c.code]`))
        .select(['c.code', 'c.parent_code'])
        .where('c.parent_code', 'is not', null)
        .orderBy('c.code')
        .executeTakeFirstOrThrow();
      const underParent = await total({ specialty: [child.parent_code!] });
      await env().db.updateTable('specialties').set({ parent_code: null }).where('code', '=', child.code).execute();
      try {
        expect(await total({ specialty: [child.parent_code!] })).toBeLessThan(underParent);
      } finally {
        await env()
          .db.updateTable('specialties')
          .set({ parent_code: child.parent_code })
          .where('code', '=', child.code)
          .execute();
      }
      expect(await total({ specialty: [child.parent_code!] })).toBe(underParent);
    });

    it('matches a parent specialty’s sub-specialties', async () => {
      const parent = await env()
        .db.selectFrom('specialties as c')
        .innerJoin('directory_entries as d', (j) => j.on(sql<boolean>`c.code = ANY(d.specialties)`))
        .select(['c.code', 'c.parent_code'])
        .where('c.parent_code', 'is not', null)
        .executeTakeFirst();
      expect(parent).toBeDefined();
      const { data } = await pub().GET('/v1/professionals', {
        params: { query: { specialty: [parent!.parent_code!] } },
      });
      expect(data!.facets.specialty.map((f) => f.value)).toContain(parent!.code);
    });
  });

  describe('visibility', () => {
    const choices: Visibility = {
      city: 'private',
      affiliations: 'members',
      credentials: 'ministry',
      givenNameAr: 'members',
      familyNameAr: 'private',
      bio: 'members',
      medicalSchool: 'public',
      languages: 'ministry',
    };
    let subject: { id: string; body: SignupRequest } | undefined;
    const hidden = () => ({
      city: word('Cityx'),
      institution: word('Instx'),
      bio: `Biography ${word('Bio')}`,
    });
    let secrets: ReturnType<typeof hidden>;

    async function ensureSubject() {
      if (subject) return subject;
      secrets = hidden();
      subject = await verifiedProfessional({
        city: secrets.city,
        bio: secrets.bio,
        affiliations: [{ institution: secrets.institution }],
        visibility: choices,
      });
      return subject;
    }

    const leaks = (json: string, s: SignupRequest) =>
      [s.email, secrets.city, secrets.institution, secrets.bio, 'حداد', 'Cardiovascular Disease'].filter((v) =>
        json.includes(v),
      );

    it('omits every non-public field from the profile', async () => {
      const { id, body } = await ensureSubject();
      const { data, response } = await pub().GET('/v1/professionals/{id}', { params: { path: { id } } });
      expect(response.status).toBe(200);
      for (const field of [
        'city',
        'affiliations',
        'credentials',
        'givenNameAr',
        'familyNameAr',
        'bio',
        'languages',
        'email',
      ]) {
        expect(data).not.toHaveProperty(field);
      }
      expect(data).toMatchObject({
        givenName: 'Rania',
        familyName: body.familyName,
        medicalSchool: body.medicalSchool,
      });
      expect(leaks(JSON.stringify(data), body)).toEqual([]);
    });

    it('omits them from search results and never matches on them', async () => {
      const { id, body } = await ensureSubject();
      const { data } = await pub().GET('/v1/professionals', { params: { query: { q: body.familyName } } });
      const card = data!.items.find((i) => i.id === id);
      expect(card).toBeDefined();
      for (const field of ['city', 'givenNameAr', 'familyNameAr', 'languages', 'email'])
        expect(card).not.toHaveProperty(field);
      expect(leaks(JSON.stringify(data), body)).toEqual([]);
      for (const q of [secrets.city, secrets.institution]) {
        const hit = await pub().GET('/v1/professionals', { params: { query: { q } } });
        expect(hit.data!.items.map((i) => i.id)).not.toContain(id);
      }
      const byCity = await pub().GET('/v1/professionals', { params: { query: { city: secrets.city } } });
      expect(byCity.data!.total).toBe(0);
    });

    it('never puts an e-mail address in a public search response', async () => {
      const { data } = await pub().GET('/v1/professionals', { params: { query: { limit: 100 } } });
      expect(JSON.stringify(data)).not.toMatch(/@example\.(com|org)/);
    });

    it('hides pending and suspended profiles exactly like unknown ids', async () => {
      const pending = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('status', '=', 'pending_review')
        .executeTakeFirstOrThrow();
      const suspended = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('status', '=', 'suspended')
        .executeTakeFirst();
      const answers = [];
      for (const id of [pending.id, suspended?.id ?? randomUUID(), randomUUID()]) {
        const { error, response } = await pub().GET('/v1/professionals/{id}', { params: { path: { id } } });
        answers.push([response.status, error?.type, error?.detail]);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]![0]).toBe(404);
    });

    it('exports members-visible fields to the chapter and ministry fields to the ministry', async () => {
      const { id, body } = await ensureSubject();
      const chapter = { data: await exportJson() };
      const row = chapter.data!.items.find((r) => r.id === id)!;
      expect(row).toMatchObject({ email: body.email, givenNameAr: 'رانيا' });
      expect(row).not.toHaveProperty('city'); // private
      expect(row).not.toHaveProperty('familyNameAr'); // private
      expect(row).not.toHaveProperty('languages'); // ministry only

      const ministry = { data: await exportJson('moph-lebanon') };
      const seen = ministry.data!.items.find((r) => r.id === id)!;
      expect(seen).toMatchObject({ languages: ['ar', 'en'], givenNameAr: 'رانيا' });
      expect(seen).not.toHaveProperty('city');
      expect(JSON.stringify(ministry.data)).not.toContain('@');
    });
  });

  describe('contact requests', () => {
    const request = async (overrides: Partial<components['schemas']['ContactRequestInput']> = {}) => ({
      purpose: 'mentoring' as const,
      message: 'I am a resident in Beirut preparing for a fellowship abroad; could we talk?',
      requesterName: 'Karim Nassar',
      requesterEmail: `${randomUUID()}@example.net`,
      requesterInstitution: 'Rafik Hariri University Hospital',
      challenge: await solvedChallenge(),
      ...overrides,
    });

    const requestsTo = async (id: string) =>
      (await env().db.selectFrom('contact_requests').select('id').where('professional_id', '=', id).execute()).length;

    it('relays the request by mail without revealing the address', async () => {
      const { id, body: profile } = await verifiedProfessional();
      const input = await request();
      const { data, response } = await pub().POST('/v1/professionals/{id}/contact-requests', {
        params: { path: { id } },
        body: input,
      });
      expect(response.status).toBe(202);
      expect(data).toMatchObject({ professionalId: id, purpose: 'mentoring', relayed: false });
      expect(JSON.stringify(data)).not.toContain(profile.email);
      const stored = await env()
        .db.selectFrom('contact_requests')
        .selectAll()
        .where('id', '=', data!.id)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        professional_id: id,
        requester_email: input.requesterEmail,
        message: input.message,
      });
      const [mail] = await mailTo(profile.email, 'contact_request');
      expect(mail!.text).toContain(input.requesterEmail);
      expect(mail!.text).toContain(input.message);
      expect(await mailTo(input.requesterEmail)).toEqual([]);
    });

    it('answers 404 for a professional who is not verified', async () => {
      const pending = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('status', '=', 'pending_review')
        .executeTakeFirstOrThrow();
      const before = await env().count('contact_requests');
      for (const id of [pending.id, randomUUID()]) {
        const { response } = await pub().POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id } },
          body: await request(),
        });
        expect(response.status).toBe(404);
      }
      expect(await env().count('contact_requests')).toBe(before);
    });

    it('answers 404 and writes nothing for an unlisted professional, and on a ministry’s site for one who did not name it', async () => {
      const unlisted = await verifiedProfessional();
      await env()
        .db.insertInto('consent_records')
        .values({
          professional_id: unlisted.id,
          notice_version: '2026-07',
          notice_hash: 'a'.repeat(64),
          locale: 'en',
          source_site: 'https://ilma-usa.example.org/account',
          permissions: JSON.stringify({ ministries: [], listed: false, transferAbroad: true, newsletter: false }),
          created_at: new Date(),
        })
        .execute();
      const named = await verifiedProfessional();
      const ministries = (
        await env()
          .db.selectFrom('professionals')
          .select('ministries')
          .where('id', '=', named.id)
          .executeTakeFirstOrThrow()
      ).ministries;
      expect(ministries).not.toContain('moh-iraq');
      const before = [await env().count('contact_requests'), await env().count('outbox')];
      const refused = [
        await pub().POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id: unlisted.id } },
          body: await request(),
        }),
        await pub('moh-iraq').POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id: named.id } },
          body: await request({ challenge: await solvedChallenge('moh-iraq') }),
        }),
      ];
      expect(refused.map((r) => r.response.status)).toEqual([404, 404]);
      expect([await env().count('contact_requests'), await env().count('outbox')]).toEqual(before);
    });

    it('drops a request whose honeypot is filled, with the same 202', async () => {
      const { id } = await verifiedProfessional();
      const before = [await env().count('contact_requests'), await env().count('outbox')];
      const { response } = await pub().POST('/v1/professionals/{id}/contact-requests', {
        params: { path: { id } },
        body: await request({ website: 'http://spam.example' }),
      });
      expect(response.status).toBe(202);
      expect([await env().count('contact_requests'), await env().count('outbox')]).toEqual(before);
    });

    it('refuses a wrong proof of work and writes nothing', async () => {
      const { id } = await verifiedProfessional();
      const input = await request();
      input.challenge.nonce = `${input.challenge.nonce}0`;
      const before = await env().count('contact_requests');
      const { error, response } = await pub().POST('/v1/professionals/{id}/contact-requests', {
        params: { path: { id } },
        body: input,
      });
      expect(response.status).toBe(400);
      expect(error?.type).toBe(`${PROBLEM}challenge-failed`);
      expect(await env().count('contact_requests')).toBe(before);
    });

    it('stores one request for a double submit with the same Idempotency-Key', async () => {
      const { id } = await verifiedProfessional();
      const input = await request();
      const key = randomUUID();
      const send = () =>
        pub().POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id } },
          body: input,
          headers: { 'Idempotency-Key': key },
        });
      const a = await send();
      const b = await send();
      expect(b.data).toEqual(a.data);
      const rows = await env()
        .db.selectFrom('contact_requests')
        .select('id')
        .where('professional_id', '=', id)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('replays the same request sent again with its keys in another order', async () => {
      const { id } = await verifiedProfessional();
      const input = await request();
      const key = randomUUID();
      const send = (body: typeof input) =>
        pub().POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id } },
          body,
          headers: { 'Idempotency-Key': key },
        });
      const a = await send(input);
      const b = await send(reversedKeys(input));
      expect(b.response.status, JSON.stringify(b.error)).toBe(a.response.status);
      expect(b.response.headers.get('idempotent-replayed')).toBe('true');
      expect(b.data).toEqual(a.data);
      expect(await requestsTo(id)).toBe(1);
    });

    it('refuses the same Idempotency-Key with another message (idempotency-conflict), writing nothing', async () => {
      const { id } = await verifiedProfessional();
      const key = randomUUID();
      const send = async (message: string) =>
        pub().POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id } },
          body: { ...(await request()), message },
          headers: { 'Idempotency-Key': key },
        });
      expect((await send('Could you mentor a resident in cardiology next spring?')).error).toBeUndefined();
      const before = await env().count('outbox');
      const { response, error } = await send('A different question about teaching a CME course in Beirut.');
      expect(response.status).toBe(409);
      expect(error?.type).toBe(`${PROBLEM}idempotency-conflict`);
      expect(await requestsTo(id)).toBe(1);
      expect(await env().count('outbox')).toBe(before);
    });

    it('keeps one organisation’s Idempotency-Key apart from another’s', async () => {
      const { id } = await verifiedProfessional();
      const key = randomUUID();
      const send = async (org: string) =>
        pub(org).POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id } },
          body: await request({ challenge: await solvedChallenge(org) }),
          headers: { 'Idempotency-Key': key },
        });
      const a = await send('ilma-usa');
      const b = await send('moph-lebanon');
      expect(a.response.status).toBe(202);
      expect(b.response.status, JSON.stringify(b.error)).toBe(202);
      expect(b.response.headers.get('idempotent-replayed')).toBeNull();
      expect(await requestsTo(id)).toBe(2);
    });

    it.each([
      ['malformed JSON', '{"purpose":', 'application/json', 400],
      ['wrong content type', 'purpose=mentoring', 'text/plain', 415],
      ['unknown field', { extra: 1 }, 'application/json', 400],
      ['bad enum', { purpose: 'dating' }, 'application/json', 400],
      ['short message', { message: 'hi' }, 'application/json', 400],
      ['oversized string', { message: 'x'.repeat(2001) }, 'application/json', 400],
      ['wrong type', { requesterName: 42 }, 'application/json', 400],
      ['missing field', { requesterEmail: undefined }, 'application/json', 400],
    ] as const)('%s → problem and no row', async (_name, change, type, status) => {
      const { id } = await verifiedProfessional();
      const body = typeof change === 'string' ? change : JSON.stringify({ ...(await request()), ...change });
      const before = await env().count('contact_requests');
      const res = await env().fetch(`/v1/professionals/${id}/contact-requests`, {
        method: 'POST',
        headers: {
          'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
          'Idempotency-Key': randomUUID(),
          'content-type': type,
        },
        body,
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await env().count('contact_requests')).toBe(before);
    });
  });

  describe('review', () => {
    async function pendingReview(org = 'ilma-usa') {
      const body = await signupBody({}, org);
      const { data } = await pub(org).POST('/v1/signups', { body });
      const [mail] = await mailTo(body.email, 'signup_verification');
      await pub(org).POST('/v1/signups/verify', { body: { token: tokenIn(mail!.text)! } });
      return { id: data!.professionalId, body };
    }
    const review = (id: string, decision: 'verify' | 'reject' | 'suspend', org = 'ilma-usa', note?: string) =>
      admin(org).POST('/v1/admin/professionals/{id}/review', {
        params: { path: { id } },
        body: { decision, ...(note ? { note } : {}) },
      });

    it('rejects, re-verifies and suspends along the allowed transitions only', async () => {
      const { id, body } = await pendingReview();
      expect((await review(id, 'suspend')).response.status).toBe(409);
      const rejected = await review(id, 'reject', 'ilma-usa', 'Licence number not found.');
      expect(rejected.data).toMatchObject({ status: 'suspended', reviewNote: 'Licence number not found.' });
      expect((await review(id, 'reject')).error?.type).toBe(`${PROBLEM}conflict`);
      expect((await review(id, 'verify')).data?.status).toBe('verified');
      expect((await review(id, 'verify')).response.status).toBe(409);
      const found = await pub().GET('/v1/professionals', { params: { query: { q: body.familyName } } });
      expect(found.data!.total).toBe(1);
      expect((await review(id, 'suspend')).data?.status).toBe('suspended');
      const gone = await pub().GET('/v1/professionals', { params: { query: { q: body.familyName } } });
      expect(gone.data!.total).toBe(0);
      expect((await pub().GET('/v1/professionals/{id}', { params: { path: { id } } })).response.status).toBe(404);
      const mails = await mailTo(body.email, 'signup_reviewed');
      expect(mails).toHaveLength(3);
      expect(mails[0]!.text).toContain('Licence number not found.');
      const audit = await env()
        .db.selectFrom('professional_reviews')
        .select(['decision', 'to_status'])
        .where('professional_id', '=', id)
        .orderBy('created_at')
        .execute();
      expect(audit).toEqual([
        { decision: 'reject', to_status: 'suspended' },
        { decision: 'verify', to_status: 'verified' },
        { decision: 'suspend', to_status: 'suspended' },
      ]);
    });

    it('keeps a chapter out of another chapter’s queue and members (404, nothing changed)', async () => {
      const { id } = await pendingReview('ilma-usa');
      const queue = await admin('alma-australia').GET('/v1/admin/professionals/pending', {
        params: { query: { limit: 100 } },
      });
      expect(queue.data!.items.every((p) => p.chapters.includes('alma-australia'))).toBe(true);
      expect(queue.data!.items.some((p) => p.id === id)).toBe(false);
      const { response, data } = await review(id, 'verify', 'alma-australia');
      expect(response.status).toBe(404);
      expect(data).toBeUndefined();
      const stored = await env()
        .db.selectFrom('professionals')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('pending_review');
      const exported = { data: await exportJson('alma-australia') };
      expect(exported.data!.items.every((r) => r.chapters?.includes('alma-australia'))).toBe(true);
    });

    it('refuses a ministry the review queue and the review itself: it reads members as an audience, never the reviewers’ view', async () => {
      const { id } = await pendingReview('alma-australia');
      for (const ministry of ['moph-lebanon', 'moh-iraq']) {
        const queue = await admin(ministry).GET('/v1/admin/professionals/pending', {
          params: { query: { limit: 10 } },
        });
        expect(queue.response.status).toBe(403);
        expect(queue.response.headers.get('content-type')).toContain('application/problem+json');
        const { response } = await admin(ministry).POST('/v1/admin/professionals/{id}/review', {
          params: { path: { id } },
          body: { decision: 'suspend' },
        });
        expect(response.status).toBe(403);
      }
      const stored = await env()
        .db.selectFrom('professionals')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('pending_review');
    });

    it('lists the addresses still waiting for verification on request', async () => {
      const body = await signupBody();
      const { data } = await pub().POST('/v1/signups', { body });
      const queue = await admin().GET('/v1/admin/professionals/pending', {
        params: { query: { status: 'pending_email', limit: 100 } },
      });
      expect(queue.data!.items.find((p) => p.id === data!.professionalId)?.status).toBe('pending_email');
    });

    it.each([
      ['no decision', '{}', 400],
      ['bad decision', '{"decision":"approve"}', 400],
      ['unknown field', '{"decision":"verify","by":"me"}', 400],
      ['oversized note', JSON.stringify({ decision: 'verify', note: 'x'.repeat(2001) }), 400],
      ['malformed JSON', '{"decision":', 400],
    ])('%s → problem and nothing changed', async (_name, body, status) => {
      const { id } = await pendingReview();
      const res = await env().fetch(`/v1/admin/professionals/${id}/review`, {
        method: 'POST',
        headers: { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa', 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(status);
      const stored = await env()
        .db.selectFrom('professionals')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('pending_review');
    });
  });

  describe('auth matrix', () => {
    const someId = randomUUID();
    const adminOps: [string, string, RequestInit][] = [
      ['listPendingProfessionals', '/v1/admin/professionals/pending', {}],
      [
        'reviewProfessional',
        `/v1/admin/professionals/${someId}/review`,
        { method: 'POST', body: '{"decision":"verify"}' },
      ],
      ['exportMembers', '/v1/admin/members/export', {}],
    ];
    const withHeaders = (init: RequestInit, headers: Record<string, string>) => ({
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...headers },
    });

    it.each(adminOps)('%s: no key → 401', async (_op, path, init) => {
      const res = await env().fetch(path, withHeaders(init, {}));
      expect(res.status).toBe(401);
    });

    it.each(adminOps)('%s: publishable key → 403', async (_op, path, init) => {
      const res = await env().fetch(path, withHeaders(init, { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' }));
      expect(res.status).toBe(403);
    });

    it.each(adminOps)('%s: a partner organisation → 403', async (_op, path, init) => {
      const res = await env().fetch(path, withHeaders(init, { 'Mahjar-Secret-Key': 'sk_demo_iom' }));
      expect(res.status).toBe(403);
    });

    it('needs the editor role to review and lets a viewer export without addresses', async () => {
      const created = await admin().POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'Viewer', role: 'viewer' },
      });
      const viewer = created.data!.key;
      const queue = await env().fetch('/v1/admin/professionals/pending', { headers: { 'Mahjar-Secret-Key': viewer } });
      expect(queue.status).toBe(403);
      const exported = await env().fetch('/v1/admin/members/export?format=json', {
        headers: { 'Mahjar-Secret-Key': viewer },
      });
      expect(exported.status).toBe(200);
      const json = (await exported.json()) as { items: { email?: string }[] };
      expect(json.items.length).toBeGreaterThan(0);
      expect(json.items.every((r) => r.email === undefined)).toBe(true);
    });

    it('refuses public operations without a key or from a foreign origin', async () => {
      expect((await env().client({ key: 'none' }).GET('/v1/professionals')).response.status).toBe(401);
      expect((await env().client({ origin: 'https://evil.example' }).GET('/v1/professionals')).response.status).toBe(
        403,
      );
      const signup = await env()
        .client({ origin: 'https://evil.example' })
        .POST('/v1/signups', { body: await signupBody() });
      expect(signup.response.status).toBe(403);
    });
  });

  describe('member export', () => {
    it('writes an escaped CSV with a header row and guards against formulas', async () => {
      const { id, body } = await verifiedProfessional({
        givenName: '=HYPERLINK("http://evil.example","x")',
        city: 'Houston, "TX"',
        visibility: { city: 'members' },
      });
      const res = await env().fetch('/v1/admin/members/export', {
        headers: { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="members-ilma-usa-.*\.csv"$/);
      const csv = await res.text();
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe(
        'id,status,title,profession,givenName,familyName,givenNameAr,familyNameAr,email,specialties,country,city,languages,chapters,offers,joinedAt',
      );
      expect(lines.at(-1)).toBe('');
      const line = lines.find((l) => l.startsWith(id))!;
      expect(line).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",${body.familyName},`);
      expect(line).toContain(',"Houston, ""TX""",');
      expect(line).toContain(body.email);
      expect(line).toContain(',ar;en,');
      // one row per verified member of the chapter, and only those
      const ours = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('status', '=', 'verified')
        .where(sql<boolean>`'ilma-usa' = ANY(chapters)`)
        .execute();
      expect(lines.length - 2).toBe(ours.length);
      expect(lines.slice(1, -1).filter((l) => !l.includes('ilma-usa'))).toEqual([]);
    });

    it('exports to the ministry only members who share with it', async () => {
      const { id: sharing } = await verifiedProfessional();
      const { id: private_ } = await verifiedProfessional({
        consent: {
          ...(await signupBody()).consent,
          permissions: { ministries: [], transferAbroad: true, newsletter: true },
        },
      });
      const data = await exportJson('moph-lebanon');
      const ids = data!.items.map((r) => r.id);
      expect(ids).toContain(sharing);
      expect(ids).not.toContain(private_);
      expect(data!.organisationSlug).toBe('moph-lebanon');
    });
  });
});

// Credential review (issue 16, item 3): each stated credential's state, the decision operation, the
// directory's badge and its version, the expiry sweep and the reminder sent exactly once.
import { createHash, randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../src/http/auth.js';
import {
  CredentialSweeper,
  nextExpiryInstant,
  sweepCredentials,
} from '../../src/operations/professionals/credentials.js';
import { bearer, invite, json, signIn } from './admin-sign-in.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

type SignupRequest = components['schemas']['SignupRequest'];
type ReviewInput = components['schemas']['CredentialReviewInput'];

const PROBLEM = 'https://mahjar.dev/problems/';
const DAY = 86_400_000;
/** `YYYY-MM-DD`, `days` from today (UTC). */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** Noon (UTC) of a `YYYY-MM-DD` day: the sweep's "now" on that day. */
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** The client's side of the signup's proof of work. */
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

describe('nextExpiryInstant', () => {
  it.each([
    ['2026-12-05T18:30:00.000Z', '2026-12-06T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z'],
    // at midnight itself, the day that just began ends next
    ['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z'],
    ['2028-02-28T12:00:00.000Z', '2028-02-29T00:00:00.000Z'],
  ])('%s → %s', (now, next) => {
    expect(nextExpiryInstant(new Date(now)).toISOString()).toBe(next);
  });
});

forEachApiEngine('credential review', (env) => {
  const pub = (org = 'ilma-usa') => env().client({ org });
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });

  const LICENCE = {
    kind: 'licence',
    name: 'Licence to practise medicine',
    issuer: 'Lebanese Order of Physicians',
    country: 'LB',
    year: 2009,
  } as const;
  const BOARD = { kind: 'board_certification', name: 'Cardiovascular Disease', issuer: 'ABIM', country: 'US' } as const;

  /**
   * A professional of ilma-usa through the public API (signup, the mailed verification, the review),
   * stating a board certification and a licence, shown to the public, who reads Arabic.
   */
  async function verifiedProfessional() {
    const challenge = await pub().GET('/v1/signups/challenge');
    const body: SignupRequest = {
      profession: 'physician',
      givenName: 'Rania',
      familyName: `Credential${randomUUID().slice(0, 6)}`,
      givenNameAr: 'رانيا',
      familyNameAr: 'حداد',
      email: `${randomUUID()}@example.org`,
      specialties: ['cardiology'],
      country: 'US',
      city: 'Houston',
      credentials: [BOARD, LICENCE],
      languages: ['ar', 'en'],
      visibility: { credentials: 'public' },
      consent: {
        noticeVersion: '2026-07',
        noticeHash: createHash('sha256').update('notice').digest('hex'),
        locale: 'ar-LB',
        sourceSite: `${ALLOWED_ORIGIN}/join`,
        permissions: { ministries: ['moph-lebanon'], transferAbroad: true, newsletter: false },
      },
      challenge: { token: challenge.data!.token, nonce: solve(challenge.data!.token, challenge.data!.difficulty) },
    };
    const signup = await pub().POST('/v1/signups', { body });
    expect(signup.response.status).toBe(202);
    const mail = await env()
      .db.selectFrom('outbox')
      .select('text')
      .where('to_address', '=', body.email)
      .where('kind', '=', 'signup_verification')
      .executeTakeFirstOrThrow();
    const token = /ev_[A-Za-z0-9_-]+/.exec(mail.text)![0];
    expect((await pub().POST('/v1/signups/verify', { body: { token } })).data?.status).toBe('pending_review');
    const id = signup.data!.professionalId;
    const reviewed = await admin().POST('/v1/admin/professionals/{id}/review', {
      params: { path: { id } },
      body: { decision: 'verify' },
    });
    expect(reviewed.data?.status).toBe('verified');
    return { id, email: body.email };
  }

  async function credentials(id: string, org = 'ilma-usa') {
    const { data, response } = await admin(org).GET('/v1/admin/professionals/{id}/credentials', {
      params: { path: { id } },
    });
    expect(response.status).toBe(200);
    return data!.items;
  }

  const decide = (id: string, credentialId: string, body: ReviewInput, org = 'ilma-usa', key?: string) =>
    admin(org).POST('/v1/admin/professionals/{id}/credentials/{credentialId}/review', {
      params: { path: { id, credentialId }, header: key ? { 'Idempotency-Key': key } : {} },
      body,
    });

  /** What a visitor of the public directory sees of the professional's credentials. */
  async function publicBadges(id: string) {
    const { data, response } = await pub().GET('/v1/professionals/{id}', { params: { path: { id } } });
    expect(response.status).toBe(200);
    return Object.fromEntries((data!.credentials ?? []).map((c) => [c.kind, c.verification]));
  }

  const directoryVersion = async () =>
    Number((await env().db.selectFrom('directory_state').select('version').executeTakeFirstOrThrow()).version);

  const changesOf = async (credentialId: string) =>
    env()
      .db.selectFrom('professional_credential_changes')
      .selectAll()
      .where('credential_id', '=', credentialId)
      .orderBy('created_at')
      .execute();

  const remindersTo = (email: string) =>
    env()
      .db.selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', email)
      .where('kind', '=', 'credential_expiring')
      .execute();

  const demoKeyId = async (org = 'ilma-usa') =>
    (
      await env()
        .db.selectFrom('api_keys')
        .select('id')
        .where('key_hash', '=', hashKey(env().server.demoKeys[org]!.secret))
        .executeTakeFirstOrThrow()
    ).id;

  it('lists each stated credential as pending, in the order stated, with no review yet', async () => {
    const { id } = await verifiedProfessional();
    const items = await credentials(id);
    expect(items.map((c) => [c.kind, c.name, c.state])).toEqual([
      ['board_certification', BOARD.name, 'pending'],
      ['licence', LICENCE.name, 'pending'],
    ]);
    expect(items[1]).toMatchObject({
      professionalId: id,
      issuer: LICENCE.issuer,
      country: 'LB',
      year: 2009,
      evidence: null,
      expiresOn: null,
      reviewer: null,
      reviewedAt: null,
      expiryReminderSentAt: null,
    });
    expect(items[0]).not.toHaveProperty('year');
    expect(await publicBadges(id)).toEqual({ board_certification: 'pending', licence: 'pending' });
  });

  it('verifies one credential with its evidence, reviewer and expiry, and the directory shows it at once', async () => {
    const { id } = await verifiedProfessional();
    const [board, licence] = await credentials(id);
    const profile = await pub().GET('/v1/professionals/{id}', { params: { path: { id } } });
    const etag = profile.response.headers.get('etag')!;
    const version = await directoryVersion();

    const expiresOn = dayFromToday(400);
    const { data, response } = await decide(id, licence!.id, {
      decision: 'verify',
      evidence: 'Entry 4471 in the Order’s public register.',
      expiresOn,
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: licence!.id,
      state: 'verified',
      evidence: 'Entry 4471 in the Order’s public register.',
      expiresOn,
      reviewer: { keyId: await demoKeyId(), userId: null },
      expiryReminderSentAt: null,
    });
    expect(Date.parse(data!.reviewedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await credentials(id)).toEqual([board, data]);

    // The directory's version moved (every cached answer goes), and the profile changed with it.
    expect(await directoryVersion()).toBeGreaterThan(version);
    const again = await pub().GET('/v1/professionals/{id}', {
      params: { path: { id }, header: { 'If-None-Match': etag } },
    });
    expect(again.response.status).toBe(200);
    expect(await publicBadges(id)).toEqual({ board_certification: 'pending', licence: 'verified' });
    // need matching reads the same column: a verified credential now counts for this professional
    const match = await env()
      .db.selectFrom('need_match_entries')
      .select('verified_credential')
      .where('professional_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(match.verified_credential).toBe(true);
    expect((await changesOf(licence!.id)).map((c) => [c.from_state, c.to_state, c.api_key_id])).toEqual([
      ['pending', 'verified', await demoKeyId()],
    ]);
  });

  it('moves through every state a decision allows, and refuses the one it does not (409, nothing written)', async () => {
    const { id } = await verifiedProfessional();
    const [board] = await credentials(id);
    const step = async (decision: ReviewInput['decision'], expected: string, expiresOn?: string) => {
      const { data, response } = await decide(id, board!.id, {
        decision,
        evidence: `${decision} ${expected}`,
        ...(expiresOn ? { expiresOn } : {}),
      });
      expect(response.status, `${decision} → ${expected}`).toBe(200);
      expect(data!.state).toBe(expected);
      expect((await publicBadges(id)).board_certification).toBe(expected);
      return data!;
    };
    await step('reject', 'rejected'); // pending → rejected

    const before = { changes: await changesOf(board!.id), version: await directoryVersion() };
    const refused = await decide(id, board!.id, { decision: 'reject', evidence: 'again' });
    expect(refused.response.status).toBe(409);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.error?.type).toBe(`${PROBLEM}conflict`);
    expect(await changesOf(board!.id)).toEqual(before.changes);
    expect(await directoryVersion()).toBe(before.version);

    await step('verify', 'verified', dayFromToday(100)); // rejected → verified
    const renewed = await step('verify', 'verified', dayFromToday(500)); // verified → verified: a renewal
    expect(renewed.expiresOn).toBe(dayFromToday(500));
    expect(renewed.evidence).toBe('verify verified');
    await step('reject', 'rejected'); // verified → rejected
    await step('verify', 'verified'); // without an expiry date: it does not expire
    expect((await credentials(id))[0]!.expiresOn).toBeNull();
    expect((await changesOf(board!.id)).map((c) => `${c.from_state}→${c.to_state}`)).toEqual([
      'pending→rejected',
      'rejected→verified',
      'verified→verified',
      'verified→rejected',
      'rejected→verified',
    ]);
  });

  describe('bad input', () => {
    it.each([
      ['an expiry date in the past', { decision: 'verify', evidence: 'x', expiresOn: '2020-01-01' }, '/expiresOn'],
      ['an expiry date with a rejection', { decision: 'reject', evidence: 'x', expiresOn: '2099-01-01' }, '/expiresOn'],
      ['no evidence', { decision: 'verify' }, undefined],
      ['blank evidence', { decision: 'verify', evidence: '   ' }, '/evidence'],
      ['a date that does not exist', { decision: 'verify', evidence: 'x', expiresOn: '2099-02-30' }, undefined],
      ['an unknown decision', { decision: 'suspend', evidence: 'x' }, undefined],
      ['an unknown field', { decision: 'verify', evidence: 'x', state: 'verified' }, undefined],
    ] as const)('refuses %s with a 400 problem and writes nothing', async (_, body, pointer) => {
      const { id } = await verifiedProfessional();
      const before = { rows: await credentials(id), version: await directoryVersion() };
      const changes = await env().count('professional_credential_changes');
      const { response, error } = await decide(id, before.rows[0]!.id, body as unknown as ReviewInput);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(error?.type).toBe(`${PROBLEM}validation`);
      if (pointer) expect(error?.errors?.map((e) => e.pointer)).toContain(pointer);
      expect(await credentials(id)).toEqual(before.rows);
      expect(await env().count('professional_credential_changes')).toBe(changes);
      expect(await directoryVersion()).toBe(before.version);
    });
  });

  describe('who may review', () => {
    it('answers 404 for another chapter’s member, an unknown credential, or another professional’s credential', async () => {
      const { id } = await verifiedProfessional();
      const other = await verifiedProfessional();
      const [board] = await credentials(id);
      const [othersBoard] = await credentials(other.id);
      const body: ReviewInput = { decision: 'verify', evidence: 'x' };
      const cases = [
        await decide(id, board!.id, body, 'alma-australia'),
        await decide(id, randomUUID(), body),
        await decide(id, othersBoard!.id, body),
      ];
      for (const { response, error } of cases) {
        expect(response.status).toBe(404);
        expect(error?.type).toBe(`${PROBLEM}not-found`);
      }
      const list = await admin('alma-australia').GET('/v1/admin/professionals/{id}/credentials', {
        params: { path: { id } },
      });
      expect(list.response.status).toBe(404);
      // the umbrella reviews everyone
      expect(await credentials(id, 'ilma')).toHaveLength(2);
      expect((await credentials(id)).map((c) => c.state)).toEqual(['pending', 'pending']);
      expect((await credentials(other.id)).map((c) => c.state)).toEqual(['pending', 'pending']);
    });

    it('refuses a ministry and a viewer (403), and a publishable key (401/403)', async () => {
      const { id } = await verifiedProfessional();
      const [board] = await credentials(id);
      const viewer = await admin().POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'credential viewer', role: 'viewer' },
      });
      const asViewer = env().client({ key: 'none' });
      const viewerHeaders = { 'Mahjar-Secret-Key': viewer.data!.key };
      const refusals = [
        await decide(id, board!.id, { decision: 'verify', evidence: 'x' }, 'moph-lebanon'),
        await admin('moph-lebanon').GET('/v1/admin/professionals/{id}/credentials', { params: { path: { id } } }),
        await asViewer.POST('/v1/admin/professionals/{id}/credentials/{credentialId}/review', {
          params: { path: { id, credentialId: board!.id }, header: viewerHeaders as never },
          body: { decision: 'verify', evidence: 'x' },
        }),
        await asViewer.GET('/v1/admin/professionals/{id}/credentials', {
          params: { path: { id }, header: viewerHeaders as never },
        }),
      ];
      for (const { response } of refusals) expect(response.status).toBe(403);
      const publishable = await pub().GET('/v1/admin/professionals/{id}/credentials', { params: { path: { id } } });
      expect([401, 403]).toContain(publishable.response.status);
      expect((await credentials(id)).map((c) => c.state)).toEqual(['pending', 'pending']);
    });
  });

  it('names the reviewer user who decided from the console, in the credential and its history', async () => {
    const { id } = await verifiedProfessional();
    const [board] = await credentials(id);
    const email = `reviewer-${randomUUID().slice(0, 8)}@example.org`;
    const user = await invite(env(), { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa' }, email, 'reviewer');
    const token = await signIn(env(), email, 'ilma-usa');
    const response = await env().fetch(
      `/v1/admin/professionals/${id}/credentials/${board!.id}/review`,
      json(
        { decision: 'verify', evidence: 'Register entry checked' },
        { ...bearer(token), 'Idempotency-Key': randomUUID() },
      ),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reviewer: unknown }).reviewer).toEqual({ keyId: null, userId: user.id });
    expect((await credentials(id))[0]!.reviewer).toEqual({ keyId: null, userId: user.id });
    const [change] = await changesOf(board!.id);
    expect(change).toMatchObject({ api_key_id: null, user_id: user.id, to_state: 'verified' });
  });

  it('replays a decision sent twice with one Idempotency-Key, and refuses the key with another body', async () => {
    const { id } = await verifiedProfessional();
    const [board] = await credentials(id);
    const key = randomUUID();
    const body: ReviewInput = { decision: 'verify', evidence: 'Certificate checked', expiresOn: dayFromToday(300) };
    const first = await decide(id, board!.id, body, 'ilma-usa', key);
    const second = await decide(id, board!.id, body, 'ilma-usa', key);
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    expect(await changesOf(board!.id)).toHaveLength(1);
    const other = await decide(
      id,
      board!.id,
      { ...body, decision: 'reject', expiresOn: undefined as never },
      'ilma-usa',
      key,
    );
    expect(other.response.status).toBe(409);
    expect(other.error?.type).toBe(`${PROBLEM}idempotency-conflict`);
    expect(await changesOf(board!.id)).toHaveLength(1);
  });

  describe('expiry', () => {
    it('expires a verified credential after its last day: the badge goes from the directory, and its version moves', async () => {
      const { id, email } = await verifiedProfessional();
      const [board, licence] = await credentials(id);
      const lastDay = dayFromToday(3);
      await decide(id, board!.id, { decision: 'verify', evidence: 'ABIM register', expiresOn: lastDay });
      await decide(id, licence!.id, { decision: 'verify', evidence: 'Order register' }); // no expiry
      expect(await publicBadges(id)).toEqual({ board_certification: 'verified', licence: 'verified' });

      // on its last day it is still valid (the reminder is queued: it is less than 30 days away)
      await sweepCredentials(env().db, env().server.ctx.mailer, noonOf(lastDay));
      expect((await credentials(id))[0]!.state).toBe('verified');
      expect(await publicBadges(id)).toEqual({ board_certification: 'verified', licence: 'verified' });

      const version = await directoryVersion();
      const dayAfter = dayFromToday(4);
      const swept = await sweepCredentials(env().db, env().server.ctx.mailer, noonOf(dayAfter));
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      const [expired, kept] = await credentials(id);
      expect(expired).toMatchObject({ state: 'expired', expiresOn: lastDay, evidence: 'ABIM register' });
      expect(kept!.state).toBe('verified');
      expect(await directoryVersion()).toBeGreaterThan(version);
      expect(await publicBadges(id)).toEqual({ board_certification: 'expired', licence: 'verified' });
      expect((await changesOf(board!.id)).map((c) => [c.from_state, c.to_state, c.api_key_id])).toEqual([
        ['pending', 'verified', await demoKeyId()],
        ['verified', 'expired', null],
      ]);

      // a second sweep changes nothing; a renewal makes it verified again
      const after = await directoryVersion();
      await sweepCredentials(env().db, env().server.ctx.mailer, noonOf(dayAfter));
      expect(await directoryVersion()).toBe(after);
      expect(await changesOf(board!.id)).toHaveLength(2);
      const renewed = await decide(id, board!.id, {
        decision: 'verify',
        evidence: 'Renewed certificate',
        expiresOn: dayFromToday(800),
      });
      expect(renewed.data).toMatchObject({ state: 'verified', expiryReminderSentAt: null });
      expect(await publicBadges(id)).toEqual({ board_certification: 'verified', licence: 'verified' });
      expect(await remindersTo(email)).toHaveLength(1);
    });

    it('mails the professional once, 30 days before the last day, in their language: two sweeps, then two at once', async () => {
      const { id, email } = await verifiedProfessional();
      const [board, licence] = await credentials(id);
      const lastDay = dayFromToday(45);
      await decide(id, board!.id, { decision: 'verify', evidence: 'ABIM register', expiresOn: lastDay });
      const mailer = env().server.ctx.mailer;

      await sweepCredentials(env().db, mailer, noonOf(dayFromToday(14))); // 31 days before: too early
      expect(await remindersTo(email)).toHaveLength(0);
      await sweepCredentials(env().db, mailer, noonOf(dayFromToday(15))); // 30 days before
      await sweepCredentials(env().db, mailer, noonOf(dayFromToday(16)));
      const [reminder, ...more] = await remindersTo(email);
      expect(more).toHaveLength(0);
      expect(reminder).toMatchObject({ locale: 'ar', organisation_id: expect.any(String) });
      expect(reminder!.text).toContain('رانيا حداد');
      expect(reminder!.text).toContain(BOARD.name);
      expect(reminder!.html).toContain('dir="rtl"');
      expect((await credentials(id))[0]!.expiryReminderSentAt).not.toBeNull();

      // another credential, swept by two sweeps at the same moment (two connections on PostgreSQL)
      await decide(id, licence!.id, { decision: 'verify', evidence: 'Order register', expiresOn: dayFromToday(20) });
      const results = await Promise.all([
        sweepCredentials(env().db, mailer, noonOf(dayFromToday(1))),
        sweepCredentials(env().db, mailer, noonOf(dayFromToday(1))),
      ]);
      const reminders = await remindersTo(email);
      expect(reminders).toHaveLength(2);
      expect(reminders.filter((m) => m.text.includes(LICENCE.name))).toHaveLength(1);
      expect(results[0]!.reminded + results[1]!.reminded).toBe(1);
      // the same expiry date confirmed again is not reminded again; a new date is
      await decide(id, licence!.id, { decision: 'verify', evidence: 'Checked again', expiresOn: dayFromToday(20) });
      await sweepCredentials(env().db, mailer, noonOf(dayFromToday(2)));
      expect(await remindersTo(email)).toHaveLength(2);
      await decide(id, licence!.id, { decision: 'verify', evidence: 'Renewed', expiresOn: dayFromToday(25) });
      await sweepCredentials(env().db, mailer, noonOf(dayFromToday(2)));
      expect(await remindersTo(email)).toHaveLength(3);
    });

    it('runs the sweep when the server starts and on its timer, and stops cleanly', async () => {
      const { id } = await verifiedProfessional();
      const [board] = await credentials(id);
      await decide(id, board!.id, { decision: 'verify', evidence: 'ABIM register', expiresOn: dayFromToday(0) });
      const errors: unknown[] = [];
      const later = noonOf(dayFromToday(2));
      const sweeper = new CredentialSweeper(
        env().db,
        env().server.ctx.mailer,
        () => later,
        (e) => errors.push(e),
      );
      sweeper.start(60_000);
      await sweeper.stop();
      expect(errors).toEqual([]);
      expect((await credentials(id))[0]!.state).toBe('expired');
    });

    it('wakes at the expiry instant by itself: the badge leaves the directory a moment after the last day ends', async () => {
      const { id } = await verifiedProfessional();
      const [board, licence] = await credentials(id);
      const lastDay = dayFromToday(0);
      await decide(id, board!.id, { decision: 'verify', evidence: 'ABIM register', expiresOn: lastDay });
      await decide(id, licence!.id, { decision: 'verify', evidence: 'Order register' });
      // a clock that runs as the real one, two seconds before the end of the credential's last day
      const midnight = Date.parse(`${dayFromToday(1)}T00:00:00Z`);
      const offset = midnight - 2_000 - Date.now();
      const now = () => new Date(Date.now() + offset);
      const errors: unknown[] = [];
      const sweeper = new CredentialSweeper(env().db, env().server.ctx.mailer, now, (e) => errors.push(e));
      // the hourly interval stays the default: only the expiry instant can wake it within the test
      sweeper.start();
      try {
        expect(now().getTime()).toBeLessThan(midnight);
        expect(await publicBadges(id)).toEqual({ board_certification: 'verified', licence: 'verified' });
        const started = Date.now();
        let badges = await publicBadges(id);
        while (badges.board_certification === 'verified' && Date.now() - started < 20_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          badges = await publicBadges(id);
        }
        expect(badges).toEqual({ board_certification: 'expired', licence: 'verified' });
        // it went when the clock passed midnight, not before
        expect(now().getTime()).toBeGreaterThanOrEqual(midnight);
        expect(Date.now() - started).toBeLessThan(10_000);
        const [change] = (await changesOf(board!.id)).filter((c) => c.to_state === 'expired');
        expect(change!.created_at.getTime()).toBeGreaterThanOrEqual(midnight);
        expect(change!.created_at.getTime()).toBeLessThan(midnight + 5_000);
      } finally {
        await sweeper.stop();
      }
      expect(errors).toEqual([]);
    });
  });

  it('keeps the review when the professional edits other fields, and starts a changed credential as pending', async () => {
    const { id } = await verifiedProfessional();
    const [board, licence] = await credentials(id);
    await decide(id, board!.id, { decision: 'verify', evidence: 'ABIM register' });
    // what the member's profile edit writes: the same credentials (their review kept), one changed
    const { credentials: stated } = await env()
      .db.selectFrom('professionals')
      .select('credentials')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const edited = (stated as components['schemas']['Credential'][]).map((c) =>
      c.kind === 'licence' ? { ...c, year: 2010, verification: 'pending' as const } : c,
    );
    await env()
      .db.updateTable('professionals')
      .set({ credentials: JSON.stringify(edited), city: sql`city` })
      .where('id', '=', id)
      .execute();
    const after = await credentials(id);
    expect(after.map((c) => [c.kind, c.state, c.year ?? null])).toEqual([
      ['board_certification', 'verified', null],
      ['licence', 'pending', 2010],
    ]);
    expect(after[0]!.id).toBe(board!.id);
    expect(after[1]!.id).not.toBe(licence!.id);
  });
});

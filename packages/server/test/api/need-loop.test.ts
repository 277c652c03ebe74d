// The loop of a need (issue 17, item 3): the ministry mails chosen candidates, one answers "I can
// help" from the mailed link (or signed in), the ministry shortlists, assigns and records the outcome.
// Tokens that are forged, expired, replaced or for another need write nothing; nobody outside the
// ministry's consent is invited or seen; every write replays by Idempotency-Key; every bad input is
// problem+json with nothing written.
import { randomUUID } from 'node:crypto';
import { type NeedInput, profileFieldDefaults } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../src/http/auth.js';
import {
  ALLOWED_ORIGIN,
  forEachApiEngine,
  memberSessionTokens,
  SIGN_IN_VERIFIER,
  SIGN_IN_VERIFIER_HASH,
} from './harness.js';

const PROBLEM = 'https://mahjar.dev/problems/';
const ANSWER_URL = `${ALLOWED_ORIGIN}/needs/answer`;

const need = (over: Partial<NeedInput> = {}): NeedInput => ({
  title: 'Tele-consultations for cardiology in Akkar',
  specialty: 'cardiology',
  offerKinds: ['telehealth'],
  place: { country: 'LB', city: 'Halba' },
  remote: true,
  timeZone: 'Asia/Beirut',
  languages: ['ar'],
  priorityArea: 'health-workforce',
  people: 1,
  state: 'open',
  ...over,
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; the harness checks each against the contract
type Json = Record<string, any>;

forEachApiEngine('need loop', (env) => {
  const tag = randomUUID().slice(0, 8);
  const secretOf = (org: string) => env().server.demoKeys[org]!.secret;

  /** A request with `org`'s secret key and a fresh (or the given) Idempotency-Key. */
  async function admin(method: string, path: string, body?: unknown, o: { org?: string; key?: string } = {}) {
    const response = await env().fetch(path, {
      method,
      headers: {
        'Mahjar-Secret-Key': secretOf(o.org ?? 'moph-lebanon'),
        'Content-Type': 'application/json',
        ...(method === 'GET' ? {} : { 'Idempotency-Key': o.key ?? randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, json: (await response.clone().json()) as Json };
  }

  const answer = (needId: string, body: unknown) =>
    env().fetch(`/v1/needs/${needId}/answers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function expectProblem(response: Response, status: number, type: string, pointer?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; errors?: { pointer: string }[] };
    expect(problem.type).toBe(`${PROBLEM}${type}`);
    if (pointer) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
  }

  const counts = async () => ({
    invitations: await env().count('need_invitations'),
    responses: await env().count('need_responses'),
    changes: await env().count('need_response_changes'),
    needChanges: await env().count('need_changes'),
    outbox: await env().count('outbox'),
  });

  let serial = 0;
  /** A verified professional (an address that can sign in) whose latest consent is as given. */
  async function professional(o: { locale?: string; ministries?: string[]; listed?: boolean } = {}) {
    const now = new Date();
    const name = `Loop${++serial}`;
    const email = `loop-${serial}-${tag}@example.com`;
    const { id } = await env()
      .db.insertInto('professionals')
      .values({
        status: 'verified',
        profession: 'physician',
        given_name: name,
        family_name: `Helper${tag}`,
        email,
        locale: o.locale ?? 'en',
        specialties: ['cardiology'],
        country: 'LB',
        city: 'Beirut',
        affiliations: '[]',
        credentials: '[]',
        languages: ['ar'],
        chapters: ['ilma-usa'],
        offers: JSON.stringify([{ kind: 'telehealth', availability: 'Evenings' }]),
        visibility: JSON.stringify(profileFieldDefaults),
        email_verified_at: now,
        verified_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await consent(id, o.ministries ?? ['moph-lebanon'], o.listed ?? true);
    return { id, email };
  }

  async function consent(id: string, ministries: string[], listed = true) {
    await env()
      .db.insertInto('consent_records')
      .values({
        professional_id: id,
        notice_version: '2026-07',
        notice_hash: 'a'.repeat(64),
        locale: 'en',
        source_site: `${ALLOWED_ORIGIN}/join`,
        permissions: JSON.stringify({ ministries, listed, transferAbroad: true, newsletter: false }),
        created_at: new Date(Date.now() + serial * 10),
      })
      .execute();
  }

  async function openNeed(over: Partial<NeedInput> = {}, org = 'moph-lebanon') {
    const { response, json } = await admin('POST', '/v1/admin/needs', need(over), { org });
    expect(response.status).toBe(201);
    return json as { id: string; title: string };
  }

  /** The newest mail of `kind` to `email`. */
  const mail = (email: string, kind: string) =>
    env()
      .db.selectFrom('outbox')
      .select(['text', 'html', 'locale', 'subject'])
      .where('to_address', '=', email)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();

  const tokenIn = (text: string) => /&mahjar-need-answer=(ni_[A-Za-z0-9_-]+)/.exec(text)![1]!;

  async function invited(needId: string, ...people: { id: string; email: string }[]) {
    const { response, json } = await admin('POST', `/v1/admin/needs/${needId}/invitations`, {
      professionalIds: people.map((p) => p.id),
      answerUrl: ANSWER_URL,
    });
    expect(response.status).toBe(200);
    expect(json.invited).toHaveLength(people.length);
    return Promise.all(people.map(async (p) => tokenIn((await mail(p.email, 'need_invitation'))!.text)));
  }

  const responses = async (needId: string, org = 'moph-lebanon') => {
    const { response, json } = await admin('GET', `/v1/admin/needs/${needId}/responses`, undefined, { org });
    return { response, items: json.items as Json[] };
  };

  const move = (needId: string, responseId: string, body: unknown, key?: string) =>
    admin('POST', `/v1/admin/needs/${needId}/responses/${responseId}/state`, body, key ? { key } : {});
  const outcome = (needId: string, responseId: string, body: unknown, key?: string) =>
    admin('PUT', `/v1/admin/needs/${needId}/responses/${responseId}/outcome`, body, key ? { key } : {});

  const OUTCOME = {
    done: true,
    hours: 24,
    peopleReached: 60,
    summary: 'Twelve tele-consultations with the Halba team.',
  };

  it('runs the whole loop: invite two, one answers from the mail, shortlist, assign, outcome', async () => {
    const rania = await professional({ locale: 'fr' });
    const karim = await professional({ locale: 'ar' });
    const made = await openNeed();
    const before = await counts();
    const { response, json } = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, {
      professionalIds: [rania.id, karim.id],
      answerUrl: ANSWER_URL,
    });
    expect(response.status).toBe(200);
    expect(json.needId).toBe(made.id);
    expect(json.invited.map((i: Json) => [i.professionalId, i.locale])).toEqual([
      [rania.id, 'fr'],
      [karim.id, 'ar'],
    ]);
    expect(await counts()).toMatchObject({ invitations: before.invitations + 2, outbox: before.outbox + 2 });
    // each in their own language, with their own link to the ministry's page
    const toRania = (await mail(rania.email, 'need_invitation'))!;
    const toKarim = (await mail(karim.email, 'need_invitation'))!;
    expect(toRania.locale).toBe('fr');
    expect(toKarim.locale).toBe('ar');
    expect(toRania.text).toContain(made.title);
    // the need's id, then the token: the board opened from the link shows the need the token answers
    expect(toRania.text).toContain(`${ANSWER_URL}#mahjar-need=${made.id}&mahjar-need-answer=ni_`);
    const token = tokenIn(toRania.text);
    expect(token).not.toBe(tokenIn(toKarim.text));
    // only the token's hash is stored
    const stored = await env().db.selectFrom('need_invitations').selectAll().where('need_id', '=', made.id).execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashKey(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // Rania answers from the mailed link; twice is one answer
    const first = await answer(made.id, { token, message: 'I can give two evenings a week.' });
    expect(first.status).toBe(201);
    const answered = (await first.json()) as Json;
    expect(answered).toMatchObject({ needId: made.id, needTitle: made.title, state: 'interested' });
    const afterAnswer = await counts();
    const again = await answer(made.id, { token, message: 'Something else' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).id).toBe(answered.id);
    expect(await counts()).toEqual(afterAnswer);

    // the ministry sees the answer with what Rania shows a ministry, and nobody else's
    const listed = await responses(made.id);
    expect(listed.response.status).toBe(200);
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      id: answered.id,
      state: 'interested',
      via: 'invitation',
      message: 'I can give two evenings a week.',
      outcome: null,
      professional: { id: rania.id, givenName: expect.any(String) },
    });
    expect(listed.items[0]!.professional).not.toHaveProperty('email');

    const shortlisted = await move(made.id, answered.id, { state: 'shortlisted' });
    expect(shortlisted.response.status).toBe(200);
    expect(shortlisted.json.state).toBe('shortlisted');
    const assigned = await move(made.id, answered.id, { state: 'assigned', note: 'Starts in November.' });
    expect(assigned.response.status).toBe(200);
    expect(assigned.json.state).toBe('assigned');
    const assignment = (await mail(rania.email, 'need_assignment'))!;
    expect(assignment.locale).toBe('fr');
    expect(assignment.text).toContain(made.title);
    // one person needed, one assigned: the need is filled, and its history says why
    const got = await admin('GET', `/v1/admin/needs/${made.id}`);
    expect(got.json.state).toBe('filled');
    expect(got.json.history.at(-1)).toMatchObject({
      action: 'state_changed',
      fromState: 'open',
      toState: 'filled',
      note: 'filled by assignment',
    });

    const recorded = await outcome(made.id, answered.id, OUTCOME);
    expect(recorded.response.status).toBe(200);
    expect(recorded.json.outcome).toEqual(OUTCOME);
    const corrected = await outcome(made.id, answered.id, { ...OUTCOME, hours: 30 });
    expect(corrected.json.outcome.hours).toBe(30);
    const history = (await responses(made.id)).items[0]!.history as Json[];
    expect(history.map((h) => h.action)).toEqual([
      'answered',
      'shortlisted',
      'assigned',
      'outcome_recorded',
      'outcome_recorded',
    ]);
    expect(history[0]!.apiKeyId).toBeNull();
    expect(history[2]).toMatchObject({ fromState: 'shortlisted', toState: 'assigned', note: 'Starts in November.' });
    expect(history[1]!.apiKeyId).toMatch(/^[0-9a-f-]{36}$/);
    // a filled need takes no more answers
    const [karimToken] = [tokenIn(toKarim.text)];
    await expectProblem(await answer(made.id, { token: karimToken }), 400, 'need-invitation-invalid', '/token');
  });

  it('keeps the need open until the assigned reach its people', async () => {
    const a = await professional();
    const b = await professional();
    const made = await openNeed({ people: 2 });
    const [ta, tb] = await invited(made.id, a, b);
    const ra = (await (await answer(made.id, { token: ta })).json()) as Json;
    const rb = (await (await answer(made.id, { token: tb })).json()) as Json;
    for (const r of [ra, rb]) expect((await move(made.id, r.id, { state: 'shortlisted' })).response.status).toBe(200);
    await move(made.id, ra.id, { state: 'assigned' });
    expect((await admin('GET', `/v1/admin/needs/${made.id}`)).json.state).toBe('open');
    await move(made.id, rb.id, { state: 'assigned' });
    expect((await admin('GET', `/v1/admin/needs/${made.id}`)).json.state).toBe('filled');
  });

  it('pages the answers, oldest first, with the keyset helper every list uses', async () => {
    const people = [await professional(), await professional(), await professional()];
    const made = await openNeed({ people: 3 });
    const tokens = await invited(made.id, ...people);
    const ids: string[] = [];
    for (const token of tokens) ids.push(((await (await answer(made.id, { token })).json()) as Json).id as string);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { response, json } = await admin(
        'GET',
        `/v1/admin/needs/${made.id}/responses?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      expect((json.items as Json[]).length).toBeLessThanOrEqual(1);
      seen.push(...(json.items as Json[]).map((r) => r.id as string));
      cursor = json.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await admin('GET', `/v1/admin/needs/${made.id}/responses?cursor=not-a-cursor`);
    expect(bad.response.status).toBe(400);
  });

  describe('token abuse writes nothing', () => {
    it('refuses a forged, expired, replaced or another need’s token', async () => {
      const p = await professional();
      const q = await professional();
      const one = await openNeed();
      const other = await openNeed();
      const [token] = await invited(one.id, p);
      const [otherToken] = await invited(other.id, q);
      const before = await counts();
      // forged: the right shape, no invitation
      await expectProblem(
        await answer(one.id, { token: `ni_${'A'.repeat(43)}` }),
        400,
        'need-invitation-invalid',
        '/token',
      );
      // another need's token
      await expectProblem(await answer(one.id, { token: otherToken }), 400, 'need-invitation-invalid');
      await expectProblem(await answer(other.id, { token }), 400, 'need-invitation-invalid');
      // an id that is no need
      await expectProblem(await answer(randomUUID(), { token }), 400, 'need-invitation-invalid');
      // malformed
      await expectProblem(await answer(one.id, { token: 'not-a-token' }), 400, 'validation', '/token');
      await expectProblem(await answer(one.id, { token, message: 'x'.repeat(1001) }), 400, 'validation', '/message');
      await expectProblem(await answer(one.id, { token, extra: 1 }), 400, 'validation');
      await expectProblem(await answer(one.id, {}), 400, 'validation');
      expect(await counts()).toEqual(before);
      // replaced by a newer invitation
      const [newer] = await invited(one.id, p);
      expect(newer).not.toBe(token);
      const afterReinvite = await counts();
      await expectProblem(await answer(one.id, { token }), 400, 'need-invitation-invalid');
      // expired
      await env()
        .db.updateTable('need_invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashKey(newer!))
        .execute();
      await expectProblem(await answer(one.id, { token: newer }), 400, 'need-invitation-invalid');
      expect(await counts()).toEqual(afterReinvite);
    });

    it('takes no answer for a closed need, nor from someone who withdrew their consent', async () => {
      const p = await professional();
      const q = await professional();
      const made = await openNeed();
      const [tp, tq] = await invited(made.id, p, q);
      await consent(q.id, []);
      const before = await counts();
      await expectProblem(await answer(made.id, { token: tq }), 400, 'need-invitation-invalid');
      expect((await admin('POST', `/v1/admin/needs/${made.id}/state`, { state: 'closed' })).response.status).toBe(200);
      await expectProblem(await answer(made.id, { token: tp }), 400, 'need-invitation-invalid');
      expect((await counts()).responses).toBe(before.responses);
    });
  });

  describe('consent scope', () => {
    it('invites nobody outside the ministry’s consent, and says who', async () => {
      const ok = await professional();
      const iraqOnly = await professional({ ministries: ['moh-iraq'] });
      const unlisted = await professional({ listed: false });
      const made = await openNeed();
      const before = await counts();
      const { response } = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, {
        professionalIds: [ok.id, iraqOnly.id, unlisted.id, randomUUID()],
        answerUrl: ANSWER_URL,
      });
      await expectProblem(response.clone(), 422, 'validation', '/professionalIds/1');
      const problem = (await response.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((e) => e.pointer)).toEqual([
        '/professionalIds/1',
        '/professionalIds/2',
        '/professionalIds/3',
      ]);
      expect(await counts()).toEqual(before);
      expect(await mail(ok.email, 'need_invitation')).toBeUndefined();
    });

    it('hides an answer once its author withdraws consent, and another ministry’s need is unknown', async () => {
      const p = await professional();
      const made = await openNeed();
      const [token] = await invited(made.id, p);
      const answered = (await (await answer(made.id, { token })).json()) as Json;
      // another ministry knows nothing of this need or its answers
      const iraq = { org: 'moh-iraq' };
      await expectProblem((await responses(made.id, 'moh-iraq')).response, 404, 'not-found');
      const otherNeed = await openNeed();
      const before = await counts();
      for (const call of [
        admin(
          'POST',
          `/v1/admin/needs/${made.id}/invitations`,
          { professionalIds: [p.id], answerUrl: ANSWER_URL },
          iraq,
        ),
        admin('POST', `/v1/admin/needs/${made.id}/responses/${answered.id}/state`, { state: 'shortlisted' }, iraq),
        admin('PUT', `/v1/admin/needs/${made.id}/responses/${answered.id}/outcome`, OUTCOME, iraq),
      ]) {
        await expectProblem((await call).response, 404, 'not-found');
      }
      // an answer id of another need is unknown too
      await expectProblem((await move(otherNeed.id, answered.id, { state: 'shortlisted' })).response, 404, 'not-found');
      expect(await counts()).toEqual(before);
      // withdrawn: no longer listed, no longer movable
      await consent(p.id, ['moh-iraq']);
      expect((await responses(made.id)).items).toEqual([]);
      await expectProblem((await move(made.id, answered.id, { state: 'shortlisted' })).response, 404, 'not-found');
    });

    it('refuses a chapter’s key', async () => {
      const made = await openNeed();
      const { response } = await admin('GET', `/v1/admin/needs/${made.id}/responses`, undefined, { org: 'ilma-usa' });
      await expectProblem(response, 403, 'forbidden');
    });
  });

  describe('state rules', () => {
    it('answers 409 to every invalid move and writes nothing', async () => {
      const p = await professional();
      const made = await openNeed({ people: 3 });
      const [token] = await invited(made.id, p);
      const r = (await (await answer(made.id, { token })).json()) as Json;
      let before = await counts();
      await expectProblem((await move(made.id, r.id, { state: 'assigned' })).response, 409, 'conflict');
      await expectProblem((await outcome(made.id, r.id, OUTCOME)).response, 409, 'conflict');
      expect(await counts()).toEqual(before);
      await move(made.id, r.id, { state: 'shortlisted' });
      before = await counts();
      await expectProblem((await move(made.id, r.id, { state: 'shortlisted' })).response, 409, 'conflict');
      await expectProblem((await outcome(made.id, r.id, OUTCOME)).response, 409, 'conflict');
      expect(await counts()).toEqual(before);
      // a closed need's answers stay as they are, and it takes no invitations
      await admin('POST', `/v1/admin/needs/${made.id}/state`, { state: 'closed' });
      before = await counts();
      await expectProblem((await move(made.id, r.id, { state: 'assigned' })).response, 409, 'conflict');
      const inviting = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, {
        professionalIds: [p.id],
        answerUrl: ANSWER_URL,
      });
      await expectProblem(inviting.response, 409, 'conflict');
      expect(await counts()).toEqual(before);
    });

    it('invites only for an open need', async () => {
      const p = await professional();
      const draft = await openNeed({ state: 'draft' });
      const before = await counts();
      const { response } = await admin('POST', `/v1/admin/needs/${draft.id}/invitations`, {
        professionalIds: [p.id],
        answerUrl: ANSWER_URL,
      });
      await expectProblem(response, 409, 'conflict');
      expect(await counts()).toEqual(before);
    });
  });

  describe('idempotent replays', () => {
    it('replays invitations, moves and outcomes by Idempotency-Key, sending no second mail', async () => {
      const p = await professional();
      const made = await openNeed();
      const key = randomUUID();
      const body = { professionalIds: [p.id], answerUrl: ANSWER_URL };
      const first = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, body, { key });
      const afterFirst = await counts();
      const replay = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, body, { key });
      expect(replay.response.status).toBe(200);
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.json).toEqual(first.json);
      expect(await counts()).toEqual(afterFirst);
      const reused = await admin(
        'POST',
        `/v1/admin/needs/${made.id}/invitations`,
        { ...body, answerUrl: `${ANSWER_URL}/other` },
        { key },
      );
      await expectProblem(reused.response, 409, 'idempotency-conflict');

      const token = tokenIn((await mail(p.email, 'need_invitation'))!.text);
      const r = (await (await answer(made.id, { token })).json()) as Json;
      for (const [call, payload] of [
        [move, { state: 'shortlisted' }],
        [move, { state: 'assigned' }],
        [outcome, OUTCOME],
      ] as const) {
        const k = randomUUID();
        const once = await call(made.id, r.id, payload, k);
        expect(once.response.status).toBe(200);
        const mark = await counts();
        const twice = await call(made.id, r.id, payload, k);
        expect(twice.response.status).toBe(200);
        expect(twice.response.headers.get('idempotent-replayed')).toBe('true');
        expect(twice.json).toEqual(once.json);
        expect(await counts()).toEqual(mark);
      }
    });
  });

  describe('every bad input on every new write', () => {
    it('refuses bad invitations with problem+json and writes nothing', async () => {
      const p = await professional();
      const made = await openNeed();
      const before = await counts();
      const cells: [unknown, number, string][] = [
        [{ professionalIds: [], answerUrl: ANSWER_URL }, 400, '/professionalIds'],
        [
          { professionalIds: Array.from({ length: 21 }, () => randomUUID()), answerUrl: ANSWER_URL },
          400,
          '/professionalIds',
        ],
        [{ professionalIds: [p.id, p.id], answerUrl: ANSWER_URL }, 400, '/professionalIds'],
        [{ professionalIds: ['not-a-uuid'], answerUrl: ANSWER_URL }, 400, '/professionalIds/0'],
        [{ professionalIds: [p.id] }, 400, ''],
        [{ professionalIds: [p.id], answerUrl: 'javascript:alert(1)' }, 400, '/answerUrl'],
        [{ professionalIds: [p.id], answerUrl: 'https://evil.example.com/answer' }, 422, '/answerUrl'],
        [{ professionalIds: [p.id], answerUrl: ANSWER_URL, extra: true }, 400, ''],
      ];
      for (const [body, status, pointer] of cells) {
        const { response } = await admin('POST', `/v1/admin/needs/${made.id}/invitations`, body);
        await expectProblem(response, status, 'validation', pointer || undefined);
      }
      await expectProblem(
        (
          await admin('POST', `/v1/admin/needs/${randomUUID()}/invitations`, {
            professionalIds: [p.id],
            answerUrl: ANSWER_URL,
          })
        ).response,
        404,
        'not-found',
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses bad moves and outcomes with problem+json and writes nothing', async () => {
      const p = await professional();
      const made = await openNeed();
      const [token] = await invited(made.id, p);
      const r = (await (await answer(made.id, { token })).json()) as Json;
      await move(made.id, r.id, { state: 'shortlisted' });
      await move(made.id, r.id, { state: 'assigned' });
      const before = await counts();
      for (const body of [
        { state: 'interested' },
        { state: 'filled' },
        {},
        { state: 'assigned', extra: 1 },
        { state: 'assigned', note: 'x'.repeat(1001) },
      ]) {
        await expectProblem((await move(made.id, r.id, body)).response, 400, 'validation');
      }
      for (const body of [
        { ...OUTCOME, summary: 'x'.repeat(501) },
        { ...OUTCOME, summary: '' },
        { ...OUTCOME, summary: '   ' },
        { ...OUTCOME, hours: -1 },
        { ...OUTCOME, hours: 1.5 },
        { ...OUTCOME, peopleReached: 'many' },
        { done: true, hours: 1, peopleReached: 1 },
        { ...OUTCOME, extra: 1 },
      ]) {
        await expectProblem((await outcome(made.id, r.id, body)).response, 400, 'validation');
      }
      await expectProblem((await move(made.id, 'nope', { state: 'assigned' })).response, 400, 'validation');
      await expectProblem((await outcome(made.id, randomUUID(), OUTCOME)).response, 404, 'not-found');
      expect(await counts()).toEqual(before);
    });
  });

  describe('a signed-in member', () => {
    const publicHeaders = (session?: string) => ({
      'Mahjar-Publishable-Key': env().server.demoKeys['ilma-usa']!.publishable,
      Origin: ALLOWED_ORIGIN,
      'Content-Type': 'application/json',
      ...(session ? { 'Mahjar-Member-Session': session } : {}),
    });

    async function signIn(email: string): Promise<string> {
      const asked = await env().fetch('/v1/members/sign-in', {
        method: 'POST',
        headers: publicHeaders(),
        body: JSON.stringify({ email, returnUrl: `${ALLOWED_ORIGIN}/members/`, verifierHash: SIGN_IN_VERIFIER_HASH }),
      });
      expect(asked.status).toBe(202);
      const sent = (await mail(email, 'member_sign_in'))!;
      const code = /#mahjar-sign-in=(ml_[A-Za-z0-9_-]+)/.exec(sent.text)![1]!;
      const created = await env().fetch('/v1/members/sessions', {
        method: 'POST',
        headers: publicHeaders(),
        body: JSON.stringify({ code, verifier: SIGN_IN_VERIFIER }),
      });
      expect(created.status).toBe(201);
      const { token } = (await created.json()) as { token: string };
      memberSessionTokens.add(token);
      return token;
    }

    const answerAsMember = (needId: string, session: string | undefined, body: unknown, key = randomUUID()) =>
      env().fetch(`/v1/members/me/needs/${needId}/answers`, {
        method: 'POST',
        headers: { ...publicHeaders(session), 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });

    it('answers an open need of a ministry they consented to, once, without a token', async () => {
      const p = await professional();
      const session = await signIn(p.email);
      const made = await openNeed();
      const first = await answerAsMember(made.id, session, { message: 'Happy to help.' });
      expect(first.status).toBe(201);
      const mark = await counts();
      const again = await answerAsMember(made.id, session, {});
      expect(again.status).toBe(200);
      expect(((await again.json()) as Json).id).toBe(((await first.json()) as Json).id);
      expect(await counts()).toEqual(mark);
      const listed = await responses(made.id);
      expect(listed.items.map((i) => [i.professional.id, i.via])).toEqual([[p.id, 'member']]);
    });

    it('gets 404 for a need of another ministry, a draft, or an unknown id, and problem+json for bad input', async () => {
      const p = await professional();
      const session = await signIn(p.email);
      const iraq = await openNeed({ place: { country: 'IQ' }, timeZone: 'Asia/Baghdad' }, 'moh-iraq');
      const draft = await openNeed({ state: 'draft' });
      const open = await openNeed();
      const before = await counts();
      for (const id of [iraq.id, draft.id, randomUUID()]) {
        await expectProblem(await answerAsMember(id, session, {}), 404, 'not-found');
      }
      await expectProblem(
        await answerAsMember(open.id, session, { message: 'x'.repeat(1001) }),
        400,
        'validation',
        '/message',
      );
      await expectProblem(await answerAsMember(open.id, session, { extra: 1 }), 400, 'validation');
      await expectProblem(await answerAsMember(open.id, undefined, {}), 401, 'unauthorized');
      expect(await counts()).toEqual(before);
    });
  });
});

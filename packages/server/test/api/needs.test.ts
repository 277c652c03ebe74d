// A ministry's needs and their candidates (issue 17, items 1 and 2): the needs' life, every bad
// input refused with nothing written, and candidates only ever among the professionals who named
// the ministry in their latest consent, ranked with the reasons why.
import { randomUUID } from 'node:crypto';
import { type NeedInput, profileFieldDefaults } from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { WEIGHTS } from '../../src/operations/needs/candidates.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const PROBLEM = 'https://mahjar.dev/problems/';

const need = (over: Partial<NeedInput> = {}): NeedInput => ({
  title: 'Tele-consultations for interventional cardiology in Akkar',
  specialty: 'cardiology',
  subSpecialty: 'interventional-cardiology',
  offerKinds: ['telehealth', 'mentoring'],
  place: { country: 'LB', city: 'Halba', facility: 'Halba Governmental Hospital' },
  remote: true,
  timeZone: 'Asia/Beirut',
  startsOn: '2026-11-01',
  endsOn: '2027-04-30',
  languages: ['ar', 'fr'],
  priorityArea: 'health-workforce',
  people: 2,
  ...over,
});

forEachApiEngine('needs', (env) => {
  const ministry = (org = 'moph-lebanon') => env().client({ key: 'secret', org });
  const counts = async () => ({ needs: await env().count('needs'), changes: await env().count('need_changes') });

  async function created(body: NeedInput = need()) {
    const { data, response } = await ministry().POST('/v1/admin/needs', { body });
    expect(response.status).toBe(201);
    return data!;
  }

  /** Raw request with the ministry's secret key, for bodies the SDK's types would not let through. */
  const raw = (method: string, path: string, body?: unknown, key = env().server.demoKeys['moph-lebanon']!.secret) =>
    env().fetch(path, {
      method,
      headers: {
        'Mahjar-Secret-Key': key,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function expectProblem(response: Response, status: number, type: string, pointer?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; errors?: { pointer: string }[] };
    expect(problem.type).toBe(`${PROBLEM}${type}`);
    if (pointer) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
  }

  describe('the need’s life', () => {
    it('creates a draft with its history, and reads it back', async () => {
      const { data, response } = await ministry().POST('/v1/admin/needs', { body: need() });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/v1/admin/needs/${data!.id}`);
      expect(data).toMatchObject({ ...need(), state: 'draft', organisationSlug: 'moph-lebanon' });
      expect(data!.history).toEqual([
        expect.objectContaining({ action: 'created', fromState: null, toState: 'draft', fields: [], note: null }),
      ]);
      expect(data!.history[0]!.apiKeyId).toMatch(/^[0-9a-f-]{36}$/);
      const got = await ministry().GET('/v1/admin/needs/{id}', { params: { path: { id: data!.id } } });
      expect(got.data).toEqual(data);
    });

    it('posts an ongoing on-site need with only what is required, open at once', async () => {
      const body: NeedInput = {
        title: 'Return placements in emergency medicine',
        specialty: 'emergency-medicine',
        offerKinds: ['return_placement'],
        place: { country: 'LB' },
        remote: false,
        languages: [],
        priorityArea: 'emergency-preparedness',
        people: 5,
        state: 'open',
      };
      const made = await created(body);
      expect(made.state).toBe('open');
      expect(made).not.toHaveProperty('startsOn');
      expect(made).not.toHaveProperty('timeZone');
      expect(made.place).toEqual({ country: 'LB' });
    });

    it('lists only the ministry’s own needs, newest first, by state and page', async () => {
      const mine = [await created(), await created(), await created()];
      const iraq = await ministry('moh-iraq').POST('/v1/admin/needs', {
        body: need({ place: { country: 'IQ' }, timeZone: 'Asia/Baghdad' }),
      });
      expect(iraq.response.status).toBe(201);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await ministry().GET('/v1/admin/needs', { params: { query: { limit: 2, cursor } } });
        expect(data!.items.length).toBeLessThanOrEqual(2);
        seen.push(...data!.items.map((n) => n.id));
        for (const n of data!.items) expect(n.organisationSlug).toBe('moph-lebanon');
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).not.toContain(iraq.data!.id);
      expect(new Set(seen).size).toBe(seen.length);
      // newest first: the three just made lead, in reverse order
      expect(seen.slice(0, 3)).toEqual(mine.map((n) => n.id).reverse());
      const drafts = await ministry().GET('/v1/admin/needs', { params: { query: { state: 'open', limit: 100 } } });
      for (const n of drafts.data!.items) expect(n.state).toBe('open');
      expect(drafts.data!.items.map((n) => n.id)).not.toContain(mine[0]!.id);
    });

    it('updates a draft and an open need, recording which fields changed', async () => {
      const made = await created();
      const body = { ...need({ people: 3, languages: ['ar'] }) };
      delete body.endsOn;
      const { data, response } = await ministry().PUT('/v1/admin/needs/{id}', {
        params: { path: { id: made.id } },
        body,
      });
      expect(response.status).toBe(200);
      expect(data!.people).toBe(3);
      expect(data).not.toHaveProperty('endsOn');
      expect(data!.history.at(-1)).toMatchObject({
        action: 'updated',
        fromState: 'draft',
        toState: 'draft',
        fields: ['endsOn', 'languages', 'people'],
      });
      await ministry().POST('/v1/admin/needs/{id}/state', {
        params: { path: { id: made.id } },
        body: { state: 'open' },
      });
      const again = await ministry().PUT('/v1/admin/needs/{id}', {
        params: { path: { id: made.id } },
        body: { ...body, people: 4 },
      });
      expect(again.response.status).toBe(200);
      expect(again.data).toMatchObject({ state: 'open', people: 4 });
    });

    it('moves draft → open → filled with notes, and refuses every other move, writing nothing', async () => {
      const made = await created();
      const move = (id: string, state: 'draft' | 'open' | 'filled' | 'closed', note?: string) =>
        raw('POST', `/v1/admin/needs/${id}/state`, { state, ...(note ? { note } : {}) });

      for (const state of ['draft', 'filled'] as const) {
        const before = await counts();
        await expectProblem(await move(made.id, state), 409, 'conflict');
        expect(await counts()).toEqual(before);
      }
      const opened = await move(made.id, 'open', 'Approved by the International Office.');
      expect(opened.status).toBe(200);
      const filled = await move(made.id, 'filled', 'Two cardiologists started.');
      expect(filled.status).toBe(200);
      const stored = (await filled.json()) as { state: string; history: { action: string; note: string | null }[] };
      expect(stored.state).toBe('filled');
      expect(stored.history.map((h) => [h.action, h.note])).toEqual([
        ['created', null],
        ['state_changed', 'Approved by the International Office.'],
        ['state_changed', 'Two cardiologists started.'],
      ]);
      for (const state of ['open', 'closed', 'draft', 'filled'] as const) {
        const before = await counts();
        await expectProblem(await move(made.id, state), 409, 'conflict');
        expect(await counts()).toEqual(before);
      }
      // a filled need can no longer be edited
      const before = await counts();
      await expectProblem(await raw('PUT', `/v1/admin/needs/${made.id}`, need({ people: 7 })), 409, 'conflict');
      expect(await counts()).toEqual(before);

      const other = await created();
      expect((await move(other.id, 'closed')).status).toBe(200);
      await expectProblem(await move(other.id, 'open'), 409, 'conflict');
    });

    it('replays a create with the same Idempotency-Key, and refuses the key for another body', async () => {
      const key = randomUUID();
      const before = await counts();
      const first = await ministry().POST('/v1/admin/needs', {
        params: { header: { 'Idempotency-Key': key } },
        body: need(),
      });
      const second = await ministry().POST('/v1/admin/needs', {
        params: { header: { 'Idempotency-Key': key } },
        body: need(),
      });
      expect(second.response.status).toBe(201);
      expect(second.response.headers.get('idempotent-replayed')).toBe('true');
      expect(second.data).toEqual(first.data);
      expect(await counts()).toEqual({ needs: before.needs + 1, changes: before.changes + 1 });
      const other = await ministry().POST('/v1/admin/needs', {
        params: { header: { 'Idempotency-Key': key } },
        body: need({ people: 9 }),
      });
      expect(other.response.status).toBe(409);
      expect(await counts()).toEqual({ needs: before.needs + 1, changes: before.changes + 1 });

      const stateKey = randomUUID();
      const move = () =>
        ministry().POST('/v1/admin/needs/{id}/state', {
          params: { path: { id: first.data!.id }, header: { 'Idempotency-Key': stateKey } },
          body: { state: 'open' },
        });
      const [a, b] = [await move(), await move()];
      expect(b.response.status).toBe(200);
      expect(b.data).toEqual(a.data);
      expect(a.data!.history.filter((h) => h.action === 'state_changed')).toHaveLength(1);
    });
  });

  describe('bad input', () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['an offer kind outside the enum', { offerKinds: ['supplies'] }, '/offerKinds/0'],
      ['a state other than draft or open', { state: 'filled' }, '/state'],
      ['an unknown specialty', { specialty: 'astrology', subSpecialty: undefined }, '/specialty'],
      ['a sub-specialty of another specialty', { subSpecialty: 'paediatric-oncology' }, '/subSpecialty'],
      [
        'too many languages',
        { languages: ['ar', 'en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'el', 'tr'] },
        '/languages',
      ],
      ['the same language twice', { languages: ['ar', 'ar'] }, '/languages'],
      ['a time zone that is no IANA zone', { timeZone: 'Mars/Olympus_Mons' }, '/timeZone'],
      ['a malformed time zone', { timeZone: 'GMT+2' }, '/timeZone'],
      ['remote work without a time zone', { timeZone: undefined }, '/timeZone'],
      ['an end before the start', { startsOn: '2026-12-01', endsOn: '2026-11-30' }, '/endsOn'],
      ['a date that does not exist', { startsOn: '2026-02-30' }, '/startsOn'],
      ['an unknown priority area', { priorityArea: 'astronomy' }, '/priorityArea'],
      ['no people', { people: 0 }, '/people'],
      ['no offer kind', { offerKinds: [] }, '/offerKinds'],
      ['an unknown field', { hostEmail: 'someone@example.org' }, ''],
      ['a lowercase country', { place: { country: 'lb' } }, '/place/country'],
    ];
    it.each(bad)('refuses %s on create and on update, writing nothing', async (_, change, pointer) => {
      const body = JSON.parse(JSON.stringify({ ...need(), ...change }));
      const made = await created();
      const before = await counts();
      await expectProblem(await raw('POST', '/v1/admin/needs', body), 400, 'validation', pointer || undefined);
      const { state: _state, ...update } = body;
      const asUpdate = 'state' in change ? body : update;
      await expectProblem(await raw('PUT', `/v1/admin/needs/${made.id}`, asUpdate), 400, 'validation');
      expect(await counts()).toEqual(before);
      const stored = await ministry().GET('/v1/admin/needs/{id}', { params: { path: { id: made.id } } });
      expect(stored.data).toEqual(made);
    });

    it('refuses a state outside the enum and a note too long', async () => {
      const made = await created();
      const before = await counts();
      await expectProblem(await raw('POST', `/v1/admin/needs/${made.id}/state`, { state: 'done' }), 400, 'validation');
      await expectProblem(
        await raw('POST', `/v1/admin/needs/${made.id}/state`, { state: 'open', note: 'x'.repeat(1001) }),
        400,
        'validation',
      );
      expect(await counts()).toEqual(before);
    });

    it('answers another ministry’s need as unknown, for every operation', async () => {
      const made = await created();
      const iraq = env().server.demoKeys['moh-iraq']!.secret;
      const before = await counts();
      await expectProblem(await raw('GET', `/v1/admin/needs/${made.id}`, undefined, iraq), 404, 'not-found');
      await expectProblem(await raw('GET', `/v1/admin/needs/${made.id}/candidates`, undefined, iraq), 404, 'not-found');
      await expectProblem(await raw('PUT', `/v1/admin/needs/${made.id}`, need(), iraq), 404, 'not-found');
      await expectProblem(
        await raw('POST', `/v1/admin/needs/${made.id}/state`, { state: 'open' }, iraq),
        404,
        'not-found',
      );
      await expectProblem(await raw('GET', `/v1/admin/needs/${randomUUID()}`), 404, 'not-found');
      expect(await counts()).toEqual(before);
      const stored = await ministry().GET('/v1/admin/needs/{id}', { params: { path: { id: made.id } } });
      expect(stored.data).toEqual(made);
    });

    it('lets a viewer read needs and candidates but not write them', async () => {
      const made = await created();
      const key = await ministry().POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'Needs viewer', role: 'viewer' },
      });
      const viewer = key.data!.key;
      const before = await counts();
      await expectProblem(await raw('POST', '/v1/admin/needs', need(), viewer), 403, 'forbidden');
      await expectProblem(await raw('PUT', `/v1/admin/needs/${made.id}`, need(), viewer), 403, 'forbidden');
      await expectProblem(
        await raw('POST', `/v1/admin/needs/${made.id}/state`, { state: 'open' }, viewer),
        403,
        'forbidden',
      );
      expect(await counts()).toEqual(before);
      for (const path of ['/v1/admin/needs', `/v1/admin/needs/${made.id}`, `/v1/admin/needs/${made.id}/candidates`]) {
        expect((await raw('GET', path, undefined, viewer)).status, path).toBe(200);
      }
    });

    it('refuses a publishable key and a chapter’s secret key', async () => {
      const made = await created();
      const before = await counts();
      const lebanon = env().server.demoKeys['moph-lebanon']!;
      const publishable = await env().fetch('/v1/admin/needs', {
        method: 'POST',
        headers: {
          'Mahjar-Publishable-Key': lebanon.publishable,
          Origin: ALLOWED_ORIGIN,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify(need()),
      });
      await expectProblem(publishable, 403, 'forbidden');
      const chapter = env().server.demoKeys['ilma-usa']!.secret;
      await expectProblem(await raw('POST', '/v1/admin/needs', need(), chapter), 403, 'forbidden');
      await expectProblem(await raw('GET', '/v1/admin/needs', undefined, chapter), 403, 'forbidden');
      await expectProblem(
        await raw('GET', `/v1/admin/needs/${made.id}/candidates`, undefined, chapter),
        403,
        'forbidden',
      );
      await expectProblem(await raw('PUT', `/v1/admin/needs/${made.id}`, need(), chapter), 403, 'forbidden');
      await expectProblem(
        await raw('POST', `/v1/admin/needs/${made.id}/state`, { state: 'open' }, chapter),
        403,
        'forbidden',
      );
      expect(await counts()).toEqual(before);
    });
  });

  describe('candidates', () => {
    const tag = randomUUID().slice(0, 8);

    /** A professional inserted as signup and review leave one, whose latest consent is `consent`. */
    async function professional(o: {
      name: string;
      specialties?: string[];
      ministries?: string[];
      listed?: boolean;
      status?: 'verified' | 'pending_review';
      country?: string;
      languages?: string[];
      offers?: { kind: string; availability: string }[];
      credential?: 'verified' | 'pending';
      visibility?: Record<string, string>;
    }) {
      const now = new Date();
      const { id } = await env()
        .db.insertInto('professionals')
        .values({
          status: o.status ?? 'verified',
          profession: 'physician',
          given_name: o.name,
          family_name: `Candidate${tag}`,
          email: `needs-${o.name.toLowerCase()}-${tag}@example.com`,
          specialties: o.specialties ?? ['cardiology'],
          country: o.country ?? 'LB',
          city: 'Beirut',
          affiliations: '[]',
          credentials: JSON.stringify(
            o.credential
              ? [
                  {
                    kind: 'licence',
                    name: `Licence ${o.name}`,
                    issuer: 'Order of Physicians',
                    country: 'LB',
                    verification: o.credential,
                  },
                ]
              : [],
          ),
          languages: o.languages ?? ['ar'],
          chapters: ['ilma-usa'],
          offers: JSON.stringify(o.offers ?? [{ kind: 'telehealth', availability: 'Tuesday mornings' }]),
          visibility: JSON.stringify({ ...profileFieldDefaults, credentials: 'ministry', ...o.visibility }),
          email_verified_at: now,
          verified_at: o.status === 'pending_review' ? null : now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await env()
        .db.insertInto('consent_records')
        .values({
          professional_id: id,
          notice_version: '2026-07',
          notice_hash: 'a'.repeat(64),
          locale: 'en',
          source_site: `${ALLOWED_ORIGIN}/join`,
          permissions: JSON.stringify({
            ministries: o.ministries ?? ['moph-lebanon'],
            listed: o.listed ?? true,
            transferAbroad: true,
            newsletter: false,
          }),
          created_at: now,
        })
        .execute();
      return id;
    }

    async function allCandidates(needId: string, org = 'moph-lebanon') {
      const items = [];
      let cursor: string | undefined;
      do {
        const { data, response } = await ministry(org).GET('/v1/admin/needs/{id}/candidates', {
          params: { path: { id: needId }, query: { limit: 50, cursor } },
        });
        expect(response.status).toBe(200);
        expect(data!.items.length).toBeLessThanOrEqual(50);
        items.push(...data!.items);
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      return items;
    }

    it('only ever finds verified, listed professionals whose latest consent names the ministry', async () => {
      const offer = [{ kind: 'telehealth', availability: 'Any evening' }];
      const ids = {
        consented: await professional({ name: 'Consented', offers: offer }),
        iraqOnly: await professional({ name: 'IraqOnly', ministries: ['moh-iraq'], offers: offer }),
        nobody: await professional({ name: 'Nobody', ministries: [], offers: offer }),
        unlisted: await professional({ name: 'Unlisted', listed: false, offers: offer }),
        pending: await professional({ name: 'Pending', status: 'pending_review', offers: offer }),
        hiddenSpecialty: await professional({ name: 'Hidden', visibility: { specialties: 'private' }, offers: offer }),
        withdrawn: await professional({ name: 'Withdrawn', offers: offer }),
      };
      // a later consent that names no ministry withdraws the earlier one
      await env()
        .db.insertInto('consent_records')
        .values({
          professional_id: ids.withdrawn,
          notice_version: '2026-07',
          notice_hash: 'a'.repeat(64),
          locale: 'en',
          source_site: `${ALLOWED_ORIGIN}/join`,
          permissions: JSON.stringify({ ministries: [], listed: true, transferAbroad: true, newsletter: false }),
          created_at: new Date(Date.now() + 1000),
        })
        .execute();
      const made = await created(need({ subSpecialty: undefined, offerKinds: ['telehealth'] }));
      const found = await allCandidates(made.id);
      const foundIds = found.map((c) => c.professional.id);
      expect(new Set(foundIds).size).toBe(foundIds.length);
      expect(foundIds).toContain(ids.consented);
      for (const id of [ids.iraqOnly, ids.nobody, ids.unlisted, ids.pending, ids.hiddenSpecialty, ids.withdrawn]) {
        expect(foundIds).not.toContain(id);
      }
      // every candidate, seeded or made here, is in the ministry's consent
      const rows = await env()
        .db.selectFrom('professionals')
        .select(['id', 'status', 'listed', 'ministries'])
        .where('id', 'in', foundIds)
        .execute();
      expect(rows).toHaveLength(foundIds.length);
      for (const r of rows) {
        expect(r.status).toBe('verified');
        expect(r.listed).toBe(true);
        expect(r.ministries).toContain('moph-lebanon');
      }
      // the other ministry, for its own need, finds its own and never Lebanon's
      const iraqNeed = await ministry('moh-iraq').POST('/v1/admin/needs', {
        body: need({ subSpecialty: undefined, offerKinds: ['telehealth'], place: { country: 'IQ' } }),
      });
      const iraqFound = (await allCandidates(iraqNeed.data!.id, 'moh-iraq')).map((c) => c.professional.id);
      expect(iraqFound).toContain(ids.iraqOnly);
      expect(iraqFound).not.toContain(ids.consented);
      const iraqRows = await env()
        .db.selectFrom('professionals')
        .select('ministries')
        .where('id', 'in', iraqFound)
        .execute();
      for (const r of iraqRows) expect(r.ministries).toContain('moh-iraq');
    });

    it('ranks verified credentials first, then by score, and says why, with only what a ministry may see', async () => {
      const best = await professional({
        name: 'Best',
        specialties: ['interventional-cardiology', 'cardiology'],
        languages: ['ar', 'fr', 'en'],
        offers: [
          { kind: 'telehealth', availability: 'Tuesday mornings' },
          { kind: 'mentoring', availability: 'Two hours a month' },
        ],
        credential: 'verified',
      });
      const unverified = await professional({
        name: 'Unverified',
        specialties: ['interventional-cardiology', 'cardiology'],
        languages: ['ar', 'fr'],
        offers: [{ kind: 'telehealth', availability: 'Tuesday mornings' }],
        credential: 'pending',
      });
      const related = await professional({
        name: 'Related',
        specialties: ['internal-medicine'],
        country: 'US',
        languages: ['en'],
        offers: [{ kind: 'research', availability: 'Weekends' }],
        credential: 'verified',
      });
      const hiddenCredential = await professional({
        name: 'HiddenCredential',
        specialties: ['cardiology'],
        languages: ['ar'],
        credential: 'verified',
        visibility: { credentials: 'private', offers: 'private' },
      });
      const made = await created();
      const found = await allCandidates(made.id);
      const at = (id: string) => found.findIndex((c) => c.professional.id === id);
      const of = (id: string) => found[at(id)]!;
      for (const id of [best, unverified, related, hiddenCredential]) expect(at(id)).toBeGreaterThanOrEqual(0);

      expect(of(best).reasons).toEqual([
        { code: 'sub_specialty', value: 'interventional-cardiology' },
        { code: 'specialty', value: 'cardiology' },
        { code: 'offer_kind', value: 'telehealth' },
        { code: 'offer_kind', value: 'mentoring' },
        { code: 'availability', value: 'Tuesday mornings' },
        { code: 'language', value: 'ar' },
        { code: 'language', value: 'fr' },
        { code: 'time_zone', value: 'LB: 8 working hours shared with Asia/Beirut' },
        { code: 'verified_credential', value: 'Licence Best' },
      ]);
      expect(of(unverified).reasons.map((r) => r.code)).toEqual([
        'sub_specialty',
        'specialty',
        'offer_kind',
        'availability',
        'language',
        'language',
        'time_zone',
      ]);
      // the United States (median zone: Eastern) shares one working hour with Beirut: no time-zone reason
      expect(of(related).reasons).toEqual([
        { code: 'related_specialty', value: 'internal-medicine' },
        { code: 'verified_credential', value: 'Licence Related' },
      ]);
      // a credential and offers shown to nobody but reviewers neither show nor count
      expect(of(hiddenCredential).reasons).toEqual([
        { code: 'specialty', value: 'cardiology' },
        { code: 'language', value: 'ar' },
        { code: 'time_zone', value: 'LB: 8 working hours shared with Asia/Beirut' },
      ]);
      expect(of(hiddenCredential).professional).not.toHaveProperty('credentials');
      expect(of(hiddenCredential).professional).not.toHaveProperty('offers');

      for (const c of found) {
        expect(c.score).toBe(c.reasons.reduce((sum, r) => sum + WEIGHTS[r.code], 0));
        expect(c.professional).not.toHaveProperty('email');
      }
      expect(of(best).score).toBe(40 + 30 + 10 + 10 + 5 + 5 + 5 + 10 + 20);
      // verified credentials first: Related (35) ranks above Unverified (100)
      expect(at(best)).toBeLessThan(at(related));
      expect(at(related)).toBeLessThan(at(unverified));
      expect(at(unverified)).toBeLessThan(at(hiddenCredential));
      const verified = found.map((c) => c.reasons.some((r) => r.code === 'verified_credential'));
      expect(verified.indexOf(false) === -1 || !verified.slice(verified.indexOf(false)).includes(true)).toBe(true);
      for (let i = 1; i < found.length; i++) {
        if (verified[i] === verified[i - 1]) expect(found[i]!.score).toBeLessThanOrEqual(found[i - 1]!.score);
      }
    });

    it('follows a profile as it changes: a field hidden stops counting, a suspended profile leaves', async () => {
      const id = await professional({ name: 'Changing', languages: ['ar', 'fr'] });
      const made = await created(need({ subSpecialty: undefined, offerKinds: ['telehealth'] }));
      const find = async () => (await allCandidates(made.id)).find((c) => c.professional.id === id);
      expect((await find())?.reasons.filter((r) => r.code === 'language').map((r) => r.value)).toEqual(['ar', 'fr']);

      await env()
        .db.updateTable('professionals')
        .set({ visibility: sql`visibility || '{"languages": "private"}'::jsonb` })
        .where('id', '=', id)
        .execute();
      const hidden = await find();
      expect(hidden?.reasons.map((r) => r.code)).not.toContain('language');
      expect(hidden?.professional).not.toHaveProperty('languages');
      expect(hidden?.score).toBe(hidden?.reasons.reduce((sum, r) => sum + WEIGHTS[r.code], 0));

      await env().db.updateTable('professionals').set({ status: 'suspended' }).where('id', '=', id).execute();
      expect(await find()).toBeUndefined();
    });

    it('pages candidates at most 50 at a time and refuses a larger page', async () => {
      const made = await created(need({ subSpecialty: undefined, specialty: 'internal-medicine' }));
      const { data } = await ministry().GET('/v1/admin/needs/{id}/candidates', {
        params: { path: { id: made.id }, query: { limit: 2 } },
      });
      expect(data!.items.length).toBeLessThanOrEqual(2);
      const res = await raw('GET', `/v1/admin/needs/${made.id}/candidates?limit=51`);
      await expectProblem(res, 400, 'validation');
    });
  });
});

// A ministry's public needs board (issue 17, item 4): only open needs, only that ministry's,
// filtered by how, where and priority area, paged newest first, cacheable; bad filters answer
// problem+json. Each test places its needs in a country no other need uses, so it sees only its own.
import { randomUUID } from 'node:crypto';
import type { NeedInput } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const PROBLEM = 'https://mahjar.dev/problems/';

const need = (over: Partial<NeedInput> = {}): NeedInput => ({
  title: 'Tele-consultations for paediatric cardiology in Akkar',
  description: 'Two sessions a week with the paediatric team.',
  specialty: 'cardiology',
  offerKinds: ['telehealth', 'mentoring'],
  place: { country: 'LB', city: 'Halba' },
  remote: true,
  timeZone: 'Asia/Beirut',
  startsOn: '2026-11-01',
  languages: ['ar', 'en'],
  priorityArea: 'health-workforce',
  people: 2,
  state: 'open',
  ...over,
});

forEachApiEngine('public needs board', (env) => {
  const ministry = (org = 'moph-lebanon') => env().client({ key: 'secret', org });
  const board = (org = 'moph-lebanon') => env().client({ org });

  async function posted(over: Partial<NeedInput> = {}, org = 'moph-lebanon') {
    const { data, response } = await ministry(org).POST('/v1/admin/needs', { body: need(over) });
    expect(response.status).toBe(201);
    return data!;
  }
  async function moved(id: string, state: 'open' | 'filled' | 'closed', org = 'moph-lebanon') {
    const { response } = await ministry(org).POST('/v1/admin/needs/{id}/state', {
      params: { path: { id } },
      body: { state },
    });
    expect(response.status).toBe(200);
  }
  /** Every page of the board for these filters, following the cursors. */
  async function all(query: Record<string, unknown>, org = 'moph-lebanon', limit = 100) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await board(org).GET('/v1/needs', {
        params: { query: { ...query, limit, cursor } as never },
      });
      expect(response.status).toBe(200);
      expect(data!.items.length).toBeLessThanOrEqual(limit);
      ids.push(...data!.items.map((n) => n.id));
      cursor = data!.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }
  const get = (path: string, headers: Record<string, string> = {}) =>
    env().fetch(path, {
      headers: {
        'Mahjar-Publishable-Key': env().server.demoKeys['moph-lebanon']!.publishable,
        Origin: ALLOWED_ORIGIN,
        ...headers,
      },
    });
  async function expectProblem(response: Response, status: number, type: string, pointer?: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; errors?: { pointer: string }[] };
    expect(problem.type).toBe(`${PROBLEM}${type}`);
    // (an array's bad item is pointed at by its index: `/query/country/0`)
    if (pointer) expect(problem.errors?.some((e) => e.pointer.startsWith(pointer))).toBe(true);
  }

  describe('what the board shows', () => {
    it('lists only the open needs of the ministry, without their history', async () => {
      const open = await posted({ place: { country: 'CY', city: 'Nicosia' } });
      const draft = await posted({ place: { country: 'CY' }, state: 'draft' });
      const closed = await posted({ place: { country: 'CY' } });
      await moved(closed.id, 'closed');
      const filled = await posted({ place: { country: 'CY' } });
      await moved(filled.id, 'filled');
      const iraq = await posted({ place: { country: 'CY' }, timeZone: 'Asia/Baghdad' }, 'moh-iraq');

      const { data } = await board().GET('/v1/needs', {
        params: { query: { organisation: 'moph-lebanon', country: ['CY'] } },
      });
      expect(data!.items.map((n) => n.id)).toEqual([open.id]);
      const { id, organisationSlug, state: _state, history: _history, createdAt, updatedAt: _u, ...fields } = open;
      expect(data!.items[0]).toEqual({ ...fields, id, organisationSlug, openedAt: createdAt });
      expect(data!.items[0]).not.toHaveProperty('history');
      expect(data!.items[0]).not.toHaveProperty('state');
      expect(data!.nextCursor).toBeNull();
      // the other ministry's open need is on its own board only
      expect(await all({ organisation: 'moh-iraq', country: ['CY'] })).toEqual([iraq.id]);
      expect([draft.id, closed.id, filled.id].some((x) => data!.items.some((n) => n.id === x))).toBe(false);
    });

    it('reads one open need by id, whichever ministry posted it; any other answers 404', async () => {
      const open = await posted({ place: { country: 'MT' } }, 'moh-iraq');
      const draft = await posted({ place: { country: 'MT' }, state: 'draft' });
      const closed = await posted({ place: { country: 'MT' } });
      await moved(closed.id, 'closed');
      const filled = await posted({ place: { country: 'MT' } });
      await moved(filled.id, 'filled');
      const { data, response } = await board().GET('/v1/needs/{id}', { params: { path: { id: open.id } } });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ id: open.id, organisationSlug: 'moh-iraq', title: open.title });
      expect(data).not.toHaveProperty('history');
      for (const id of [draft.id, closed.id, filled.id, randomUUID()])
        await expectProblem(await get(`/v1/needs/${id}`), 404, 'not-found');
      await expectProblem(await get('/v1/needs/not-a-need'), 400, 'validation', '/path/id');
    });

    it('shows a draft once it is opened, and drops an open need once it is closed', async () => {
      const draft = await posted({ place: { country: 'IS' }, state: 'draft' });
      expect(await all({ country: ['IS'] })).toEqual([]);
      await moved(draft.id, 'open');
      expect(await all({ country: ['IS'] })).toEqual([draft.id]);
      await moved(draft.id, 'closed');
      expect(await all({ country: ['IS'] })).toEqual([]);
    });

    it('defaults to the key’s own organisation; a chapter has no needs; an unknown one is 404', async () => {
      const open = await posted({ place: { country: 'LU' } });
      expect(await all({ country: ['LU'] })).toEqual([open.id]);
      const chapter = await board('ilma-usa').GET('/v1/needs', { params: { query: {} } });
      expect(chapter.data).toEqual({ items: [], nextCursor: null });
      // a chapter's page may show the ministry's board by naming it
      expect(await all({ organisation: 'moph-lebanon', country: ['LU'] }, 'ilma-usa')).toEqual([open.id]);
      await expectProblem(await get('/v1/needs?organisation=no-such-ministry'), 404, 'not-found');
    });
  });

  describe('filters and pages', () => {
    it('filters by how, where, remote and priority area (AND across, OR within)', async () => {
      const tele = await posted({ place: { country: 'EE' }, offerKinds: ['telehealth'] });
      const teach = await posted({
        place: { country: 'EE' },
        offerKinds: ['teaching', 'research'],
        priorityArea: 'mental-health',
      });
      const onSite = await posted({
        place: { country: 'LV' },
        offerKinds: ['return_placement'],
        remote: false,
        priorityArea: 'emergency-preparedness',
      });
      const sorted = (ids: string[]) => [...ids].sort();
      const where = { country: ['EE', 'LV'] };
      expect(sorted(await all(where))).toEqual(sorted([tele.id, teach.id, onSite.id]));
      expect(await all({ ...where, offerKind: ['telehealth'] })).toEqual([tele.id]);
      expect(sorted(await all({ ...where, offerKind: ['research', 'return_placement'] }))).toEqual(
        sorted([teach.id, onSite.id]),
      );
      expect(await all({ country: ['LV'] })).toEqual([onSite.id]);
      expect(sorted(await all({ ...where, remote: true }))).toEqual(sorted([tele.id, teach.id]));
      expect(await all({ ...where, remote: false })).toEqual([onSite.id]);
      expect(await all({ ...where, priorityArea: ['mental-health'] })).toEqual([teach.id]);
      expect(await all({ ...where, priorityArea: ['mental-health'], offerKind: ['telehealth'] })).toEqual([]);
    });

    it('pages newest opened first, each need once', async () => {
      const first = await posted({ place: { country: 'SI' } });
      const second = await posted({ place: { country: 'SI' } });
      const draft = await posted({ place: { country: 'SI' }, state: 'draft' });
      const third = await posted({ place: { country: 'SI' } });
      await moved(draft.id, 'open'); // opened last: first on the board, though created before `third`
      const ids = await all({ country: ['SI'] }, 'moph-lebanon', 2);
      expect(ids).toEqual([draft.id, third.id, second.id, first.id]);
      const { data } = await board().GET('/v1/needs/{id}', { params: { path: { id: draft.id } } });
      expect(Date.parse(data!.openedAt)).toBeGreaterThan(Date.parse(draft.createdAt));
    });

    it('answers bad filters with problem+json and its pointer', async () => {
      const cases: [string, string][] = [
        ['offerKind=surgery', '/query/offerKind'],
        ['country=lebanon', '/query/country'],
        ['remote=sometimes', '/query/remote'],
        ['priorityArea=Not%20A%20Code', '/query/priorityArea'],
        ['organisation=Not_A_Slug', '/query/organisation'],
        ['limit=0', '/query/limit'],
        ['cursor=bm90LWEtY3Vyc29y', '/query/cursor'],
      ];
      for (const [query, pointer] of cases)
        await expectProblem(await get(`/v1/needs?${query}`), 400, 'validation', pointer);
    });

    it('is a public, cacheable read: ETag and 304', async () => {
      await posted({ place: { country: 'HR' } });
      const res = await get('/v1/needs?country=HR');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/^public/);
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await get('/v1/needs?country=HR', { 'If-None-Match': etag! });
      expect(again.status).toBe(304);
      await posted({ place: { country: 'HR' } });
      const changed = await get('/v1/needs?country=HR', { 'If-None-Match': etag! });
      expect(changed.status).toBe(200);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { NewProfessional } from '../../src/db/schema.js';
import {
  FACETS,
  type FacetName,
  InvalidCursorError,
  publicView,
  type SearchParams,
  type SearchResult,
  searchProfessionals,
} from '../../src/db/search.js';
import { seed } from '../../src/seed/seed.js';
import { forEachEngine } from './engines.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const ALL_PUBLIC = {
  title: 'public',
  profession: 'public',
  givenName: 'public',
  familyName: 'public',
  givenNameAr: 'public',
  familyNameAr: 'public',
  specialties: 'public',
  country: 'public',
  city: 'public',
  affiliations: 'public',
  languages: 'public',
  offers: 'public',
  chapters: 'public',
} as const;

/** Hand-made professionals whose expected search behaviour is known exactly. */
const FIXTURES = {
  haddad: {
    given_name: 'Nadia',
    family_name: 'Haddad',
    given_name_ar: 'نادية',
    family_name_ar: 'حَدّاد', // with shadda and fatha: folded away by normalisation
    specialties: ['paediatric-cardiology'],
    country: 'CA',
    city: 'Montréal',
  },
  cafe: { given_name: 'Hélène', family_name: 'Café', specialties: ['dermatology'], country: 'FR', city: 'Lyon' },
  ahmad: {
    given_name: 'Ahmad',
    family_name: 'Qutrubbul',
    given_name_ar: 'أحمد',
    family_name_ar: 'قطربل',
    country: 'IQ',
    city: 'Erbil',
  },
  privateCity: {
    given_name: 'Omid',
    family_name: 'Privatecity',
    country: 'SE',
    city: 'Zzyzxville',
    visibility: { ...ALL_PUBLIC, city: 'private' },
  },
  publicCity: { given_name: 'Pia', family_name: 'Publiccity', country: 'SE', city: 'Qwertyburg' },
  pending: { given_name: 'Xanthippe', family_name: 'Pendingova', status: 'pending_review' },
  suspended: { given_name: 'Yorick', family_name: 'Suspendedsson', status: 'suspended' },
} as const satisfies Record<string, Partial<NewProfessional> & { visibility?: object }>;

type FixtureName = keyof typeof FIXTURES;

forEachEngine('directory search', (engine) => {
  let database: Database;
  const ids = {} as Record<FixtureName, string>;
  const search = (p: Partial<SearchParams>) =>
    searchProfessionals(database.db, { sort: 'relevance', limit: 50, facetLimit: 500, ...p });
  const found = async (p: Partial<SearchParams>, who: FixtureName) => {
    const r = await search({ ...p, limit: 100 });
    return r.rows.some((row) => row.id === ids[who]);
  };

  beforeAll(async () => {
    database = await engine.open();
    await migrateToLatest(database.db);
    await seed(database.db, { professionals: 400, now: new Date('2026-11-24T12:00:00Z') });
    for (const [name, f] of Object.entries(FIXTURES) as [FixtureName, (typeof FIXTURES)[FixtureName]][]) {
      const id = randomUUID();
      ids[name] = id;
      await database.db
        .insertInto('professionals')
        .values({
          id,
          status: 'verified',
          profession: 'physician',
          email: `${name}@fixtures.example.com`,
          country: 'FR',
          city: 'Paris',
          languages: ['fr', 'en'],
          chapters: ['ilma-france'],
          affiliations: JSON.stringify([{ institution: 'Fixture Institute' }]),
          offers: JSON.stringify([{ kind: 'mentoring', availability: 'Evenings' }]),
          visibility: JSON.stringify(ALL_PUBLIC),
          ...f,
          ...('visibility' in f ? { visibility: JSON.stringify(f.visibility) } : {}),
        })
        .execute();
    }
  });
  afterAll(() => database?.close());

  it.each([
    // query, who, should be found
    ['Haddad', 'haddad', true],
    ['haddad', 'haddad', true],
    ['حداد', 'haddad', true],
    ['حَدَّاد', 'haddad', true],
    ['hadad', 'haddad', true], // typo: trigram similarity
    ['Nadia Haddad', 'haddad', true],
    ['نادية حداد', 'haddad', true],
    ['Cafe', 'cafe', true],
    ['CAFÉ', 'cafe', true],
    ['helene', 'cafe', true],
    ['احمد', 'ahmad', true], // أ folded to ا
    ['أحمد', 'ahmad', true],
    ['أَحْمَد', 'ahmad', true],
    ['card', 'haddad', true], // prefix of "cardiology" in the specialty name
    ['cardio', 'haddad', true],
    ['قلب', 'haddad', true], // Arabic specialty name
    ['cardiologie', 'haddad', true], // French specialty name
    ['montreal', 'haddad', true], // public city, accent-insensitive
    ['Fixture Institute', 'cafe', true], // institution
    ['Qwertyburg', 'publicCity', true],
    ['Zzyzxville', 'privateCity', false], // private city is not indexed
    ['Pendingova', 'pending', false], // never shown before verification
    ['Suspendedsson', 'suspended', false],
  ] as const)('q=%s finds %s: %s', async (q, who, expected) => {
    expect(await found({ q }, who)).toBe(expected);
  });

  it('Haddad and حداد both rank the fixture among the name matches', async () => {
    const latin = await search({ q: 'Haddad', limit: 100 });
    const arabic = await search({ q: 'حداد', limit: 100 });
    expect(latin.rows.map((r) => r.id)).toContain(ids.haddad);
    expect(arabic.rows.map((r) => r.id)).toContain(ids.haddad);
    expect(latin.rows.every((r) => r.familyName === 'Haddad' || r.givenName.includes('Haddad'))).toBe(true);
  });

  it('a private city is neither filterable nor a facet value', async () => {
    const byCity = await search({ city: 'Zzyzxville' });
    expect(byCity.total).toBe(0);
    const all = await search({ country: ['SE'] });
    expect(all.facets.city.map((c) => c.value)).not.toContain('Zzyzxville');
    expect(all.facets.city.map((c) => c.value)).toContain('Qwertyburg');
    expect(all.rows.map((r) => r.id)).toContain(ids.privateCity); // still listed, by its public fields
    const hit = all.rows.find((r) => r.id === ids.privateCity);
    expect(hit && publicView(hit).city).toBeUndefined();
    expect((await search({ city: 'qwertyburg' })).rows.map((r) => r.id)).toEqual([ids.publicCity]);
  });

  it('pending and suspended professionals never appear, whatever the filters', async () => {
    for (const sort of ['name', 'recent'] as const) {
      const seen = await collect({ sort, limit: 100 });
      expect(seen).not.toContain(ids.pending);
      expect(seen).not.toContain(ids.suspended);
      const verified = await database.db
        .selectFrom('professionals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'verified')
        .executeTakeFirstOrThrow();
      expect(seen.length).toBe(Number(verified.n));
    }
  });

  it('follows status and visibility changes through the triggers', async () => {
    const { db } = database;
    await db.updateTable('professionals').set({ status: 'suspended' }).where('id', '=', ids.publicCity).execute();
    expect(await found({ q: 'Qwertyburg' }, 'publicCity')).toBe(false);
    await db.updateTable('professionals').set({ status: 'verified' }).where('id', '=', ids.publicCity).execute();
    expect(await found({ q: 'Qwertyburg' }, 'publicCity')).toBe(true);
    await db
      .updateTable('professionals')
      .set({ visibility: JSON.stringify({ ...ALL_PUBLIC, city: 'members' }) })
      .where('id', '=', ids.publicCity)
      .execute();
    expect(await found({ q: 'Qwertyburg' }, 'publicCity')).toBe(false);
    await db
      .updateTable('professionals')
      .set({ visibility: JSON.stringify(ALL_PUBLIC) })
      .where('id', '=', ids.publicCity)
      .execute();
    // renaming a specialty re-indexes the professionals who have it
    await db
      .updateTable('specialties')
      .set({ name: JSON.stringify({ en: 'Dermatology', ar: 'الأمراض الجلدية', fr: 'Dermatologie et vénérologie' }) })
      .where('code', '=', 'dermatology')
      .execute();
    expect(await found({ q: 'venerologie' }, 'cafe')).toBe(true);
  });

  // Facet counts checked against a brute force over plain SQL rows, filtered and counted in JS.
  const combos: Partial<SearchParams>[] = [
    {},
    { specialty: ['cardiology', 'paediatric-cardiology'] },
    { country: ['US', 'CA'], language: ['fr'] },
    { specialty: ['paediatrics'], country: ['FR', 'CA', 'US'], offer: ['mentoring', 'teaching'] },
    { chapter: ['ilma-france', 'imsa-iraq'], language: ['ar'], offer: ['telehealth'] },
    { city: 'Montréal', specialty: ['paediatric-cardiology'] },
    { q: 'haddad', country: ['CA', 'US'] },
    { q: 'card', language: ['en'], chapter: ['ilma-usa', 'ilma-canada', 'ilma-france'] },
  ];

  it.each(combos)('disjunctive facet counts and total match a brute force: %j', async (params) => {
    const result = await search({ ...params, limit: 5 });
    const expected = await bruteForce(
      database,
      params,
      params.q ? await collect({ q: params.q, limit: 100 }) : undefined,
    );
    expect(result.total).toBe(expected.total);
    expect(result.facetsExact).toBe(true);
    for (const f of FACETS) expect(sortCounts(result.facets[f]), f).toEqual(sortCounts(expected.facets[f]));
  });

  it.each([
    { sort: 'name', country: ['FR', 'BE', 'CH'] },
    { sort: 'name', locale: 'ar', country: ['FR', 'BE', 'CH'] },
    { sort: 'recent', specialty: ['cardiology', 'paediatrics', 'psychiatry'] },
    { sort: 'relevance', q: 'haddad' },
    { sort: 'relevance', q: 'card', language: ['fr'] },
    { sort: 'name', q: 'kh', language: ['fr'] },
  ] as Partial<SearchParams>[])('cursor pages concatenate to the full ordered result: %j', async (params) => {
    const full = await search({ ...params, limit: 100 });
    expect(full.total).toBeLessThanOrEqual(100);
    expect(full.nextCursor).toBeNull();
    const pages: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const page: SearchResult = await search({ ...params, limit: 7, cursor });
      expect(page.total).toBe(full.total);
      pages.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      n++;
    } while (cursor && n < 100);
    expect(pages).toEqual(full.rows.map((r) => r.id));
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages.length).toBe(full.total);
  });

  it.each([
    { q: 'card', sort: 'relevance' },
    { q: 'card', language: ['fr'], sort: 'name' },
    { country: ['FR', 'CA', 'US'], sort: 'recent' },
  ] as Partial<SearchParams>[])(
    'a broad query bounds the facet candidates but keeps total and pages exact: %j',
    async (params) => {
      const exact = await search({ ...params, limit: 100 });
      const bounded = await search({ ...params, limit: 100, candidateLimit: 10 });
      expect(exact.facetsExact).toBe(true);
      expect(bounded.facetsExact).toBe(false);
      expect(bounded.total).toBe(exact.total);
      // estimates: the same values, counts scaled to the exact total
      for (const f of FACETS) {
        for (const { value } of bounded.facets[f]) expect(exact.facets[f].map((x) => x.value)).toContain(value);
      }
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page: SearchResult = await search({ ...params, limit: 9, candidateLimit: 10, cursor });
        pages.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.length).toBe(exact.total);
      if (exact.total <= 100) expect(pages).toEqual(exact.rows.map((r) => r.id));
    },
  );

  it('orders by family then given name for the name sort', async () => {
    const r = await search({ sort: 'name', country: ['FR', 'BE', 'CH'], limit: 100 });
    const pub = (x: (typeof r.rows)[number], f: 'familyName' | 'givenName') =>
      x.visibility[f] === 'public' ? x[f] : '';
    const keys = r.rows.map((x) =>
      [pub(x, 'familyName'), pub(x, 'givenName')]
        .filter(Boolean)
        .join(' ')
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase(),
    );
    // Profiles whose name is not public at all come last, not first.
    const named = keys.filter(Boolean);
    expect(keys).toEqual([...[...named].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), ...keys.filter((k) => !k)]);
  });

  it('pages through unnamed profiles after the named ones without losing any', async () => {
    const rows: SearchResult['rows'] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page: SearchResult = await search({ sort: 'name', limit: 13, cursor });
      rows.push(...page.rows);
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    const blank = rows.map((x) => x.visibility.familyName !== 'public' && x.visibility.givenName !== 'public');
    const firstBlank = blank.indexOf(true);
    expect(firstBlank, 'the seed has profiles with a private name').toBeGreaterThan(0);
    expect(blank.slice(firstBlank).every(Boolean), 'unnamed profiles form the tail').toBe(true);
  });

  it('rejects a cursor from another sort or a forged one', async () => {
    const first = await search({ sort: 'name', limit: 2 });
    expect(first.nextCursor).toBeTruthy();
    await expect(search({ sort: 'recent', cursor: first.nextCursor ?? '' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(search({ sort: 'name', cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('treats blank or punctuation-only text as no text', async () => {
    const none = await search({ sort: 'name' });
    expect((await search({ q: '   ', sort: 'name' })).total).toBe(none.total);
    expect((await search({ q: "'&|!:*()", sort: 'name' })).total).toBe(none.total);
  });

  /** Every id of a search, walking the cursor. */
  async function collect(p: Partial<SearchParams>): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await search({ ...p, cursor });
      out.push(...r.rows.map((x) => x.id));
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
});

const sortCounts = (c: { value: string; count: number }[]) =>
  [...c].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

interface PublicRow {
  id: string;
  specialty: string[];
  country: string[];
  city: string[];
  language: string[];
  offer: string[];
  chapter: string[];
}

/** Independent reference: verified professionals' public values, filtered and counted in JS. */
async function bruteForce(database: Database, p: Partial<SearchParams>, onlyIds?: string[]) {
  const r = await sql<{
    id: string;
    specialties: string[] | null;
    country: string | null;
    city: string | null;
    languages: string[] | null;
    offers: string[] | null;
    chapters: string[] | null;
  }>`
    SELECT id,
      CASE WHEN visibility ->> 'specialties' = 'public' THEN specialties END AS specialties,
      CASE WHEN visibility ->> 'country' = 'public' THEN country END AS country,
      CASE WHEN visibility ->> 'city' = 'public' THEN city END AS city,
      CASE WHEN visibility ->> 'languages' = 'public' THEN languages END AS languages,
      CASE WHEN visibility ->> 'offers' = 'public'
        THEN ARRAY(SELECT DISTINCT o ->> 'kind' FROM jsonb_array_elements(offers) o) END AS offers,
      CASE WHEN visibility ->> 'chapters' = 'public' THEN chapters END AS chapters
    FROM professionals WHERE status = 'verified'`.execute(database.db);
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const rows: PublicRow[] = r.rows
    .filter((x) => !onlyIds || onlyIds.includes(x.id))
    .map((x) => ({
      id: x.id,
      specialty: x.specialties ?? [],
      country: x.country ? [x.country] : [],
      city: x.city ? [x.city] : [],
      language: x.languages ?? [],
      offer: x.offers ?? [],
      chapter: x.chapters ?? [],
    }));
  const wanted: Partial<Record<FacetName, (row: PublicRow) => boolean>> = {};
  const any = (f: FacetName, values: string[] | undefined) => {
    if (values?.length) wanted[f] = (row) => row[f].some((v) => values.includes(v));
  };
  any('specialty', p.specialty);
  any('country', p.country);
  any('language', p.language);
  any('offer', p.offer);
  any('chapter', p.chapter);
  if (p.city) {
    const city = fold(p.city);
    wanted.city = (row) => row.city.some((c) => fold(c) === city);
  }
  const passes = (row: PublicRow, except?: FacetName) =>
    Object.entries(wanted).every(([f, test]) => f === except || (test as (r: PublicRow) => boolean)(row));
  const facets = {} as Record<FacetName, { value: string; count: number }[]>;
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const row of rows)
      if (passes(row, f)) for (const v of new Set(row[f])) counts.set(v, (counts.get(v) ?? 0) + 1);
    facets[f] = [...counts].map(([value, count]) => ({ value, count }));
  }
  return { total: rows.filter((row) => passes(row)).length, facets };
}

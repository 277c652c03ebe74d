import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { NewProfessional } from '../../src/db/schema.js';
import {
  FACETS,
  type FacetName,
  InvalidCursorError,
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

/** The in-process index, and the SQL statement it replaced (still the fallback while it loads). */
const MODES = ['index', 'sql'] as const;
type Mode = (typeof MODES)[number];

forEachEngine('directory search', (engine) => {
  let database: Database;
  const ids = {} as Record<FixtureName, string>;
  /** Which engine answers (both must behave as these tests say): set by each block's beforeAll. */
  let mode: Mode = 'index';
  const search = (p: Partial<SearchParams>) =>
    searchProfessionals(database.db, { sort: 'relevance', limit: 50, facetLimit: 500, ...p }, { engine: mode });
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

  for (const blockMode of MODES) {
    describe(blockMode, () => {
      beforeAll(() => {
        mode = blockMode;
      });

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
        expect(latin.rows.every((r) => r.familyName === 'Haddad' || (r.givenName ?? '').includes('Haddad'))).toBe(true);
      });

      it('a private city is neither filterable nor a facet value', async () => {
        const byCity = await search({ city: 'Zzyzxville' });
        expect(byCity.total).toBe(0);
        const all = await search({ country: ['SE'] });
        expect(all.facets.city.map((c) => c.value)).not.toContain('Zzyzxville');
        expect(all.facets.city.map((c) => c.value)).toContain('Qwertyburg');
        expect(all.rows.map((r) => r.id)).toContain(ids.privateCity); // still listed, by its public fields
        const hit = all.rows.find((r) => r.id === ids.privateCity);
        expect(hit?.city).toBeUndefined(); // a card holds public fields only
        expect((await search({ city: 'qwertyburg' })).rows.map((r) => r.id)).toEqual([ids.publicCity]);
      });

      it('a ministry’s scope: total, facets and pages count only the professionals who named it', async () => {
        for (const ministry of ['moph-lebanon', 'moh-iraq']) {
          const named = await database.db
            .selectFrom('professionals')
            .select('id')
            .where('status', '=', 'verified')
            .where('listed', '=', true)
            .where(sql<boolean>`ministries @> ARRAY[${ministry}]::text[]`)
            .execute();
          const expected = named.map((r) => r.id).sort();
          expect(expected.length).toBeGreaterThan(0);
          const seen = await collect({ sort: 'name', limit: 100, ministry });
          expect([...seen].sort()).toEqual(expected);
          const first = await search({ ministry, facetLimit: 500 });
          expect(first.total).toBe(expected.length);
          // facets count within the scope: one country per card at most
          expect(first.facets.country.reduce((n, c) => n + c.count, 0)).toBeLessThanOrEqual(expected.length);
          // with text and a filter too, nothing outside the scope
          const narrowed = await search({ ministry, q: 'card', country: ['US', 'GB', 'FR', 'CA'], limit: 100 });
          expect(narrowed.rows.every((r) => expected.includes(r.id))).toBe(true);
        }
        // the seed's IMSA members share with Iraq's ministry, never Lebanon's
        const lebanon = await collect({ sort: 'name', limit: 100, ministry: 'moph-lebanon' });
        const imsa = await database.db
          .selectFrom('professionals')
          .select('id')
          .where(sql<boolean>`chapters @> ARRAY['imsa-iraq']::text[]`)
          .execute();
        expect(lebanon.filter((id) => imsa.some((r) => r.id === id))).toEqual([]);
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
          .set({
            name: JSON.stringify({ en: 'Dermatology', ar: 'الأمراض الجلدية', fr: 'Dermatologie et vénérologie' }),
          })
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

      // the statement samples broad queries; the index always counts exactly (tested below), so
      // this case exists for the statement only (defined, not skipped, for the index)
      if (blockMode === 'sql')
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
        const pub = (x: (typeof r.rows)[number], f: 'familyName' | 'givenName') => x[f] ?? ''; // public only
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
        const blank = rows.map((x) => x.familyName === undefined && x.givenName === undefined);
        const firstBlank = blank.indexOf(true);
        expect(firstBlank, 'the seed has profiles with a private name').toBeGreaterThan(0);
        expect(blank.slice(firstBlank).every(Boolean), 'unnamed profiles form the tail').toBe(true);
      });

      it('rejects a cursor from another sort or a forged one', async () => {
        const first = await search({ sort: 'name', limit: 2 });
        expect(first.nextCursor).toBeTruthy();
        await expect(search({ sort: 'recent', cursor: first.nextCursor ?? '' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(search({ sort: 'name', cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('treats blank or punctuation-only text as no text', async () => {
        const none = await search({ sort: 'name' });
        expect((await search({ q: '   ', sort: 'name' })).total).toBe(none.total);
        expect((await search({ q: "'&|!:*()", sort: 'name' })).total).toBe(none.total);
      });
    });
  }

  // The contract's bound on facet counts: exact from the index (facetsExact true, error 0); from
  // the statement's sample, estimates between 1 and the exact total. Checked against a brute force.
  it.each([
    { q: 'card' },
    { q: 'a' },
    { q: 'card', language: ['fr'], sort: 'name' },
    { country: ['FR', 'CA', 'US'], sort: 'recent' },
    { sort: 'name' },
    { offer: ['mentoring'], language: ['ar', 'fr'] },
  ] as Partial<SearchParams>[])(
    'facet counts are exact from the index and bounded when sampled: %j',
    async (params) => {
      mode = 'index';
      const exactIds = params.q ? await collect({ q: params.q, limit: 100 }) : undefined;
      const expected = await bruteForce(database, params, exactIds);
      const fromIndex = await search({ ...params, limit: 10 });
      expect(fromIndex.facetsExact).toBe(true);
      expect(fromIndex.total).toBe(expected.total);
      for (const f of FACETS) expect(sortCounts(fromIndex.facets[f]), f).toEqual(sortCounts(expected.facets[f]));

      mode = 'sql';
      const sampled = await search({ ...params, limit: 10, candidateLimit: 10 });
      expect(sampled.total).toBe(expected.total);
      for (const f of FACETS) {
        for (const { value, count } of sampled.facets[f]) {
          expect(
            expected.facets[f].map((x) => x.value),
            f,
          ).toContain(value);
          expect(count, `${f}=${value}`).toBeGreaterThanOrEqual(1);
          // a facet that is also a filter counts the matches of the other filters (disjunctive)
          if (!params[f as keyof SearchParams]) expect(count, `${f}=${value}`).toBeLessThanOrEqual(sampled.total);
        }
      }
      mode = 'index';
    },
  );

  it.each([
    ['recent', { s: 'recent', k: 'not a timestamp', id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34' }],
    ['recent', { s: 'recent', k: '2026-13-45T99:00:00Z', id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34' }],
    ['recent', { s: 'recent', k: 12, id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34' }],
    ['relevance', { s: 'relevance', k: 'x', id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34', e: 'i' }],
    ['name', { s: 'name', k: 'a'.repeat(5000), id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34' }],
    ['name', { s: 'name', k: 'a', id: "x' OR 1=1 --" }],
    ['name', { s: 'name', k: 'a', id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34', e: 'x' }],
  ] as const)('a crafted %s cursor is refused before any query: %j', async (sort, cursor) => {
    const raw = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    for (const engine of MODES) {
      mode = engine;
      await expect(search({ sort, q: 'card', cursor: raw })).rejects.toBeInstanceOf(InvalidCursorError);
    }
    mode = 'index';
  });

  it('a search through another handle on the same database sees every write at once', async () => {
    mode = 'index';
    // another server instance: its own connection pool (PostgreSQL) or Kysely instance, its own index
    const other =
      engine.name === 'postgres'
        ? await openDatabase({ url: await databaseUrl(database), poolSize: 2 })
        : { db: database.db.withoutPlugins(), close: async () => {} };
    try {
      const elsewhere = (p: Partial<SearchParams>) =>
        searchProfessionals(other.db, { sort: 'relevance', limit: 100, facetLimit: 500, ...p });
      const before = await elsewhere({ q: 'Qutrubbul' });
      expect(before.rows.map((r) => r.id)).toEqual([ids.ahmad]);
      const iraq = (await elsewhere({ country: ['IQ'] })).facets.country.find((c) => c.value === 'IQ')?.count ?? 0;

      // written through the first handle, searched through the other
      await database.db.updateTable('professionals').set({ status: 'suspended' }).where('id', '=', ids.ahmad).execute();
      expect((await elsewhere({ q: 'Qutrubbul' })).total).toBe(0);
      expect((await elsewhere({ country: ['IQ'] })).facets.country.find((c) => c.value === 'IQ')?.count ?? 0).toBe(
        iraq - 1,
      );
      await database.db
        .updateTable('professionals')
        .set({ status: 'verified', family_name: 'Qutrubbulzade' })
        .where('id', '=', ids.ahmad)
        .execute();
      const renamed = await elsewhere({ q: 'Qutrubbulzade' });
      expect(renamed.rows.map((r) => [r.id, r.familyName])).toEqual([[ids.ahmad, 'Qutrubbulzade']]);
      expect((await elsewhere({ q: 'Qutrubbul' })).rows.map((r) => r.id)).toEqual([ids.ahmad]); // a prefix still
      const id = randomUUID();
      await database.db
        .insertInto('professionals')
        .values({
          id,
          status: 'verified',
          profession: 'physician',
          email: 'newcomer@fixtures.example.com',
          given_name: 'Zubayda',
          family_name: 'Newcomerova',
          country: 'IQ',
          city: 'Basra',
          languages: ['ar'],
          chapters: ['imsa-iraq'],
          visibility: JSON.stringify(ALL_PUBLIC),
        })
        .execute();
      expect((await elsewhere({ q: 'newcomerova' })).rows.map((r) => r.id)).toEqual([id]);
      await database.db.deleteFrom('professionals').where('id', '=', id).execute();
      expect((await elsewhere({ q: 'newcomerova' })).total).toBe(0);
      await database.db
        .updateTable('professionals')
        .set({ family_name: 'Qutrubbul' })
        .where('id', '=', ids.ahmad)
        .execute();
    } finally {
      await other.close();
    }
  });

  it('cards hold public fields only, full offers included, with labels for every code shown', async () => {
    mode = 'index';
    const r = await search({ q: 'Privatecity', limit: 5 });
    const card = r.rows.find((x) => x.id === ids.privateCity);
    expect(card).toBeDefined();
    expect(card?.city).toBeUndefined();
    expect(card?.offers).toEqual([{ kind: 'mentoring', availability: 'Evenings' }]);
    expect(Object.keys(card ?? {})).not.toContain('visibility');
    expect(Object.keys(card ?? {})).not.toContain('email');
    const all = await search({ limit: 20 });
    for (const f of ['specialty', 'offer', 'chapter'] as const) {
      for (const { value } of all.facets[f]) expect(all.labels[f][value], `${f}:${value}`).toBeDefined();
    }
    for (const c of all.rows) for (const s of c.specialties ?? []) expect(all.labels.specialty[s]).toBeDefined();
    expect(all.labels.offer.mentoring?.en).toBe('Mentoring');
    // countries and languages are named by CLDR, in each language the API speaks
    for (const f of ['country', 'language'] as const) {
      for (const { value } of all.facets[f]) expect(all.labels[f][value], `${f}:${value}`).toBeDefined();
    }
    for (const c of all.rows) {
      if (c.country) expect(all.labels.country[c.country], c.country).toBeDefined();
      for (const l of c.languages ?? []) expect(all.labels.language[l], l).toBeDefined();
    }
    const cldr = (type: 'region' | 'language', code: string) =>
      Object.fromEntries(['en', 'ar', 'fr'].map((l) => [l, new Intl.DisplayNames(l, { type }).of(code)]));
    expect(all.labels.language.ar).toEqual(cldr('language', 'ar'));
    expect(all.labels.language.ar?.en).toBe('Arabic');
    // a filter's own codes are named even when nothing matches them; codes CLDR lacks are left out
    const none = await search({ country: ['IS', 'QQ'], language: ['is', 'qq'], limit: 5 });
    expect(none.total).toBe(0);
    expect(none.labels.country).toEqual({ IS: cldr('region', 'IS') });
    expect(none.labels.country.IS?.en).toBe('Iceland');
    expect(none.labels.language).toEqual({ is: cldr('language', 'is') });
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

/** The connection string of a PostgreSQL test database (the maintenance URL, another database). */
async function databaseUrl(database: Database): Promise<string> {
  const r = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const url = new URL(process.env.MAHJAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${r.rows[0]?.name}`;
  return url.toString();
}

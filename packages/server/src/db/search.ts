import type { components } from '@mahjar/sdk';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { cldrNames } from '../cldr-names.js';
import { OFFER_KINDS } from '../offer-kinds.js';
import { expandSpecialties, subSpecialtiesOf } from './directory-index.js';
import { PREPARED } from './engine-settings.js';
import type { DB } from './schema.js';
import { searchIndex } from './search-index.js';

/**
 * Directory search over `directory_entries` (verified professionals, public fields only; kept by
 * triggers, see migrations/0002_directory_search.ts).
 *
 * Text: the query is normalised by the same SQL function as the documents (case, Latin accents,
 * Arabic tashkeel/tatweel/alef/yeh/teh-marbuta folding) and tokenised by the same parser. Each
 * token becomes a prefix term ("card" finds cardiology, as you type), OR-ed with up to three
 * similar words from the directory's vocabulary (`search_words`, trigram-indexed: "hadad" also
 * searches 'haddad'). The whole tsquery then runs on the tsvector GIN index (names weight A,
 * specialty names en/ar/fr B, institutions and city C); relevance is the weighted ts_rank.
 *
 * Facets are disjunctive and computed in SQL in the same statement: a MATERIALIZED candidate set
 * holds the rows that match the text and fail *at most one* facet filter, with one boolean flag per
 * active filter; facet F counts the candidates whose flags other than F's are all true (unnest +
 * GROUP BY). That set also yields the exact total and the page, so a typical query reads the
 * directory once.
 *
 * Bounded work for broad queries: the candidate set is capped at CANDIDATE_LIMIT rows. A query
 * matching more (a two-letter prefix, a common specialty word at 100k profiles) gets facet counts
 * from that sample (`facetsExact: false`, to show as approximate), while the total and the page are
 * computed exactly from the text + all filters result set, which is small whenever filters apply.
 *
 * Pagination is keyset on (sort key, id), carried in an opaque base64url cursor; no OFFSET.
 */
export type SearchSort = 'relevance' | 'name' | 'recent';
export const FACETS = ['specialty', 'country', 'city', 'language', 'offer', 'chapter'] as const;
export type FacetName = (typeof FACETS)[number];

export interface SearchParams {
  q?: string;
  specialty?: string[];
  /**
   * A specialty code also matches its sub-specialties (what the directory's visitors mean), with the
   * taxonomy as it is at the version the answer reflects. Without it, codes match exactly.
   */
  includeSubSpecialties?: boolean;
  country?: string[];
  /** Exact city (compared after normalisation, so "montreal" matches "Montréal"). */
  city?: string;
  language?: string[];
  offer?: string[];
  chapter?: string[];
  /** `relevance` without `q` orders by name. */
  sort: SearchSort;
  limit: number;
  cursor?: string;
  /** With `ar`, name order follows the Arabic-script names (Latin ones when absent). */
  locale?: string;
  /**
   * A ministry's key: only professionals whose latest consent names this ministry (slug). A scope
   * of the whole answer (total, facets, page), not a facet.
   */
  ministry?: string;
  /**
   * A member signed in through this chapter's site: the cards of that chapter's members show their
   * `members` fields too. Changes the cards only, never what matches.
   */
  membersOf?: string;
  /** Values returned per facet, most frequent first (default 50). */
  facetLimit?: number;
  /** Bound on the rows behind the facet counts (default CANDIDATE_LIMIT); see `facetsExact`. */
  candidateLimit?: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** A professional as the directory shows it: public fields only (SQL `mahjar_directory_card`). */
export type DirectoryCard = components['schemas']['ProfessionalCard'];
/** Names of the specialty, offer-kind, chapter, country and language codes in an answer. */
export type FacetLabels = components['schemas']['FacetLabels'];

export interface SearchResult {
  rows: DirectoryCard[];
  /** Exact number of matching professionals. */
  total: number;
  facets: Record<FacetName, FacetCount[]>;
  /**
   * False when the query was so broad that the facet counts were computed over the first
   * `CANDIDATE_LIMIT` candidates only (a sample) and scaled to the exact total: estimates, to be
   * shown as such ("about 1,200"). Their order (most frequent first) is still meaningful.
   */
  facetsExact: boolean;
  nextCursor: string | null;
  labels: FacetLabels;
}

/** Thrown for a cursor that is malformed or belongs to another sort; map it to a 400. */
export class InvalidCursorError extends Error {
  constructor(message = 'The cursor is not valid for this search.') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

const MAX_QUERY_LENGTH = 200;
const MAX_TOKENS = 8;
/** Shorter tokens match whole words only: a one-letter prefix would match most of the directory. */
const MIN_PREFIX_LENGTH = 2;
/** A prefix matching at most this many vocabulary words is expanded into them. */
const MAX_PREFIX_WORDS = 24;
/** Typo tolerance only for tokens this long, and only towards words at least this similar. */
const MIN_TYPO_LENGTH = 4;
const TYPO_SIMILARITY = 0.45;
/**
 * At most this many candidate rows feed the facet counts. Beyond it (a broad query such as "card"
 * on 100k profiles) the counts come from the first CANDIDATE_LIMIT candidates and the result says
 * `facetsExact: false`; the page and the total stay exact.
 */
export const CANDIDATE_LIMIT = 1000;

export interface Cursor {
  s: SearchSort;
  k: string | number;
  id: string;
  /** `i`: written by the in-process index (its relevance scores are its own); absent: by the statement. */
  e?: 'i';
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const TIMESTAMP = /^((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}))(?:\.(\d{1,6}))?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** Microseconds since the epoch of an ISO 8601 timestamp (as a `recent` cursor carries), or NaN. */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(2, 8).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  if (
    (month as number) < 1 ||
    (month as number) > 12 ||
    (day as number) < 1 ||
    (day as number) > daysInMonth ||
    (hour as number) > 23 ||
    (minute as number) > 59 ||
    (second as number) > 59
  ) {
    return Number.NaN;
  }
  const ms = Date.parse(`${m[1]}${m[9]}`);
  return ms * 1000 + Number((m[8] ?? '').padEnd(6, '0'));
}

/** ISO 8601 with microseconds (PostgreSQL's precision), from microseconds since the epoch. */
export function formatTimestamp(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return new Date(ms).toISOString().replace('Z', `${String(Math.round(micros - ms * 1000)).padStart(3, '0')}Z`);
}

/**
 * The cursor, checked field by field before any of it reaches a query: the sort it was made for,
 * a UUID, and a key of that sort's type (a finite score, a name of bounded length, a timestamp).
 */
export function decodeCursor(raw: string, sort: SearchSort): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof c !== 'object' || c === null) throw new InvalidCursorError();
  const { s, k, id, e } = c as Partial<Cursor>;
  const keyOk =
    sort === 'relevance'
      ? typeof k === 'number' && Number.isFinite(k)
      : sort === 'name'
        ? typeof k === 'string' && k.length <= 1000
        : typeof k === 'string' && Number.isFinite(parseTimestamp(k));
  if (
    s !== sort ||
    typeof id !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ||
    !keyOk ||
    (e !== undefined && e !== 'i')
  ) {
    throw new InvalidCursorError();
  }
  return { s, k: k as string | number, id: id.toLowerCase(), ...(e ? { e } : {}) };
}

const quoteLexeme = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The text query, built inside the search statement (no extra round trip): the text normalised and
 * tokenised by the documents' own rules; each token becomes the vocabulary words it is a prefix of
 * (exact GIN lookups, several times faster than a partial-match scan; a prefix of more than
 * MAX_PREFIX_WORDS words stays a `:*` prefix), OR-ed with up to 3 known words similar to it
 * (typos: "hadad" also searches 'haddad'), found through the trigram index on `search_words`.
 */
const textQueryCte = (q: string) => sql`
    tokens AS (
      SELECT l,
        ARRAY(SELECT w.word FROM search_words w
              WHERE w.word >= (l COLLATE "C") AND w.word < ((l || chr(1114111)) COLLATE "C")
              ORDER BY w.word LIMIT ${MAX_PREFIX_WORDS + 1}) AS words,
        ARRAY(SELECT w.word FROM search_words w
              WHERE char_length(l) >= ${MIN_TYPO_LENGTH} AND w.word % l AND w.word <> l
                AND NOT starts_with(w.word, l) AND similarity(w.word, l) >= ${TYPO_SIMILARITY}
              ORDER BY similarity(w.word, l) DESC, w.word LIMIT 3) AS alike
      FROM unnest(tsvector_to_array(to_tsvector('simple', mahjar_normalize(${q})))) l
      LIMIT ${MAX_TOKENS}
    ),
    text_query AS (
      SELECT string_agg('(' || array_to_string(
          CASE WHEN char_length(l) < ${MIN_PREFIX_LENGTH} THEN ARRAY[mahjar_tsquery_lexeme(l)]
               WHEN cardinality(words) BETWEEN 1 AND ${MAX_PREFIX_WORDS}
                 THEN ARRAY(SELECT mahjar_tsquery_lexeme(x) FROM unnest(words) x)
               ELSE ARRAY[mahjar_tsquery_lexeme(l) || ':*'] END
          || ARRAY(SELECT mahjar_tsquery_lexeme(x) FROM unnest(alike) x), ' | ') || ')', ' & ')::tsquery AS q
      FROM tokens
    )`;

interface Filter {
  name: FacetName;
  /** The filter as a tsquery over the facet lexemes (matched inside the GIN index). */
  tsq: RawBuilder<unknown>;
  /** The same filter as a row check, for the per-candidate flags. */
  check: RawBuilder<boolean>;
}

function buildFilters(p: SearchParams): Filter[] {
  const f: Filter[] = [];
  const norm = (v: string[] | undefined) =>
    v && v.length > 0 ? [...new Set(v.map((x) => x.trim().toLowerCase()).filter(Boolean))].slice(0, 50) : [];
  const anyOf = (prefix: string, values: string[]) =>
    sql`${values.map((v) => quoteLexeme(prefix + v)).join(' | ')}::tsquery`;
  const add = (name: FacetName, values: string[], prefix: string, check: RawBuilder<boolean>) => {
    if (values.length) f.push({ name, tsq: anyOf(prefix, values), check });
  };
  const specialty = norm(p.specialty);
  const country = norm(p.country);
  const language = norm(p.language);
  const offer = norm(p.offer);
  const chapter = norm(p.chapter);
  const city = p.city?.trim().slice(0, MAX_QUERY_LENGTH);
  add('specialty', specialty, 's:', sql`d.specialties && ${specialty}::text[]`);
  add('country', country, 'c:', sql`d.country = ANY(${country.map((c) => c.toUpperCase())}::text[])`);
  if (city) {
    f.push({
      name: 'city',
      tsq: sql`mahjar_tsquery_lexeme('y:' || mahjar_normalize(${city}))::tsquery`,
      check: sql`d.city_key = mahjar_normalize(${city})`,
    });
  }
  add('language', language, 'l:', sql`d.languages && ${language}::text[]`);
  add('offer', offer, 'o:', sql`d.offers && ${offer}::text[]`);
  add('chapter', chapter, 'h:', sql`d.chapters && ${chapter}::text[]`);
  return f;
}

const and = (conds: RawBuilder<boolean>[]): RawBuilder<boolean> =>
  conds.length === 0 ? sql<boolean>`TRUE` : sql<boolean>`(${sql.join(conds, sql` AND `)})`;
type TsQuery = RawBuilder<unknown> | null;
const tsAnd = (parts: TsQuery[]): TsQuery => {
  const p = parts.filter((x): x is RawBuilder<unknown> => x !== null);
  return p.length === 0 ? null : p.length === 1 ? (p[0] as RawBuilder<unknown>) : sql`(${sql.join(p, sql` && `)})`;
};
const tsOr = (parts: TsQuery[]): TsQuery =>
  parts.length === 0 || parts.some((x) => x === null)
    ? null
    : sql`(${sql.join(parts as RawBuilder<unknown>[], sql` || `)})`;
/** Condition on the GIN-indexed tsvector, or TRUE for no condition. */
const matches = (tsq: TsQuery) => (tsq ? sql<boolean>`d.search_tsv @@ ${tsq}` : sql<boolean>`TRUE`);

const FACET_COLUMN: Record<FacetName, { column: string; array: boolean }> = {
  specialty: { column: 'specialties', array: true },
  country: { column: 'country', array: false },
  city: { column: 'city', array: false },
  language: { column: 'languages', array: true },
  offer: { column: 'offers', array: true },
  chapter: { column: 'chapters', array: true },
};

interface ResultRow {
  total: number;
  facets_exact: boolean;
  sample_matched: number;
  facets: [FacetName, string, number][] | null;
  /** The statement also reads each row's stored fields (as it always did); only id and key are used. */
  rows: { id: string; k: string | number }[] | null;
}

export interface SearchOptions {
  /**
   * `index` (default): the in-process index (db/search-index.ts), kept at the directory's version.
   * `sql`: the single search statement below, which the index replaced; the server falls back to it
   * while its index is first built, and the bench runs it to show before and after side by side.
   */
  engine?: 'index' | 'sql';
  /** While the index is (re)built: `wait` for it (default), or answer with the statement meanwhile. */
  whileBuilding?: 'wait' | 'sql';
}

/**
 * The directory search: the one entry point, whichever engine answers. A later move to an external
 * search engine replaces what is behind it.
 */
export async function searchProfessionals(
  db: Kysely<DB>,
  params: SearchParams,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const sort: SearchSort = params.sort === 'relevance' && !hasText(params.q) ? 'name' : params.sort;
  const cursor = params.cursor ? decodeCursor(params.cursor, sort) : undefined;
  // a cursor is read by the engine that wrote it (relevance keys are engine-specific)
  const engine = cursor ? (cursor.e === 'i' ? 'index' : 'sql') : (options.engine ?? 'index');
  if (engine === 'index') {
    const answer = await searchIndex(db, { ...params, sort }, cursor, options.whileBuilding ?? 'wait');
    if (answer) return answer;
  }
  return searchStatement(db, params);
}

/** Text that can yield a token (a letter or digit); punctuation alone is no text. */
export const hasText = (q: string | undefined): boolean =>
  /[\p{L}\p{N}]/u.test(q?.trim().slice(0, MAX_QUERY_LENGTH) ?? '');

async function searchStatement(db: Kysely<DB>, asked: SearchParams): Promise<SearchResult> {
  const params =
    asked.includeSubSpecialties && asked.specialty?.length
      ? { ...asked, specialty: expandSpecialties(asked.specialty, await subSpecialtiesOf(db)) }
      : asked;
  const { query, limit, sort } = buildSearch(params);
  const answer = toResult((await query.execute(db)).rows[0], limit, sort);
  const { cards, labels } = await cardsAndLabels(db, answer.ids, answer.facets, params);
  return { ...answer, rows: cards, labels };
}

/**
 * The page's cards, in the order of `ids`, and the names of every specialty, offer kind, chapter,
 * country and language code the answer shows (facet values, filters asked for, the cards' own), in
 * one statement (countries and languages are named by CLDR, `cldrNames`). A card
 * is `mahjar_directory_card` (migration 0006): the one public view of a professional. A professional
 * suspended since the index was read is left out.
 */
export async function cardsAndLabels(
  db: Kysely<DB>,
  ids: string[],
  facets: Record<FacetName, FacetCount[]>,
  params: Pick<SearchParams, 'specialty' | 'offer' | 'chapter' | 'country' | 'language' | 'ministry' | 'membersOf'>,
): Promise<{ cards: DirectoryCard[]; labels: FacetLabels; version: number }> {
  const membersOf = params.membersOf ?? null;
  const ministry = params.ministry ?? null;
  const codes = (f: 'specialty' | 'offer' | 'chapter' | 'country' | 'language') => [
    ...new Set([...facets[f].map((c) => c.value), ...(params[f] ?? []).slice(0, 50)]),
  ];
  const specialties = codes('specialty');
  const chapters = codes('chapter');
  const row = (
    await sql<{
      cards: DirectoryCard[] | null;
      specialty: Record<string, FacetLabels['specialty'][string]> | null;
      chapter: Record<string, FacetLabels['chapter'][string]> | null;
      version: number;
    }>`${sql.raw(PREPARED)}
    WITH cards AS (
      SELECT CASE WHEN ${membersOf}::text = ANY(p.chapters) THEN mahjar_directory_card(p, ARRAY['public', 'members'])
                  ELSE mahjar_directory_card(p) END AS card
      FROM professionals p
      WHERE p.id = ANY(${ids}::uuid[]) AND p.status = 'verified' AND p.listed
        AND (${ministry}::text IS NULL OR ${ministry}::text = ANY(p.ministries))
    )
    SELECT (SELECT version FROM directory_state) AS version, (SELECT json_agg(card) FROM cards) AS cards,
      (SELECT json_object_agg(s.code, s.name) FROM specialties s
        WHERE s.code = ANY(${specialties}::text[])
           OR s.code IN (SELECT jsonb_array_elements_text(card -> 'specialties') FROM cards)) AS specialty,
      (SELECT json_object_agg(o.slug, o.name) FROM organisations o
        WHERE o.slug = ANY(${chapters}::text[])
           OR o.slug IN (SELECT jsonb_array_elements_text(card -> 'chapters') FROM cards)) AS chapter`.execute(db)
  ).rows[0];
  const byId = new Map((row?.cards ?? []).map((c) => [c.id, c]));
  const cards = ids.map((id) => byId.get(id)).filter((c): c is DirectoryCard => c !== undefined);
  const offerCodes = new Set([...codes('offer'), ...cards.flatMap((c) => (c.offers ?? []).map((o) => o.kind))]);
  const offer = Object.fromEntries(OFFER_KINDS.filter((k) => offerCodes.has(k.code)).map((k) => [k.code, k.name]));
  const country = cldrNames('region', [
    ...codes('country').map((c) => c.toUpperCase()),
    ...cards.flatMap((c) => c.country ?? []),
  ]);
  const language = cldrNames('language', [...codes('language'), ...cards.flatMap((c) => c.languages ?? [])]);
  return {
    cards,
    labels: { specialty: row?.specialty ?? {}, offer, chapter: row?.chapter ?? {}, country, language },
    version: Number(row?.version ?? -1),
  };
}

function buildSearch(params: SearchParams) {
  const limit = Math.max(1, Math.min(100, Math.floor(params.limit)));
  const facetLimit = Math.max(1, Math.min(500, params.facetLimit ?? 50));
  const candidateLimit = Math.max(1, params.candidateLimit ?? CANDIDATE_LIMIT);
  const q = params.q?.trim().slice(0, MAX_QUERY_LENGTH) ?? '';
  // text that can yield a token (a letter or digit); punctuation alone is no text
  const text: TsQuery = /[\p{L}\p{N}]/u.test(q) ? sql`(SELECT text_query.q FROM text_query)` : null;
  const sort: SearchSort = params.sort === 'relevance' && !text ? 'name' : params.sort;
  const cursor = params.cursor ? decodeCursor(params.cursor, sort) : undefined;
  const filters = buildFilters(params);
  // a ministry's key: only the professionals who consented to it (GIN index on `ministries`)
  const scope = params.ministry ? sql<boolean>`d.ministries @> ARRAY[${params.ministry}]::text[]` : null;
  const where = (tsq: TsQuery) => (scope ? and([matches(tsq), scope]) : matches(tsq));

  const keyExpr =
    sort === 'relevance'
      ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', d.search_tsv, ${text})::float8`
      : sort === 'name'
        ? sql.ref(params.locale === 'ar' ? 'd.name_sort_ar' : 'd.name_sort')
        : sql.ref('d.joined_at');
  const order = (k: RawBuilder<unknown>, id: RawBuilder<unknown>) =>
    sort === 'relevance'
      ? sql`${k} DESC, ${id} ASC`
      : sort === 'name'
        ? sql`(${k} = '') ASC, ${k} ASC, ${id} ASC` // profiles whose name is not public come last
        : sql`${k} DESC, ${id} DESC`;
  const after = (k: RawBuilder<unknown>, id: RawBuilder<unknown>): RawBuilder<boolean> => {
    if (!cursor) return sql<boolean>`TRUE`;
    if (sort === 'relevance') {
      return sql<boolean>`(${k} < ${cursor.k}::float8 OR (${k} = ${cursor.k}::float8 AND ${id} > ${cursor.id}::uuid))`;
    }
    if (sort === 'name') {
      return cursor.k === ''
        ? sql<boolean>`(${k} = '' AND ${id} > ${cursor.id}::uuid)`
        : sql<boolean>`(${k} = '' OR (${k}, ${id}) > (${cursor.k}::text, ${cursor.id}::uuid))`;
    }
    return sql<boolean>`(${k}, ${id}) < (${cursor.k}::timestamptz, ${cursor.id}::uuid)`;
  };

  // Facet candidates: the text and at most one failing filter (as one tsquery), bounded.
  const atMostOneFails =
    filters.length <= 1
      ? null
      : tsOr(filters.map((skip) => tsAnd(filters.filter((f) => f !== skip).map((f) => f.tsq))));
  const candTsq = tsAnd([text, atMostOneFails]);
  const fullTsq = tsAnd([text, ...filters.map((f) => f.tsq)]);
  const flagName = (f: FacetName) => sql.ref(`f_${f}`);
  const flagColumns = filters.map((f) => sql`${f.check} AS ${flagName(f.name)}`);
  const allFlags = and(filters.map((f) => sql<boolean>`${flagName(f.name)}`));
  const flagsExcept = (name: FacetName) =>
    and(filters.filter((f) => f.name !== name).map((f) => sql<boolean>`${flagName(f.name)}`));
  const facetSelects = FACETS.map((name) => {
    const { column, array } = FACET_COLUMN[name];
    const col = sql.ref(`cand.${column}`);
    return array
      ? sql`SELECT ${name}::text AS facet, v AS value, count(*) AS n FROM cand CROSS JOIN LATERAL unnest(${col}) v
            WHERE ${flagsExcept(name)} GROUP BY v`
      : sql`SELECT ${name}::text AS facet, ${col} AS value, count(*) AS n FROM cand
            WHERE ${col} IS NOT NULL AND ${flagsExcept(name)} GROUP BY ${col}`;
  });
  const facetsJson = sql`(SELECT json_agg(json_build_array(facet, value, n) ORDER BY facet, n DESC, value)
      FROM (SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS rn
            FROM (${sql.join(facetSelects, sql` UNION ALL `)}) f) fc
      WHERE rn <= ${facetLimit})`;

  const pageJson = (source: string, where: RawBuilder<boolean>) => {
    const k = sql.ref(`${source}.k`);
    const id = sql.ref(`${source}.id`);
    return sql`(SELECT json_agg(json_build_object(
          'id', p.id, 'k', pg.k, 'title', p.title, 'profession', p.profession,
          'given_name', p.given_name, 'family_name', p.family_name,
          'given_name_ar', p.given_name_ar, 'family_name_ar', p.family_name_ar,
          'specialties', p.specialties, 'country', p.country, 'city', p.city, 'languages', p.languages,
          'offers', ARRAY(SELECT DISTINCT o ->> 'kind' FROM jsonb_array_elements(p.offers) o ORDER BY 1),
          'chapters', p.chapters, 'joined_at', p.joined_at, 'visibility', p.visibility)
          ORDER BY ${order(sql.ref('pg.k'), sql.ref('pg.id'))})
        FROM (SELECT ${id} AS id, ${k} AS k FROM ${sql.table(source)}
              WHERE ${where} AND ${after(k, id)}
              ORDER BY ${order(k, id)} LIMIT ${limit + 1}) pg
        JOIN professionals p ON p.id = pg.id)`;
  };

  // `cand_all` is planned without the LIMIT (so as a GIN bitmap scan, not a sequential scan that
  // hopes to find matches early) and read lazily: `cand` stops it after candidateLimit + 1 rows.
  const candidates = sql`
    ${text ? sql`${textQueryCte(q)},` : sql``}
    cand_all AS MATERIALIZED (
      SELECT d.professional_id AS id,
             -- the sort key only matters for rows that can reach the page (all filters pass)
             CASE WHEN ${and(filters.map((f) => f.check))} THEN ${keyExpr} END AS k,
             d.specialties, d.country, d.city, d.languages, d.offers, d.chapters
             ${flagColumns.length ? sql`, ${sql.join(flagColumns)}` : sql``}
      FROM directory_entries d WHERE ${where(candTsq)}
    ),
    cand AS (SELECT * FROM cand_all LIMIT ${candidateLimit + 1})`;
  const complete = sql<boolean>`((SELECT count(*) FROM cand) <= ${candidateLimit})`;

  // Result set (text and every filter, intersected in the index): exact total and keyset page.
  // With text, a complete candidate set already holds every match, scored; otherwise the page and
  // total come from the index (CASE evaluates one branch; a CTE runs only when read). Without
  // text the page is read through the (sort key, id) indexes.
  const query = text
    ? sql<ResultRow>`
    WITH ${candidates},
    full_match AS MATERIALIZED (SELECT d.professional_id AS id, ${keyExpr} AS k FROM directory_entries d WHERE ${where(fullTsq)})
    SELECT
      CASE WHEN ${complete} THEN (SELECT count(*) FROM cand WHERE ${allFlags}) ELSE (SELECT count(*) FROM full_match) END::int AS total,
      ${complete} AS facets_exact,
      (SELECT count(*) FROM cand WHERE ${allFlags})::int AS sample_matched,
      ${facetsJson} AS facets,
      CASE WHEN ${complete} THEN ${pageJson('cand', allFlags)} ELSE ${pageJson('full_match', sql`TRUE`)} END AS rows`
    : sql<ResultRow>`
    WITH ${candidates},
    page AS (
      SELECT d.professional_id AS id, ${keyExpr} AS k FROM directory_entries d
      WHERE ${where(fullTsq)} AND ${after(keyExpr, sql.ref('d.professional_id'))}
      ORDER BY ${order(keyExpr, sql.ref('d.professional_id'))} LIMIT ${limit + 1}
    )
    SELECT
      (SELECT count(*) FROM directory_entries d WHERE ${where(fullTsq)})::int AS total,
      ${complete} AS facets_exact,
      (SELECT count(*) FROM cand WHERE ${allFlags})::int AS sample_matched,
      ${facetsJson} AS facets,
      ${pageJson('page', sql`TRUE`)} AS rows`;

  return { query, limit, sort };
}

function toResult(
  row: ResultRow | undefined,
  limit: number,
  sort: SearchSort,
): Omit<SearchResult, 'rows' | 'labels'> & { ids: string[] } {
  const result = row ?? { total: 0, facets_exact: true, sample_matched: 0, facets: null, rows: null };
  const all = result.rows ?? [];
  const hasMore = all.length > limit;
  const pageRows = hasMore ? all.slice(0, limit) : all;
  const last = pageRows[pageRows.length - 1];

  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<FacetName, FacetCount[]>;
  // A bounded (sampled) candidate set undercounts: scale its counts by how much of the exact
  // result the sample holds, so approximate counts are estimates of the real ones, not fractions.
  const exact = Boolean(result.facets_exact);
  const scale = !exact && result.sample_matched > 0 ? Number(result.total) / Number(result.sample_matched) : 1;
  for (const [facet, value, n] of result.facets ?? []) {
    facets[facet].push({ value, count: exact ? Number(n) : Math.max(1, Math.round(Number(n) * scale)) });
  }

  return {
    total: Number(result.total),
    facets,
    facetsExact: exact,
    nextCursor: hasMore && last ? encodeCursor({ s: sort, k: last.k, id: last.id }) : null,
    ids: pageRows.map((r) => r.id),
  };
}

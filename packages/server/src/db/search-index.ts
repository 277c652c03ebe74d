import { type Kysely, sql } from 'kysely';
import { TypedFastBitSet } from 'typedfastbitset';
import { DirectoryIndex, type IndexFacet, type OrderName } from './directory-index.js';
import { PREPARED } from './engine-settings.js';
import type { DB } from './schema.js';
import {
  type Cursor,
  cardsAndLabels,
  encodeCursor,
  FACETS,
  type FacetCount,
  type FacetName,
  formatTimestamp,
  hasText,
  parseTimestamp,
  type SearchParams,
  type SearchResult,
} from './search.js';

/**
 * The directory search answered from the in-process index (directory-index.ts). A search whose
 * text was already analysed at the index's version costs one statement: the index gives the exact
 * total, every disjunctive facet count and the page, and the statement reads the page's public
 * cards, their labels and the directory version (unchanged: the answer stands). Otherwise a first
 * statement reads the version, the ids changed since the index's version (applied before
 * answering) and what only PostgreSQL can do with the text (normalise and tokenise it by the
 * documents' own rules, typo neighbours from the trigram index on `search_words`), kept per text
 * until the version moves. Text semantics are the statement's: each token matches the words it is a
 * prefix of (a whole word under MIN_PREFIX_LENGTH) or up to 3 similar words, all tokens must match.
 * Relevance: per token, the best matched word's field weight (names 1, specialties 0.4, places and
 * institutions 0.2), × 0.8 for a longer word the token is a prefix of and × 0.5 for a typo
 * neighbour; summed over tokens.
 */

const MAX_QUERY_LENGTH = 200;
const MAX_TOKENS = 8;
const MIN_PREFIX_LENGTH = 2;
const MIN_TYPO_LENGTH = 4;
const TYPO_SIMILARITY = 0.45;
const PREFIX_FACTOR = 0.8;
const TYPO_FACTOR = 0.5;

interface State {
  index?: DirectoryIndex;
  /** A build in flight (first load, a gap in the change log, or compaction). */
  building?: Promise<DirectoryIndex>;
  /** Serialises patches. */
  patching: Promise<unknown>;
  /** Text analyses (tokens, typo neighbours, city key) valid at index version `analysedAt`. */
  analyses: Map<string, { tokens: [string, string[]][] | null; cityKey: string | null }>;
  analysedAt: number;
}

const MAX_ANALYSES = 2000;

/** Bench-only timing of the in-memory part and the cards statement. */
export const PROFILE: Record<string, number>[] | undefined = process.env.MAHJAR_SEARCH_PROFILE ? [] : undefined;

const states = new WeakMap<Kysely<DB>, State>();

function stateOf(db: Kysely<DB>): State {
  let state = states.get(db);
  if (!state) {
    state = { patching: Promise.resolve(), analyses: new Map(), analysedAt: -1 };
    states.set(db, state);
  }
  return state;
}

function rebuild(db: Kysely<DB>, state: State): Promise<DirectoryIndex> {
  if (!state.building) {
    state.building = DirectoryIndex.build(db)
      .then((index) => {
        // a build that raced with patches to a newer index is behind: keep the newer one
        if (!state.index || state.index.version <= index.version || state.index.needsCompaction) state.index = index;
        return state.index;
      })
      .finally(() => {
        state.building = undefined;
      });
  }
  return state.building;
}

/** Starts loading the directory index of `db` (the server calls this at start-up). */
export function warmDirectoryIndex(db: Kysely<DB>): Promise<void> {
  const state = stateOf(db);
  return (state.index ? Promise.resolve() : rebuild(db, state).then(() => {})).catch(() => {});
}

/** The index of `db` as it is (for the bench's memory figure and tests), without syncing it. */
export function directoryIndexOf(db: Kysely<DB>): DirectoryIndex | undefined {
  return states.get(db)?.index;
}

interface Analysis {
  version: number;
  log_from: number;
  changed: string[] | null;
  tokens: [string, string[]][] | null;
  city_key: string | null;
}

function analyse(db: Kysely<DB>, since: number, q: string | null, city: string | null) {
  return sql<Analysis>`${sql.raw(PREPARED)}
    ${
      q
        ? sql`WITH tokens AS (
      SELECT l, ARRAY(SELECT w.word FROM search_words w
              WHERE char_length(l) >= ${MIN_TYPO_LENGTH} AND w.word % l AND w.word <> l
                AND NOT starts_with(w.word, l) AND similarity(w.word, l) >= ${TYPO_SIMILARITY}
              ORDER BY similarity(w.word, l) DESC, w.word LIMIT 3) AS alike
      FROM unnest(tsvector_to_array(to_tsvector('simple', mahjar_normalize(${q})))) l
      LIMIT ${MAX_TOKENS})`
        : sql``
    }
    SELECT s.version, s.log_from,
      CASE WHEN ${since}::bigint >= 0 AND s.version > ${since}::bigint THEN
        ARRAY(SELECT DISTINCT c.professional_id::text FROM directory_changes c
              WHERE c.version > ${since}::bigint LIMIT 5001) END AS changed,
      ${q ? sql`(SELECT json_agg(json_build_array(l, alike)) FROM tokens)` : sql`NULL::json`} AS tokens,
      ${city ? sql`mahjar_normalize(${city})` : sql`NULL::text`} AS city_key
    FROM directory_state s`.execute(db);
}

/**
 * The answer from the index, current with the directory's version; undefined when the index is not
 * loaded yet and `whileBuilding` is `sql` (the caller then runs the statement).
 */
export async function searchIndex(
  db: Kysely<DB>,
  params: SearchParams,
  cursor: Cursor | undefined,
  whileBuilding: 'wait' | 'sql',
): Promise<SearchResult | undefined> {
  const state = stateOf(db);
  const q = hasText(params.q) ? (params.q ?? '').trim().slice(0, MAX_QUERY_LENGTH) : null;
  const city = params.city?.trim().slice(0, MAX_QUERY_LENGTH) || null;

  const analysisKey = JSON.stringify([q, city]);
  const answerFrom = (index: DirectoryIndex, tokens: [string, string[]][] | null, cityKey: string | null) => {
    try {
      return query(index, params, cursor, q ? (tokens ?? []) : null, cityKey);
    } finally {
      index.resetScores();
    }
  };
  const result = (answer: ReturnType<typeof query>, cards: Awaited<ReturnType<typeof cardsAndLabels>>) => ({
    rows: cards.cards,
    total: answer.total,
    facets: answer.facets,
    facetsExact: true,
    nextCursor: answer.nextCursor,
    labels: cards.labels,
  });

  // The usual case, one statement: the text was analysed at the index's version (a query typed
  // before, or no text), so the answer comes from the index and the statement that reads its cards
  // also reads the version; unchanged, the answer stands.
  const loaded = state.index;
  const known = loaded && state.analysedAt === loaded.version ? state.analyses.get(analysisKey) : undefined;
  if (loaded && known && !loaded.needsCompaction) {
    const t0 = PROFILE ? performance.now() : 0;
    const answer = answerFrom(loaded, known.tokens, known.cityKey);
    const t1 = PROFILE ? performance.now() : 0;
    const cards = await cardsAndLabels(db, answer.ids, answer.facets, params);
    if (PROFILE) PROFILE.push({ memory: t1 - t0, cards: performance.now() - t1 });
    if (cards.version === loaded.version) return result(answer, cards);
  }

  let analysis = (await analyse(db, state.index?.version ?? -1, q, city)).rows[0] as Analysis;
  let index = state.index;
  const version = Number(analysis.version);
  if (!index || index.version < Number(analysis.log_from)) {
    if (whileBuilding === 'sql') {
      void rebuild(db, state).catch(() => {});
      return undefined;
    }
    index = await rebuild(db, state);
    if (index.version < version) analysis = (await analyse(db, index.version, q, city)).rows[0] as Analysis;
  }
  if (index.version < version) {
    const target = index;
    const changed = analysis.changed;
    const patched = state.patching.then(() =>
      target.version >= version || !changed ? target.version >= version : target.patch(db, changed, version),
    );
    state.patching = patched.catch(() => false);
    if (!(await patched)) {
      if (whileBuilding === 'sql') {
        void rebuild(db, state).catch(() => {});
        return undefined;
      }
      index = await rebuild(db, state);
    }
  }
  if (index.needsCompaction) void rebuild(db, state).catch(() => {});
  if (index.version === version) {
    if (state.analysedAt !== version || state.analyses.size >= MAX_ANALYSES) {
      state.analyses.clear();
      state.analysedAt = version;
    }
    state.analyses.set(analysisKey, { tokens: analysis.tokens, cityKey: analysis.city_key });
  }

  const t0 = PROFILE ? performance.now() : 0;
  const answer = answerFrom(index, analysis.tokens, analysis.city_key);
  const t1 = PROFILE ? performance.now() : 0;
  const cards = await cardsAndLabels(db, answer.ids, answer.facets, params);
  if (PROFILE) PROFILE.push({ memory: t1 - t0, cards: performance.now() - t1 });
  return result(answer, cards);
}

const normalised = (v: string[] | undefined) =>
  v && v.length > 0 ? [...new Set(v.map((x) => x.trim().toLowerCase()).filter(Boolean))].slice(0, 50) : [];

/** Everything but the cards, from the index alone (synchronous: one consistent state of it). */
function query(
  index: DirectoryIndex,
  params: SearchParams,
  cursor: Cursor | undefined,
  tokens: [string, string[]][] | null,
  cityKey: string | null,
): { ids: string[]; total: number; facets: Record<FacetName, FacetCount[]>; nextCursor: string | null } {
  const limit = Math.max(1, Math.min(100, Math.floor(params.limit)));
  const facetLimit = Math.max(1, Math.min(500, params.facetLimit ?? 50));
  const sort = params.sort;
  const tStart = PROFILE ? performance.now() : 0;

  // text: every token must match one of its words
  // a ministry's key: only the professionals who consented to it, before anything is counted
  const scope = index.scope(params.ministry);
  let base: TypedFastBitSet = scope;
  if (tokens) {
    let text: TypedFastBitSet | undefined;
    for (const [token, alike] of tokens) {
      const words =
        [...token].length < MIN_PREFIX_LENGTH
          ? [{ word: token, factor: 1 }]
          : index.wordsWithPrefix(token).map((word) => ({ word, factor: word === token ? 1 : PREFIX_FACTOR }));
      for (const word of alike) words.push({ word, factor: TYPO_FACTOR });
      const matched = index.match(words);
      text = text ? text.intersection(matched) : matched;
    }
    base = text ? text.intersection(scope) : new TypedFastBitSet(); // text without a single token matches nothing
  }

  // facet filters (disjunctive within a facet, conjunctive across)
  const filters: { name: IndexFacet; set: TypedFastBitSet }[] = [];
  const add = (name: IndexFacet, values: string[], byKey = false) => {
    if (values.length) filters.push({ name, set: index.anyOf(name, values, byKey) });
  };
  const specialties = normalised(params.specialty);
  add('specialty', params.includeSubSpecialties ? index.withSubSpecialties(specialties) : specialties);
  add(
    'country',
    normalised(params.country).map((c) => c.toUpperCase()),
  );
  if (params.city?.trim()) filters.push({ name: 'city', set: index.anyOf('city', cityKey ? [cityKey] : [], true) });
  add('language', normalised(params.language));
  add('offer', normalised(params.offer));
  add('chapter', normalised(params.chapter));

  const within = (except?: IndexFacet) => {
    let set = base;
    for (const f of filters) if (f.name !== except) set = set.new_intersection(f.set);
    return set;
  };
  const result = within();
  const total = result.size();
  const tFacets = PROFILE ? performance.now() : 0;

  // facets without a filter count over the result; a filtered facet over the other filters' result
  const facets = {} as Record<FacetName, FacetCount[]>;
  const unfiltered = FACETS.filter((name) => !filters.some((f) => f.name === name));
  const counted = index.count(unfiltered, result, total);
  for (const f of filters) {
    const set = within(f.name);
    for (const [name, list] of index.count([f.name], set, set.size())) counted.set(name, list);
  }
  for (const name of FACETS) {
    facets[name] = [...(counted.get(name) ?? [])]
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, facetLimit);
  }
  const tPage = PROFILE ? performance.now() : 0;
  const scores = index.scores;
  // the page: keyset on (key, id) after the cursor, limit + 1 to know whether there is more
  const ids = (doc: number) => index.id(doc);
  let page: number[];
  let keyOf: (doc: number) => string | number;
  if (sort === 'relevance') {
    const ck = cursor ? Number(cursor.k) : 0;
    const after = (doc: number) => {
      if (!cursor) return true;
      const s = scores[doc] as number;
      return s < ck || (s === ck && ids(doc) > cursor.id);
    };
    const before = (a: number, b: number) => {
      const sa = scores[a] as number;
      const sb = scores[b] as number;
      return sa > sb || (sa === sb && ids(a) < ids(b));
    };
    page = [];
    result.forEach((doc) => {
      if (!after(doc)) return;
      if (page.length > limit && !before(doc, page[limit] as number)) return;
      let i = page.length;
      while (i > 0 && before(doc, page[i - 1] as number)) i--;
      page.splice(i, 0, doc);
      if (page.length > limit + 1) page.pop();
    });
    keyOf = (doc) => scores[doc] as number;
  } else {
    const orderName: OrderName = sort === 'recent' ? 'recent' : params.locale === 'ar' ? 'nameAr' : 'name';
    const arabic = orderName === 'nameAr';
    let after: (doc: number) => boolean;
    if (sort === 'recent') {
      const cj = cursor ? parseTimestamp(String(cursor.k)) : 0;
      after = (doc) => {
        if (!cursor) return true;
        const j = index.joinedAt(doc);
        return j < cj || (j === cj && ids(doc) < cursor.id);
      };
      keyOf = (doc) => formatTimestamp(index.joinedAt(doc));
    } else {
      const ck = cursor ? String(cursor.k) : '';
      after = (doc) => {
        if (!cursor) return true;
        const k = index.nameKey(doc, arabic);
        if (ck === '') return k === '' && ids(doc) > cursor.id;
        return k === '' || k > ck || (k === ck && ids(doc) > cursor.id);
      };
      keyOf = (doc) => index.nameKey(doc, arabic);
    }
    page = [];
    // a broad result: walk the directory in sort order; a narrow one: sort the result itself
    if (total > 0 && ((limit + 1) * index.size) / total < total) {
      const order = index.order(orderName);
      for (let i = index.lowerBound(order, (d) => !after(d)); i < order.length && page.length <= limit; i++) {
        const doc = order[i] as number;
        if (result.has(doc)) page.push(doc);
      }
    } else {
      result.forEach((doc) => {
        if (after(doc)) page.push(doc);
      });
      page.sort(index.comparator(orderName));
      page.length = Math.min(page.length, limit + 1);
    }
  }

  if (PROFILE)
    PROFILE.push({ beforeFacets: tFacets - tStart, facets: tPage - tFacets, page: performance.now() - tPage });
  const hasMore = page.length > limit;
  const shown = page.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    ids: shown.map(ids),
    total,
    facets,
    nextCursor: hasMore && last !== undefined ? encodeCursor({ s: sort, k: keyOf(last), id: ids(last), e: 'i' }) : null,
  };
}

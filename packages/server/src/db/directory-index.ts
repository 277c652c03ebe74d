import { type Kysely, sql } from 'kysely';
import { TypedFastBitSet } from 'typedfastbitset';
import type { DB } from './schema.js';

/**
 * The directory as posting lists in the server's memory, in the style of the search engines built
 * for faceted search (Meilisearch, Typesense): one bitset per facet value, one posting list per word
 * of the searchable text, and facet counts by intersection. Derived from `directory_entries` (which
 * holds only public values: the privacy rule stays in migration 0002's triggers), never written to.
 *
 * Coherence: the index carries the `directory_state.version` it reflects. Before answering, a search
 * reads the current version (in the same statement as its query analysis); when it moved, the rows
 * logged in `directory_changes` since the index's version are re-read and applied (migration 0006),
 * so an answer is never older than the last write committed before the request, on any instance.
 *
 * Documents are numbered in arrival order and never renumbered: a changed professional gets a new
 * number and the old one is cleared from `alive`, so posting lists only ever grow at their end. When
 * a quarter of the numbers are dead the index is rebuilt in the background and swapped in.
 */

export const FACET_NAMES = ['specialty', 'country', 'city', 'language', 'offer', 'chapter'] as const;
export type IndexFacet = (typeof FACET_NAMES)[number];

/** ts_rank's default weights for the tsvector classes D, C, B, A (see migration 0002). */
const CLASS_WEIGHT = [0.1, 0.2, 0.4, 1.0] as const;

/** A word's postings: `doc * 4 + class`, in increasing doc order (the built part, then the appended). */
interface Postings {
  built: Int32Array;
  tail: number[];
}

interface FacetValues {
  values: string[];
  ids: Map<string, number>;
  sets: TypedFastBitSet[];
  /** Value ids per document, packed: `flat[start[doc] .. start[doc] + count[doc]]`. */
  start: Int32Array;
  count: Uint8Array;
  flat: Int32Array;
  flatLength: number;
}

/** `array`, or a copy twice as long when `length` does not fit. */
function ensureLength<T extends Int32Array | Uint8Array | Float64Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
  bigger.set(array);
  return bigger;
}

export interface IndexRow {
  id: string;
  name_sort: string;
  name_sort_ar: string;
  /** joined_at in microseconds since the epoch */
  joined: number;
  specialties: string[];
  languages: string[];
  offers: string[];
  chapters: string[];
  country: string | null;
  city: string | null;
  city_key: string | null;
  /** Searchable words, each prefixed by its best weight class letter (A–D). */
  lexemes: string[];
  /** The ministries the professional consented to (migration 0011): a scope, never a facet. */
  ministries: string[];
}

export type OrderName = 'name' | 'nameAr' | 'recent';

interface Order {
  docs: number[];
  pending: number[];
}

const rowsQuery = (ids?: string[]) => sql<IndexRow>`
  SELECT d.professional_id AS id, d.name_sort, d.name_sort_ar,
    (extract(epoch FROM d.joined_at) * 1000000)::float8 AS joined,
    d.specialties, d.languages, d.offers, d.chapters, d.country, d.city, d.city_key, d.ministries,
    ARRAY(SELECT coalesce((SELECT min(w) FROM unnest(u.weights) w), 'D') || u.lexeme
          FROM unnest(d.search_tsv) u WHERE u.lexeme !~ '^[a-z]:') AS lexemes
  FROM directory_entries d
  ${ids ? sql`WHERE d.professional_id = ANY(${ids}::uuid[])` : sql``}`;

/** More changed rows than this since the index's version: rebuild rather than patch. */
const MAX_PATCH = 5000;

export class DirectoryIndex {
  version = -1;
  readonly alive = new TypedFastBitSet();
  private ids: string[] = [];
  private docOf = new Map<string, number>();
  private nameSort: string[] = [];
  private nameSortAr: string[] = [];
  private joined: number[] = [];
  private dead = 0;
  /** Raised by every put and remove: what the cached scopes and their counts were computed at. */
  private mutations = 0;
  /**
   * What a reader may search before any text or filter (the whole directory, or the professionals
   * who consented to one ministry) and its facet counts, kept until the next change: the directory's
   * first view for that reader costs no counting.
   */
  private scopes = new Map<
    string,
    { set: TypedFastBitSet; counts?: Map<IndexFacet, { value: string; count: number }[]> }
  >();
  private scopesAt = -1;
  /** Scratch of `match`, reset after each use (allocating it per query costs more than the query). */
  private best = new Float64Array(0);
  /** Relevance per document of the current query (`scoresTouched` lists what to reset). */
  scores = new Float64Array(0);
  private scoresTouched: number[] = [];
  private readonly facets: Record<IndexFacet, FacetValues>;
  private readonly cityKeys = new Map<string, TypedFastBitSet>();
  /** Documents per consented ministry: what a ministry's key may search. */
  private readonly ministries = new Map<string, TypedFastBitSet>();
  private readonly words = new Map<string, Postings>();
  private vocabulary: string[] = [];
  private vocabularyDirty = false;
  private readonly orders: Partial<Record<OrderName, Order>> = {};
  /** The specialty taxonomy at `version`: each code's sub-specialties (a filter on a code matches them). */
  private subSpecialties = new Map<string, string[]>();

  constructor() {
    const facet = (): FacetValues => ({
      values: [],
      ids: new Map(),
      sets: [],
      start: new Int32Array(1024),
      count: new Uint8Array(1024),
      flat: new Int32Array(1024),
      flatLength: 0,
    });
    this.facets = {
      specialty: facet(),
      country: facet(),
      city: facet(),
      language: facet(),
      offer: facet(),
      chapter: facet(),
    };
  }

  get size(): number {
    return this.docOf.size;
  }

  /** Document numbers handed out (live and dead): the length of every per-document array. */
  get capacity(): number {
    return this.ids.length;
  }

  get needsCompaction(): boolean {
    return this.dead > Math.max(1000, this.ids.length / 4);
  }

  id(doc: number): string {
    return this.ids[doc] as string;
  }

  /** Loads every directory row into a new index at the version current before the read. */
  static async build(db: Kysely<DB>): Promise<DirectoryIndex> {
    const index = new DirectoryIndex();
    const state = await sql<{ version: number }>`SELECT version FROM directory_state`.execute(db);
    const rows = await rowsQuery().execute(db);
    // by id, so that document order is id order at first (ties in a sort then cost nothing extra)
    rows.rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const row of rows.rows) index.put(row);
    await index.loadTaxonomy(db);
    index.version = Number(state.rows[0]?.version ?? 0);
    index.freeze();
    for (const name of ['name', 'nameAr', 'recent'] as const) index.order(name);
    return index;
  }

  /**
   * Re-reads `changed` professionals (their rows as they are now) and raises the version to
   * `version`. False when there are too many to patch (the caller rebuilds).
   */
  async patch(db: Kysely<DB>, changed: string[], version: number): Promise<boolean> {
    if (changed.length > MAX_PATCH) return false;
    if (changed.length > 0) {
      const rows = await rowsQuery(changed).execute(db);
      const present = new Set<string>();
      for (const row of rows.rows) {
        present.add(row.id);
        this.put(row);
      }
      for (const id of changed) if (!present.has(id)) this.remove(id);
    }
    // the version also moves when the taxonomy changes (migration 0004), which no row records
    if (version > this.version) await this.loadTaxonomy(db);
    this.version = Math.max(this.version, version);
    return true;
  }

  private async loadTaxonomy(db: Kysely<DB>): Promise<void> {
    this.subSpecialties = await subSpecialtiesOf(db);
  }

  /** The codes asked for and all their descendants ("a parent code also matches its sub-specialties"). */
  withSubSpecialties(codes: string[]): string[] {
    return expandSpecialties(codes, this.subSpecialties);
  }

  private put(row: IndexRow): void {
    this.remove(row.id);
    this.mutations++;
    const doc = this.ids.length;
    this.ids.push(row.id);
    this.docOf.set(row.id, doc);
    this.alive.add(doc);
    this.nameSort.push(row.name_sort);
    this.nameSortAr.push(row.name_sort_ar);
    this.joined.push(Number(row.joined));
    const values: Record<IndexFacet, (string | null)[]> = {
      specialty: row.specialties,
      country: [row.country],
      city: [row.city],
      language: row.languages,
      offer: row.offers,
      chapter: row.chapters,
    };
    for (const name of FACET_NAMES) {
      const facet = this.facets[name];
      facet.start = ensureLength(facet.start, doc + 1);
      facet.count = ensureLength(facet.count, doc + 1);
      facet.start[doc] = facet.flatLength;
      let n = 0;
      for (const value of new Set(values[name])) {
        if (value === null || value === undefined) continue;
        let id = facet.ids.get(value);
        if (id === undefined) {
          id = facet.values.length;
          facet.values.push(value);
          facet.ids.set(value, id);
          facet.sets.push(new TypedFastBitSet());
        }
        facet.sets[id]?.add(doc);
        facet.flat = ensureLength(facet.flat, facet.flatLength + 1);
        facet.flat[facet.flatLength++] = id;
        n++;
      }
      facet.count[doc] = Math.min(n, 255);
    }
    if (row.city_key) {
      let set = this.cityKeys.get(row.city_key);
      if (!set) {
        set = new TypedFastBitSet();
        this.cityKeys.set(row.city_key, set);
      }
      set.add(doc);
    }
    for (const ministry of row.ministries ?? []) {
      let set = this.ministries.get(ministry);
      if (!set) {
        set = new TypedFastBitSet();
        this.ministries.set(ministry, set);
      }
      set.add(doc);
    }
    for (const entry of row.lexemes) {
      const word = entry.slice(1);
      const cls = 3 - ('ABCD'.indexOf(entry[0] as string) & 3);
      let postings = this.words.get(word);
      if (!postings) {
        postings = { built: new Int32Array(0), tail: [] };
        this.words.set(word, postings);
        this.vocabularyDirty = true;
      }
      postings.tail.push(doc * 4 + cls);
    }
    for (const order of Object.values(this.orders)) order?.pending.push(doc);
  }

  private remove(id: string): void {
    const doc = this.docOf.get(id);
    if (doc === undefined) return;
    this.mutations++;
    this.docOf.delete(id);
    this.alive.remove(doc);
    this.dead++;
  }

  /** Packs appended postings into typed arrays (after a bulk load). */
  private freeze(): void {
    for (const postings of this.words.values()) {
      if (postings.tail.length === 0) continue;
      const built = new Int32Array(postings.built.length + postings.tail.length);
      built.set(postings.built);
      built.set(postings.tail, postings.built.length);
      postings.built = built;
      postings.tail = [];
    }
  }

  /** Vocabulary words starting with `prefix` (all of them), in code-point order. */
  wordsWithPrefix(prefix: string): string[] {
    if (this.vocabularyDirty) {
      this.vocabulary = [...this.words.keys()].sort(compareText);
      this.vocabularyDirty = false;
    }
    const v = this.vocabulary;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareText(v[mid] as string, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && (v[i] as string).startsWith(prefix); i++) out.push(v[i] as string);
    return out;
  }

  hasWord(word: string): boolean {
    return this.words.has(word);
  }

  /**
   * Documents containing any of `words`, with each document's best weighted match
   * (class weight × the word's factor) added into `scores`.
   */
  match(words: { word: string; factor: number }[]): TypedFastBitSet {
    const set = new TypedFastBitSet();
    this.best = ensureLength(this.best, this.ids.length);
    this.scores = ensureLength(this.scores, this.ids.length);
    const best = this.best;
    const touched: number[] = [];
    for (const { word, factor } of words) {
      const postings = this.words.get(word);
      if (!postings) continue;
      for (const list of [postings.built, postings.tail]) {
        for (let i = 0; i < list.length; i++) {
          const p = list[i] as number;
          const doc = p >> 2;
          const w = (CLASS_WEIGHT[p & 3] as number) * factor;
          const old = best[doc] as number;
          if (w > old) {
            if (old === 0) touched.push(doc);
            best[doc] = w;
          }
        }
      }
    }
    const scores = this.scores;
    for (const doc of touched) {
      if (this.alive.has(doc)) {
        set.add(doc);
        if (scores[doc] === 0) this.scoresTouched.push(doc);
        scores[doc] = (scores[doc] as number) + (best[doc] as number);
      }
      best[doc] = 0;
    }
    return set;
  }

  /** Clears the scores of the last query. */
  resetScores(): void {
    for (const doc of this.scoresTouched) this.scores[doc] = 0;
    this.scoresTouched = [];
  }

  /**
   * The live documents a reader may search: the whole directory, or for a ministry's key the
   * professionals who consented to it. Kept until the next change (never modify the set returned).
   */
  scope(ministry?: string): TypedFastBitSet {
    if (this.scopesAt !== this.mutations) {
      this.scopes.clear();
      this.scopesAt = this.mutations;
    }
    if (!ministry) return this.alive;
    let scope = this.scopes.get(ministry);
    if (!scope) {
      scope = { set: (this.ministries.get(ministry) ?? new TypedFastBitSet()).new_intersection(this.alive) };
      this.scopes.set(ministry, scope);
    }
    return scope.set;
  }

  /** Documents having any of `values` for `facet` (city: compared by normalised key). */
  anyOf(facet: IndexFacet, values: string[], byKey = false): TypedFastBitSet {
    const out = new TypedFastBitSet();
    for (const value of values) {
      const set = byKey ? this.cityKeys.get(value) : this.facets[facet].sets[this.facets[facet].ids.get(value) ?? -1];
      if (set) out.union(set);
    }
    return out.intersection(this.alive);
  }

  /**
   * Count of each value of each of `facets` among the documents of `within` (`size` of them), zeros
   * left out. Per facet, the cheaper way: one intersection per value (bitset words), or one pass over
   * the documents (shared by every facet counted that way). The whole directory's counts are kept
   * until the next change.
   */
  count(
    facets: readonly IndexFacet[],
    within: TypedFastBitSet,
    size: number,
  ): Map<IndexFacet, { value: string; count: number }[]> {
    // a scope's own counts (the first view of the whole directory or of a ministry's) are kept
    const scope = this.scopeOf(within);
    if (scope?.counts) {
      const cached = scope.counts;
      return new Map(facets.map((name) => [name, cached.get(name) ?? []]));
    }
    if (scope && facets.length < FACET_NAMES.length) {
      const all = this.count(FACET_NAMES, within, size);
      return new Map(facets.map((name) => [name, all.get(name) ?? []]));
    }
    const out = new Map<IndexFacet, { value: string; count: number }[]>();
    const words = this.ids.length / 32;
    const perDocument: IndexFacet[] = [];
    for (const name of facets) {
      const f = this.facets[name];
      if (f.values.length * words * 4 < size) {
        const list: { value: string; count: number }[] = [];
        f.sets.forEach((set, id) => {
          const count = set.intersection_size(within);
          if (count > 0) list.push({ value: f.values[id] as string, count });
        });
        out.set(name, list);
      } else {
        perDocument.push(name);
      }
    }
    if (perDocument.length > 0) {
      const columns = perDocument.map((name) => this.facets[name]);
      const counts = columns.map((f) => new Int32Array(f.values.length));
      within.forEach((doc) => {
        for (let j = 0; j < columns.length; j++) {
          const f = columns[j] as FacetValues;
          const c = counts[j] as Int32Array;
          const start = f.start[doc] as number;
          const end = start + (f.count[doc] as number);
          for (let i = start; i < end; i++) {
            const id = f.flat[i] as number;
            c[id] = (c[id] as number) + 1;
          }
        }
      });
      perDocument.forEach((name, j) => {
        const list: { value: string; count: number }[] = [];
        const f = columns[j] as FacetValues;
        (counts[j] as Int32Array).forEach((count, id) => {
          if (count > 0) list.push({ value: f.values[id] as string, count });
        });
        out.set(name, list);
      });
    }
    if (scope) scope.counts = out;
    return out;
  }

  /** The cached scope `set` is (by identity), if it is one and still current. */
  private scopeOf(
    set: TypedFastBitSet,
  ): { set: TypedFastBitSet; counts?: Map<IndexFacet, { value: string; count: number }[]> } | undefined {
    if (this.scopesAt !== this.mutations) {
      this.scopes.clear();
      this.scopesAt = this.mutations;
    }
    if (set === this.alive) {
      let whole = this.scopes.get('');
      if (!whole) {
        whole = { set: this.alive };
        this.scopes.set('', whole);
      }
      return whole;
    }
    for (const scope of this.scopes.values()) if (scope.set === set) return scope;
    return undefined;
  }

  /** Documents of the whole directory in `name` order (with pending insertions merged in). */
  order(name: OrderName): number[] {
    let order = this.orders[name];
    const compare = this.comparator(name);
    if (!order) {
      const docs: number[] = [];
      this.alive.forEach((doc) => {
        docs.push(doc);
      });
      docs.sort(compare);
      order = { docs, pending: [] };
      this.orders[name] = order;
    }
    if (order.pending.length > 0) {
      if (order.pending.length > 2000) {
        order.docs = order.docs.filter((d) => this.alive.has(d)).concat(order.pending.filter((d) => this.alive.has(d)));
        order.docs.sort(compare);
      } else {
        for (const doc of order.pending) {
          if (!this.alive.has(doc)) continue;
          order.docs.splice(
            this.lowerBound(order.docs, (d) => compare(d, doc) < 0),
            0,
            doc,
          );
        }
      }
      order.pending = [];
    }
    return order.docs;
  }

  lowerBound(docs: number[], before: (doc: number) => boolean): number {
    let lo = 0;
    let hi = docs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(docs[mid] as number)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  nameKey(doc: number, arabic: boolean): string {
    return (arabic ? this.nameSortAr[doc] : this.nameSort[doc]) as string;
  }

  joinedAt(doc: number): number {
    return this.joined[doc] as number;
  }

  /** (key, id) order of a sort: names ascending with unnamed last, `recent` newest first. */
  comparator(name: OrderName): (a: number, b: number) => number {
    if (name === 'recent') {
      return (a, b) => {
        const ja = this.joined[a] as number;
        const jb = this.joined[b] as number;
        return ja !== jb ? jb - ja : -compareText(this.ids[a] as string, this.ids[b] as string);
      };
    }
    const keys = name === 'nameAr' ? this.nameSortAr : this.nameSort;
    return (a, b) => {
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      if ((ka === '') !== (kb === '')) return ka === '' ? 1 : -1;
      return compareText(ka, kb) || compareText(this.ids[a] as string, this.ids[b] as string);
    };
  }

  /** Bytes held, roughly: typed arrays and bitsets exactly, strings and small arrays estimated. */
  memoryBytes(): number {
    let bytes = 0;
    const bitset = (s: TypedFastBitSet) => s.words.byteLength;
    bytes += bitset(this.alive);
    for (const f of Object.values(this.facets)) {
      for (const s of f.sets) bytes += bitset(s);
      bytes += f.start.byteLength + f.count.byteLength + f.flat.byteLength;
    }
    for (const s of this.cityKeys.values()) bytes += bitset(s);
    for (const s of this.ministries.values()) bytes += bitset(s);
    for (const [word, p] of this.words) bytes += 40 + word.length * 2 + p.built.byteLength + p.tail.length * 8;
    for (let i = 0; i < this.ids.length; i++) {
      bytes += 36 + 24 + ((this.nameSort[i]?.length ?? 0) + (this.nameSortAr[i]?.length ?? 0)) * 2 + 32 + 8;
    }
    for (const o of Object.values(this.orders)) bytes += (o?.docs.length ?? 0) * 8;
    return bytes;
  }
}

/** Code-point order, as PostgreSQL's C collation (UTF-16 code units; equal for the BMP). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The specialty taxonomy as it is now: each code's sub-specialties. */
export async function subSpecialtiesOf(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('specialties').select(['code', 'parent_code']).execute();
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_code) children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row.code]);
  }
  return children;
}

/** `codes` and every code below them in `children` (parent → its sub-specialties), each once. */
export function expandSpecialties(codes: string[], children: ReadonlyMap<string, string[]>): string[] {
  const out = new Set<string>();
  const visit = (code: string) => {
    if (out.has(code)) return;
    out.add(code);
    for (const child of children.get(code) ?? []) visit(child);
  };
  codes.forEach(visit);
  return [...out];
}

import type { MahjarClient, OfferKind, Problem, ProfessionalCard, ProfessionalSearchResult } from '@mahjar/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The facets of the directory search, in the order they are shown. */
export const FACETS = ['specialty', 'offer', 'country', 'language', 'city', 'chapter'] as const;
export type Facet = (typeof FACETS)[number];
export type Sort = '' | 'relevance' | 'name' | 'recent';
export type Filters = Record<Facet, string[]>;

/** What is searched: the typed text, the chosen facet values and the order. */
export interface Query {
  q: string;
  filters: Filters;
  sort: Sort;
}

export const noFilters = (): Filters => ({
  specialty: [],
  offer: [],
  country: [],
  language: [],
  city: [],
  chapter: [],
});

export type SearchStatus = 'loading' | 'ready' | 'error' | 'offline';

interface Host extends ReactiveControllerHost, HTMLElement {
  readonly client: MahjarClient | undefined;
  /** `Accept-Language` of requests (name order follows the Arabic-script names for `ar`). */
  readonly intl: string;
  /** Values every search carries, chosen by the embedding site (`locked` attributes). */
  readonly fixed: Filters;
  /** A search finished (first page or more); the host announces it. */
  searched(result: ProfessionalSearchResult, more: boolean): void;
  failed(problem: Problem): void;
}

/** Wait after a keystroke before searching; a request already under way is cancelled by the next. */
export const DEBOUNCE_MS = 40;
const PAGE = 50;

/**
 * Runs the directory search for a host: debounced typing, one request at a time (a newer query aborts
 * the older request through the SDK's `signal`), cursor pagination ("load more"), and a failure that
 * keeps what is on screen.
 */
export class Search implements ReactiveController {
  query: Query = { q: '', filters: noFilters(), sort: '' };
  items: ProfessionalCard[] = [];
  facets?: ProfessionalSearchResult['facets'];
  total = 0;
  cursor: string | null = null;
  status: SearchStatus = 'loading';
  /** A request is under way (first page or more). */
  busy = false;
  /** The last failure, kept beside the results it could not replace. */
  problem?: Problem;
  /** The last failed request was "load more". */
  failedMore = false;
  #timer = 0;
  #abort?: AbortController;

  constructor(private host: Host) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** Sets the query and searches (after `delay` ms, restarted by every call). */
  set(query: Partial<Query>, delay = 0): void {
    this.query = { ...this.query, ...query };
    clearTimeout(this.#timer);
    this.host.requestUpdate();
    if (delay) this.#timer = setTimeout(() => this.run(), delay) as unknown as number;
    else this.run();
  }

  /** The filters sent: the visitor's plus the embedding site's locked ones. */
  get sent(): Filters {
    const f = this.query.filters;
    const fixed = this.host.fixed;
    return Object.fromEntries(FACETS.map((k) => [k, fixed[k].length ? fixed[k] : f[k]])) as Filters;
  }

  /** The first page of the current query, or the next one when `more`. */
  async run(more = false): Promise<void> {
    const client = this.host.client;
    if (!client || (more && !this.cursor)) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const { q, sort } = this.query;
    const f = this.sent;
    this.busy = true;
    if (!more && !this.items.length) this.status = 'loading';
    this.host.requestUpdate();
    const { data, error } = await client.GET('/v1/professionals', {
      params: {
        query: {
          q: q.trim() || undefined,
          specialty: f.specialty,
          offer: f.offer as OfferKind[],
          country: f.country,
          language: f.language,
          chapter: f.chapter,
          city: f.city[0],
          sort: sort || undefined,
          limit: PAGE,
          cursor: (more && this.cursor) || undefined,
        },
      },
      headers: { 'Accept-Language': this.host.intl },
      signal: abort.signal,
    });
    if (abort !== this.#abort) return; // a newer search owns the state now
    this.busy = false;
    this.failedMore = more;
    if (!data) {
      const problem = error as Problem;
      this.problem = problem;
      if (!this.items.length) this.status = navigator.onLine ? 'error' : 'offline';
      this.host.failed(problem);
    } else {
      this.problem = undefined;
      this.items = more ? [...this.items, ...data.items] : data.items;
      this.facets = data.facets;
      this.total = data.total;
      this.cursor = data.nextCursor;
      this.status = 'ready';
      this.host.searched(data, more);
    }
    this.host.requestUpdate();
  }

  /** Repeats what failed. */
  retry = (): void => {
    this.run(this.failedMore);
  };
}

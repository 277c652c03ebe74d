import type {
  LocalizedText,
  MahjarClient,
  OfferKind,
  operations,
  Problem,
  ProfessionalCard,
  ProfessionalSearchResult,
} from '@mahjar/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The facets of the directory search, in the order they are shown. */
export const FACETS = [
  'specialty',
  'offer',
  'country',
  'language',
  'city',
  'chapter',
] as const satisfies readonly (keyof ProfessionalSearchResult['facets'])[];
export type Facet = (typeof FACETS)[number];
/** An order the contract offers, or '' for the server's default. */
export type Sort = '' | NonNullable<NonNullable<operations['searchProfessionals']['parameters']['query']>['sort']>;
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

/** What the search needs from its element (closures over the element's own members). */
export interface SearchOptions {
  client(): MahjarClient | undefined;
  /** `Accept-Language` of requests (name order follows the Arabic-script names for `ar`). */
  intl(): string;
  /** The headers of a signed-in member's session, if any. */
  session(): Record<string, string>;
  /** The server said that session has ended: it is forgotten, and the search asked again without it. */
  sessionEnded(): void;
  /** Values every search carries, chosen by the embedding site (`locked` attributes). */
  fixed(): Filters;
  /** A search finished (first page or more); the element announces it. */
  onSearched(result: ProfessionalSearchResult, more: boolean): void;
  onError(problem: Problem): void;
}

/** Results per request: two screens of cards, so the first answer renders quickly. */
const PAGE = 24;

/**
 * Runs the directory search for a host: at most one request in flight, cursor pagination ("load more"),
 * and a failure that keeps what is on screen. Typing needs no timer: a query changed while a request is
 * under way is sent once that one answers, for the latest text only, and the stale answer is dropped.
 * (Aborting instead would not help: the server still runs an aborted request, ahead of the new one.)
 */
export class Search implements ReactiveController {
  query: Query = { q: '', filters: noFilters(), sort: '' };
  items: ProfessionalCard[] = [];
  facets?: ProfessionalSearchResult['facets'];
  /** The facet counts are exact (`false`: estimated from a sample, shown as approximate). */
  exact = true;
  total = 0;
  cursor: string | null = null;
  status: SearchStatus = 'loading';
  /** A request is under way (first page or more). */
  busy = false;
  /** The last failure, kept beside the results it could not replace. */
  problem?: Problem;
  /** The last failed request was "load more". */
  failedMore = false;
  /** Names of specialty, offer, chapter, country and language codes, by `<facet>:<code>`, from every answer so far. */
  names?: Record<string, LocalizedText>;
  #host: ReactiveControllerHost;
  #options: SearchOptions;
  /** The request under way (aborted when the host disconnects). */
  #inflight?: AbortController;
  /** The query changed while a request was under way: its answer is stale. */
  #stale = false;
  /** The member session has been read (after the first request left). */
  #sessionRead = false;
  /** `settled`, while a request is under way, and what resolves it. */
  #settled?: Promise<void>;
  #resolveSettled?: () => void;

  constructor(host: ReactiveControllerHost, options: SearchOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#inflight?.abort();
    this.#inflight = undefined;
    this.#stale = false;
    this.#idle();
  }

  /** Resolves once no request is under way (at once when none is), answered or failed. */
  get settled(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    this.#settled ??= new Promise((resolve) => {
      this.#resolveSettled = resolve;
    });
    return this.#settled;
  }

  #idle(): void {
    this.busy = false;
    this.#resolveSettled?.();
    this.#settled = undefined;
    this.#resolveSettled = undefined;
  }

  /** Sets the query and searches (now, or as soon as the request under way answers). */
  set(query: Partial<Query>): void {
    this.query = { ...this.query, ...query };
    this.#host.requestUpdate();
    this.run();
  }

  /** The filters sent: the visitor's plus the embedding site's locked ones. */
  get sent(): Filters {
    const chosen = this.query.filters;
    const fixed = this.#options.fixed();
    return Object.fromEntries(
      FACETS.map((facet) => [facet, fixed[facet].length ? fixed[facet] : chosen[facet]]),
    ) as Filters;
  }

  /** The first page of the current query, or the next one when `more`. */
  async run(more = false): Promise<void> {
    const client = this.#options.client();
    if (!client || (more && !this.cursor)) return;
    if (this.#inflight) {
      if (!more) this.#stale = true; // sent when the request under way answers
      return;
    }
    const abort = new AbortController();
    this.#inflight = abort;
    this.#stale = false;
    const { q, sort } = this.query;
    const filters = this.sent;
    this.busy = true;
    if (!more && !this.items.length) this.status = 'loading';
    this.#host.requestUpdate();
    // The first request leaves before the member session is read (a fresh page's first `localStorage`
    // read can take 5-15 ms): the server works meanwhile, and a member signed in on this device is
    // asked again with the session as soon as it answers.
    const first = !this.#sessionRead;
    const session = first ? {} : this.#options.session();
    const answer = client.GET('/v1/professionals', {
      params: {
        query: {
          q: q.trim() || undefined,
          specialty: filters.specialty,
          offer: filters.offer as OfferKind[],
          country: filters.country,
          language: filters.language,
          chapter: filters.chapter,
          city: filters.city[0],
          sort: sort || undefined,
          limit: PAGE,
          cursor: (more && this.cursor) || undefined,
        },
      },
      headers: { 'Accept-Language': this.#options.intl(), ...session },
      signal: abort.signal,
    });
    if (first) {
      this.#sessionRead = true;
      if (Object.keys(this.#options.session()).length) this.#stale = true;
    }
    const { data, error } = await answer;
    if (abort !== this.#inflight) return; // the host disconnected; a newer search owns the state
    this.#inflight = undefined;
    if (this.#stale) return this.run(); // answered an older query: ask for the latest
    if ((error as Problem | undefined)?.status === 401 && Object.keys(session).length) {
      this.#options.sessionEnded(); // signed out elsewhere: the public answer, as for anyone
      return this.run(more);
    }
    this.#idle();
    this.failedMore = more;
    if (!data) {
      const problem = error as Problem;
      this.problem = problem;
      if (!this.items.length) this.status = navigator.onLine ? 'error' : 'offline';
      this.#options.onError(problem);
    } else {
      this.problem = undefined;
      this.items = more ? [...this.items, ...data.items] : data.items;
      this.facets = data.facets;
      this.exact = data.facetsExact;
      this.total = data.total;
      this.cursor = data.nextCursor;
      this.status = 'ready';
      // every answer names the specialty, offer, chapter, country and language codes it shows
      const named = Object.entries(data.labels).flatMap(([facet, byCode]) =>
        Object.entries(byCode).map(([code, name]) => [`${facet}:${code}`, name] as const),
      );
      if (named.some(([key]) => !this.names?.[key])) this.names = { ...this.names, ...Object.fromEntries(named) };
      this.#options.onSearched(data, more);
    }
    this.#host.requestUpdate();
  }

  /** Repeats what failed. */
  retry = (): void => {
    this.run(this.failedMore);
  };
}

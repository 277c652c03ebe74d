import type { MahjarClient, Problem, ProfessionalSearchResult } from '@mahjar/sdk';
import { html } from 'lit';
import { forgetMemberSession, memberSession } from '../member-account/session.js';
import { dialogStyles } from '../shared/dialog.styles.js';
import { emit } from '../shared/events.js';
import { localText, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { cardStyles } from '../shared/professional-card.styles.js';
import { theme } from '../shared/theme.js';
import { specialistDirectory as en } from '../translations/en/specialist-directory.js';
import type { Contact, ContactSentDetail } from './contact.js';
import { facets, top } from './facets.js';
import { Profile, profileDialog } from './profile.js';
import { results } from './results.js';
import { FACETS, type Facet, type Filters, noFilters, Search } from './search.js';
import { styles } from './specialist-directory.styles.js';
import { readUrl, writeUrl } from './url.js';
import type { DirectoryView } from './view.js';

export type { ContactSentDetail } from './contact.js';
export type { Facet, Filters } from './search.js';

/** detail of `mahjar-search`: the query sent (locked filters included) and how many matched. */
export interface DirectorySearchDetail {
  q: string;
  filters: Filters;
  sort: string;
  total: number;
}
/** detail of `mahjar-profile-open`. */
export interface ProfileOpenDetail {
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-search': CustomEvent<DirectorySearchDetail>;
    'mahjar-profile-open': CustomEvent<ProfileOpenDetail>;
    'mahjar-contact-sent': CustomEvent<ContactSentDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-specialist-directory': MahjarSpecialistDirectory;
  }
}

/**
 * Runs `callback` after the next frame is painted, when the page is idle (Safari lacks
 * requestIdleCallback). A hidden page paints no frames: there it runs after the current task.
 */
const afterPaint = (callback: () => void) =>
  document.visibilityState === 'hidden'
    ? setTimeout(callback)
    : requestAnimationFrame(() =>
        'requestIdleCallback' in window ? requestIdleCallback(callback, { timeout: 100 }) : setTimeout(callback),
      );
/**
 * `Intl` formatters of one locale, made once (hundreds of facet counts use them). The first results
 * are painted before they are made: the first `Intl` formatter of a page loads ICU's locale data
 * (tens of ms), so the cards use names from the answer's labels and the counts follow.
 */
interface Formatters {
  locale: string;
  numbers: Intl.NumberFormat;
  /** Names of the codes an answer did not name (made on first use: the answers name theirs). */
  region?: Intl.DisplayNames;
  language?: Intl.DisplayNames;
}
const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/**
 * How long the first render waits for the first answer before it shows the loading skeleton. An
 * answer within it is painted once, without a flash of placeholders before it, and the skeleton's
 * render, layout and paint (about 40 ms on a slow machine) do not stand before the results.
 */
const SKELETON_DELAY_MS = 100;

/**
 * Cards in the first render of the first answer: the three rows a wide screen shows, more than a
 * phone's. The rest follow once those are painted, so the first results are on screen without the
 * render, style and layout of cards below the fold, on a page where the element's styles, fonts and
 * `Intl` data are all new. Later answers render whole: a second render would cost a typing visitor
 * more than it saves.
 */
const FIRST_CARDS = 12;

/**
 * @summary Finds diaspora health professionals: instant search over names in Latin and Arabic
 * script, specialties, institutions and cities; facets with live counts; a profile dialog with only
 * the fields each professional made public; and a "request contact" form relayed by the API (the
 * professional's address never reaches the page).
 *
 * Preset facets with the facet attributes (`offer="telehealth"`), and hide them from the visitor
 * with `locked="offer"` (e.g. a chapter's site shows only its members: `chapter="ilma-usa" locked="chapter"`).
 *
 * @tag mahjar-specialist-directory
 * @csspart base - The themed frame.
 * @csspart search - The search field.
 * @csspart sort - The sort menu.
 * @csspart facets - The column of facets.
 * @csspart facet - Each facet group (a `<details>`).
 * @csspart chip - Each active filter (a button that removes it).
 * @csspart count - The result count (a polite live region).
 * @csspart list - The result list.
 * @csspart item - Each result.
 * @csspart name - The button with a professional's name, which opens the profile.
 * @csspart more - The "load more" button.
 * @csspart retry - Retry buttons.
 * @csspart error - Error messages.
 * @csspart dialog - The profile `<dialog>`.
 * @csspart contact - The "request contact" button.
 * @csspart contact-form - The contact form.
 * @csspart contact-sent - The confirmation after sending.
 * @csspart field - Each input of the contact form.
 * @csspart submit - The contact form's submit button.
 * @cssprop --mahjar-color-accent - Buttons, chips, selection (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Secondary text (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @cssprop --mahjar-specialist-directory-facets - Width of the facet column on wide containers (default 15em).
 * @cssprop --mahjar-specialist-directory-card - Minimum card width in the `cards` layout (default 16em).
 * @event mahjar-search - A search finished; detail: { q, filters, sort, total }.
 * @event mahjar-profile-open - A profile was opened; detail: { id }.
 * @event mahjar-contact-sent - A contact request was accepted; detail: { professionalId, requestId, purpose }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarSpecialistDirectory extends MahjarElement {
  static override styles = [theme, cardStyles, dialogStyles, styles];
  /** The Arabic and French strings, loaded on first use. */
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar'
      ? import('../translations/ar/specialist-directory.js')
      : import('../translations/fr/specialist-directory.js');
  static override properties = {
    specialty: {},
    offer: {},
    country: {},
    language: {},
    city: {},
    chapter: {},
    locked: {},
    layout: { reflect: true },
    urlState: { attribute: 'url-state', type: Boolean },
  };

  /** The search as it stands (read-only): `query`, `items`, `facets`, `total`, `status`, `names` of codes. */
  readonly search = new Search(this, {
    client: () => this.client,
    intl: () => this.intl,
    session: () => this.#session,
    sessionEnded: () => this.#forgetSession(),
    fixed: () => this.#fixed,
    onSearched: (result, more) => {
      if (more) this.#focusFrom = this.search.items.length - result.items.length;
      const { q, sort } = this.search.query;
      emit(this, 'mahjar-search', { q, filters: this.search.sent, sort, total: result.total });
    },
    onError: (problem) => this.#handleError(problem),
  });
  /** The profile dialog (read-only): the open profile's `id`, its `value` (or the problem that kept it), `open(id)`. */
  readonly profile = new Profile(this, {
    client: () => this.client,
    intl: () => this.intl,
    session: () => this.#session,
    sessionEnded: () => this.#forgetSession(),
    onOpen: (id, push) => {
      this.#contact?.reset();
      const dialog = this.#dialog;
      if (!dialog?.open) dialog?.showModal();
      if (push) this.#save(true);
      emit(this, 'mahjar-profile-open', { id });
      return import('./contact.js').then((module) => {
        this.#contact ??= new module.Contact(this, {
          client: () => this.client,
          intl: () => this.intl,
          strings: () => this.#strings,
          problemText: (problem) => this.problemText(problem),
          onSent: (detail) => emit(this, 'mahjar-contact-sent', detail),
          onError: (problem) => this.#handleError(problem),
        });
      });
    },
    onError: (problem) => this.#handleError(problem),
  });
  /** The contact form of the open profile; its code loads when a profile is first opened. */
  #contact?: Contact;

  /** The facet counts on screen: they catch up with the results right after those are painted. */
  #shownFacets?: ProfessionalSearchResult['facets'];
  /** Whether the shown facet counts are exact. */
  #shownExact = true;
  /** Index of the first result of the last "load more", to focus. */
  #focusFrom = -1;
  /** The client and locale the search last started with. */
  #started?: { client: MahjarClient; intl: string };
  /** `presetKey` when the search started. */
  #preset = '';
  /** The first answer took longer than SKELETON_DELAY_MS: the skeleton may show. */
  #skeletonDue = false;
  #skeletonTimer?: ReturnType<typeof setTimeout>;
  /** How many of the results are rendered: FIRST_CARDS of the first answer until those are painted. */
  #cardLimit = FIRST_CARDS;
  /** The cards past the first, then the facet counts, catch up after the first results are painted. */
  #catchingUp?: Promise<void>;
  #formatters?: Formatters;

  /** Preset specialty codes (space- or comma-separated), e.g. `cardiology paediatric-oncology`. */
  specialty = '';
  /** Preset offer kinds: `mentoring`, `telehealth`, `teaching`, `research`, `return_placement`, `medical_mission`. */
  offer = '';
  /** Preset countries of practice (ISO 3166 codes), e.g. `US CA`. */
  country = '';
  /** Preset languages spoken (ISO 639-1), e.g. `ar`. */
  language = '';
  /** Preset city of practice, e.g. `Montréal` (one city). */
  city = '';
  /** Preset chapters (slugs), e.g. `ilma-usa`. */
  chapter = '';
  /** Facets the visitor cannot change (space-separated), e.g. `chapter offer`: their preset always applies and they are not shown. */
  locked = '';
  /** `cards` (default) or `list` (compact rows). */
  layout: 'cards' | 'list' = 'cards';
  /** Keep the search and the open profile in the page's URL (`mahjar-*` parameters), so they can be linked and the back button works. */
  urlState = false;

  override connectedCallback(): void {
    // The first request leaves now, before the first render is queued (and without waiting for a
    // translation chunk), so the server works while the element is set up.
    this.#skeletonDue = false;
    this.#skeletonTimer = setTimeout(() => {
      this.#skeletonDue = true;
      if (!this.hasUpdated) this.requestUpdate(); // else the answer came first: nothing to show
    }, SKELETON_DELAY_MS);
    this.resolveLocale();
    this.#start();
    super.connectedCallback(); // asks the provider, which answers synchronously when it has one
    addEventListener('popstate', this.#handlePopState);
    addEventListener('online', this.#handleOnline);
    this.#start(); // configured by the provider
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#skeletonTimer); // nothing to show any more
    super.disconnectedCallback();
    removeEventListener('popstate', this.#handlePopState);
    removeEventListener('online', this.#handleOnline);
    this.#started = undefined;
  }

  /** The first render waits for the first answer, or SKELETON_DELAY_MS, or presets that restart the search. */
  protected override shouldUpdate(): boolean {
    return (
      this.hasUpdated ||
      this.search.status !== 'loading' ||
      this.#skeletonDue ||
      (this.#started !== undefined && this.#preset !== this.#presetKey)
    );
  }

  protected override willUpdate(): void {
    // Presets set right after the element was connected (a framework setting properties) still count:
    // start again from them, and the answer to the request sent at connect is dropped.
    if (!this.hasUpdated && this.#started && this.#preset !== this.#presetKey) this.#started = undefined;
    this.#start();
  }

  protected override updated(): void {
    // Results first: once the first cards are painted, the cards past FIRST_CARDS, then the `Intl`
    // formatters (ICU's start-up) and the result count, then the facet counts, each after a frame.
    if (this.search.status === 'ready' && this.search.items.length <= this.#cardLimit)
      this.#cardLimit = Number.POSITIVE_INFINITY; // a first answer of FIRST_CARDS or fewer: nothing to follow
    const step = this.#catchingUp
      ? undefined
      : this.#cardLimit < this.search.items.length
        ? () => {
            this.#cardLimit = Number.POSITIVE_INFINITY;
          }
        : this.search.status === 'ready' && !this.#intlReady
          ? () => void this.#intlFormatters
          : this.search.facets !== this.#shownFacets
            ? () => {
                this.#shownFacets = this.search.facets;
                this.#shownExact = this.search.exact;
              }
            : undefined;
    if (step) {
      this.#catchingUp = new Promise((resolve) =>
        afterPaint(() => {
          this.#catchingUp = undefined;
          step();
          this.requestUpdate();
          resolve();
        }),
      );
    }
    if (this.#focusFrom >= 0) this.renderRoot.querySelectorAll<HTMLElement>('[part="name"]')[this.#focusFrom]?.focus();
    this.#focusFrom = -1;
  }

  /**
   * Resolves once the search under way has answered and what it answered is on screen: rendered,
   * every card and the facet counts caught up (awaited right after connecting, with the first results).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#catchingUp || (this.isConnected && this.search.busy)) {
      await (this.#catchingUp ?? this.search.settled);
      done = await super.getUpdateComplete(); // its update queues the next step, if any
    }
    return done;
  }

  /** Part of the answer is not on screen yet. */
  get #behind(): boolean {
    const { status, facets, items } = this.search;
    return (status === 'ready' && !this.#intlReady) || facets !== this.#shownFacets || this.#cardLimit < items.length;
  }

  /** The `Intl` formatters of the shown locale are built (the first results are painted without them). */
  get #intlReady(): boolean {
    return this.#formatters?.locale === this.intl;
  }

  /** What the first search is made of, besides the URL. */
  get #presetKey(): string {
    return JSON.stringify([...FACETS.map((facet) => this[facet]), this.locked, this.urlState]);
  }

  /**
   * Searches when the element gets a client or another language (the first time from its presets or
   * the URL); never for an element that has left the page (an update after it left, from a catch-up
   * step or the skeleton's timer, would otherwise start it again).
   */
  #start(): void {
    const { client, intl } = this;
    if (this.isConnected && client && (client !== this.#started?.client || intl !== this.#started.intl)) {
      const first = !this.#started;
      this.#started = { client, intl };
      this.#preset = this.#presetKey;
      const preset = noFilters();
      for (const facet of FACETS) preset[facet] = list(this[facet]);
      if (this.city) preset.city = [this.city.trim()];
      const url = first && this.urlState ? readUrl() : undefined;
      const fromUrl = url && (url.q || url.sort || FACETS.some((facet) => url.filters[facet].length));
      if (first) this.search.set(fromUrl ? url : { filters: preset });
      else this.search.run(); // another client or language: same query, new answers
      const profile = url?.profile;
      // a linked profile opens over the first render, which then need not wait for the results
      if (profile) this.#skeletonDue = true;
      if (profile)
        this.updateComplete.then(() => {
          if (this.profile.id !== profile) this.profile.open(profile, false);
        });
    }
  }

  /** A member signed in on this device (by `<mahjar-member-account>`) sees what their chapters' members share with members. */
  get #session(): Record<string, string> {
    const config = this.providerConfig;
    const token = memberSession(
      this.apiBase || config?.apiBase || '',
      this.publishableKey || config?.publishableKey || '',
    );
    return token ? { 'Mahjar-Member-Session': token } : {};
  }

  #forgetSession(): void {
    const config = this.providerConfig;
    forgetMemberSession(this.apiBase || config?.apiBase || '', this.publishableKey || config?.publishableKey || '');
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  /** Facets fixed by the embedding site. */
  get #fixed(): Filters {
    const fixed = noFilters();
    for (const facet of list(this.locked))
      if (facet in fixed) fixed[facet as Facet] = facet === 'city' ? [this.city.trim()] : list(this[facet as Facet]);
    return fixed;
  }

  get #intlFormatters(): Formatters {
    const locale = this.intl;
    if (this.#formatters?.locale !== locale)
      this.#formatters = {
        locale,
        numbers: new Intl.NumberFormat(locale),
      };
    return this.#formatters;
  }

  /**
   * The name of a facet value (a specialty, offer, chapter, country or language code) in the shown
   * language, as the directory shows it: from the answers' labels, else `Intl.DisplayNames`.
   */
  label(facet: Facet, value: string): string {
    const named = this.search.names?.[`${facet}:${value}`];
    if (named) return localText(named, this.ui).text;
    if (facet !== 'country' && facet !== 'language') return value.replace(/_/g, ' ');
    const formatters = this.#intlFormatters;
    const type = facet === 'country' ? 'region' : 'language';
    formatters[type] ??= new Intl.DisplayNames(formatters.locale, { type, fallback: 'code' });
    return formatters[type].of(value)!;
  }

  #handleError(problem: Problem): void {
    emit(this, 'mahjar-error', { problem });
  }

  #save(push: boolean): void {
    if (this.urlState) writeUrl({ ...this.search.query, profile: this.profile.id }, push);
  }

  #handlePopState = (): void => {
    if (!this.urlState) return;
    const { profile, ...query } = readUrl();
    this.search.set(query);
    if (profile !== this.profile.id) profile ? this.profile.open(profile, false) : this.#dialog?.close();
  };

  #handleOnline = (): void => {
    if (this.search.status === 'offline' || this.search.problem) this.search.retry();
  };

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** What the render helpers (facets.ts, results.ts, profile.ts) see: a view, never the element. */
  #view(): DirectoryView {
    const strings = this.#strings;
    return {
      strings,
      common: this.common,
      ui: this.ui,
      intl: this.intl,
      search: this.search,
      profile: this.profile,
      contact: this.#contact,
      fixed: this.#fixed,
      shownFacets: this.#shownFacets,
      shownExact: this.#shownExact,
      cardLimit: this.#cardLimit,
      intlReady: this.#intlReady,
      cardText: { titles: strings.titles, unnamed: strings.unnamed, offers: strings.facets.offer },
      label: (facet, value) => this.label(facet, value),
      number: (value) => this.#intlFormatters.numbers.format(value),
      plural: (forms, count) => this.plural(forms, count),
      problemText: (problem) => this.problemText(problem),
      open: (id) => this.profile.open(id),
      change: (query, typing) => {
        this.search.set(query);
        this.#save(!typing);
      },
      handleClose: () => {
        if (!this.profile.id) return;
        this.profile.close();
        this.#save(false);
      },
    };
  }

  protected override render(): unknown {
    const { status, busy, problem } = this.search;
    const view = this.#view();
    const common = this.common;
    // Until the first facets are shown, an empty column holds the layout; busy until they catch up.
    const column = status === 'ready' && !this.#shownFacets ? html`<div class="facets"></div>` : facets(view);
    const main =
      status === 'ready'
        ? results(view)
        : status === 'loading'
          ? html`<div class="sk"></div><div class="sk"></div><div class="sk"></div><span class="vh">${common.loading}</span>`
          : html`<div class="state"><p class="err" role="alert" part="error">${status === 'offline' ? common.offline : this.problemText(problem!)}</p>
      <button class="btn quiet" part="retry" @click=${this.search.retry}>${common.retry}</button></div>`;
    return this.frame(
      html`${top(view)}<div class="body">${column}<div class="main">${main}</div></div>${profileDialog(view)}`,
      busy || this.#behind,
    );
  }
}

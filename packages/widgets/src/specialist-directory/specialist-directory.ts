import type { LocalizedText, MahjarClient, Problem, Professional, ProfessionalSearchResult } from '@mahjar/sdk';
import { html } from 'lit';
import { emit } from '../shared/events.js';
import { type Locale, localText, type Plural, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import type { CardHost, CardText } from '../shared/professional-card.js';
import { cardStyles } from '../shared/professional-card.styles.js';
import { theme } from '../shared/theme.js';
import { specialistDirectory as en } from '../translations/en/specialist-directory.js';
import type { common } from '../translations/en.js';
import { Contact, type ContactSentDetail } from './contact.js';
import { facets, top } from './facets.js';
import { profileDialog } from './profile.js';
import { results } from './results.js';
import { FACETS, type Facet, type Filters, noFilters, type Query, Search } from './search.js';
import { styles } from './specialist-directory.styles.js';
import { readUrl, writeUrl } from './url.js';

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

/** Runs `f` after the next frame is painted, when the page is idle (Safari lacks requestIdleCallback). */
const afterPaint = (f: () => void) =>
  requestAnimationFrame(() =>
    'requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 100 }) : setTimeout(f),
  );
type Formatters = [string, Intl.DisplayNames, Intl.DisplayNames, Intl.NumberFormat, Intl.ListFormat];
const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);

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
export class MahjarSpecialistDirectory extends MahjarElement implements CardHost {
  static override styles = [theme, cardStyles, styles];
  /** @internal */
  static override strings: Strings<typeof en> = (l) =>
    l === 'ar'
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
    profile: { state: true, attribute: false },
    names: { state: true, attribute: false },
  };

  /** @internal */ search = new Search(this);
  /** @internal */ contact = new Contact(this);

  /** @internal The open profile's id ('' when closed). */ profileId = '';
  /** @internal The open profile, or why it did not load. */ profile?: Professional | Problem;
  /** @internal Names of specialty, offer and chapter codes, by `<facet>:<code>`, from the answers. */
  names?: Record<string, LocalizedText>;
  /** @internal The facet counts on screen: they catch up with the results right after those are painted. */
  shownFacets?: ProfessionalSearchResult['facets'];
  /** @internal Whether the shown facet counts are exact. */ shownExact = true;
  /** @internal Index of the first result of the last "load more", to focus. */ private focusFrom = -1;
  #started?: [MahjarClient, string];
  /** `presetKey` when the search started. */
  #preset = '';
  /** An update of the shown facets waits for the results to be painted. */
  #facetsQueued = false;
  /** `Intl` formatters of the shown locale, made once (hundreds of facet counts and cards use them). */
  #intl?: Formatters;

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
    // translation chunk), so the server works while the element renders its skeleton.
    this.resolveLocale();
    this.start();
    super.connectedCallback(); // asks the provider, which answers synchronously when it has one
    addEventListener('popstate', this.pop);
    addEventListener('online', this.wake);
    this.start(); // configured by the provider
    // While the server answers: build the `Intl` formatters (loading their locale data takes a cold page
    // tens of ms), so the first results render without paying for it.
    setTimeout(() => this.plural(this.s.results, this.fmt.length));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.pop);
    removeEventListener('online', this.wake);
    this.#started = undefined;
  }

  protected override willUpdate(): void {
    // Presets set right after the element was connected (a framework setting properties) still count:
    // start again from them, and the answer to the request sent at connect is dropped.
    if (!this.hasUpdated && this.#started && this.#preset !== this.presetKey) this.#started = undefined;
    this.start();
  }

  /** What the first search is made of, besides the URL. */
  private get presetKey(): string {
    return JSON.stringify([...FACETS.map((f) => this[f]), this.locked, this.urlState]);
  }

  /** Searches when the element gets a client or another language (the first time from its presets or the URL). */
  private start(): void {
    const { client, intl } = this;
    if (client && (client !== this.#started?.[0] || intl !== this.#started[1])) {
      const first = !this.#started;
      this.#started = [client, intl];
      this.#preset = this.presetKey;
      const preset = noFilters();
      for (const f of FACETS) preset[f] = list(this[f]);
      if (this.city) preset.city = [this.city.trim()];
      const url = first && this.urlState ? readUrl() : undefined;
      const has = url && (url.q || url.sort || FACETS.some((f) => url.filters[f].length));
      if (first) this.search.set(has ? url : { filters: preset });
      else this.search.run(); // another client or language: same query, new answers
      const profile = url?.profile;
      if (profile)
        this.updateComplete.then(() => {
          if (this.profileId !== profile) this.open(profile, false);
        });
    }
  }

  protected override updated(): void {
    // Results first: the facet counts and the labels follow once the results are painted.
    const { facets } = this.search;
    if (facets !== this.shownFacets && !this.#facetsQueued) {
      this.#facetsQueued = true;
      afterPaint(() => {
        this.#facetsQueued = false;
        this.shownFacets = this.search.facets;
        this.shownExact = this.search.exact;
        this.requestUpdate();
      });
    }
    if (this.focusFrom >= 0) this.renderRoot.querySelectorAll<HTMLElement>('[part="name"]')[this.focusFrom]?.focus();
    this.focusFrom = -1;
  }

  /** @internal */ declare ui: Locale;
  /** @internal */ declare intl: string;
  /** @internal */ override get client(): MahjarClient | undefined {
    return super.client;
  }
  /** @internal */ override get common(): typeof common {
    return super.common;
  }
  /** @internal */ override problemText(p: Problem): string {
    return super.problemText(p);
  }
  /** @internal */ override plural(forms: Plural, n: number): string {
    return super.plural(forms, n);
  }

  /** @internal Strings of the shown language. */
  get s(): typeof en {
    return this.ownStrings(en);
  }

  /** @internal The strings of the result cards. */
  get cardText(): CardText {
    const { s } = this;
    return { titles: s.titles, unnamed: s.unnamed, offers: s.facets.offer };
  }

  /** @internal Facets fixed by the embedding site. */
  get fixed(): Filters {
    const f = noFilters();
    for (const k of list(this.locked))
      if (k in f) f[k as Facet] = k === 'city' ? [this.city.trim()] : list(this[k as Facet]);
    return f;
  }

  /** @internal The label of a facet value in the shown language. */
  label(facet: Facet, value: string): string {
    const taxonomy = this.names?.[`${facet}:${value}`];
    return taxonomy
      ? localText(taxonomy, this.ui).text
      : facet === 'country'
        ? this.fmt[1].of(value)!
        : facet === 'language'
          ? this.fmt[2].of(value)!
          : value.replace(/_/g, ' ');
  }

  private get fmt(): Formatters {
    const l = this.intl;
    if (this.#intl?.[0] !== l)
      this.#intl = [
        l,
        new Intl.DisplayNames(l, { type: 'region', fallback: 'code' }),
        new Intl.DisplayNames(l, { type: 'language', fallback: 'code' }),
        new Intl.NumberFormat(l),
        new Intl.ListFormat(l, { style: 'narrow' }),
      ];
    return this.#intl;
  }

  /** @internal */ num(n: number): string {
    return this.fmt[3].format(n);
  }

  /** @internal */ list(xs: string[]): string {
    return this.fmt[4].format(xs);
  }

  /** @internal */ searched(r: ProfessionalSearchResult, more: boolean): void {
    // every answer names the specialty, offer and chapter codes it shows
    const named = Object.entries(r.labels).flatMap(([facet, byCode]) =>
      Object.entries(byCode).map(([code, name]) => [`${facet}:${code}`, name] as const),
    );
    if (named.some(([key]) => !this.names?.[key])) this.names = { ...this.names, ...Object.fromEntries(named) };
    if (more) this.focusFrom = this.search.items.length - r.items.length;
    const { q, sort } = this.search.query;
    emit(this, 'mahjar-search', { q, filters: this.search.sent, sort, total: r.total });
  }

  /** @internal */ failed(problem: Problem): void {
    emit(this, 'mahjar-error', { problem });
  }

  /** @internal */ sent(detail: ContactSentDetail): void {
    emit(this, 'mahjar-contact-sent', detail);
  }

  /** @internal Changes the query from the visitor's input; `typing` replaces the history entry rather than adding one. */
  change(query: Partial<Query>, typing = false): void {
    this.search.set(query);
    this.save(!typing);
  }

  private save(push: boolean): void {
    if (this.urlState) writeUrl({ ...this.search.query, profile: this.profileId }, push);
  }

  private pop = (): void => {
    if (!this.urlState) return;
    const { profile, ...query } = readUrl();
    this.search.set(query);
    if (profile !== this.profileId) profile ? this.open(profile, false) : this.dialog?.close();
  };

  private wake = (): void => {
    if (this.search.status === 'offline' || this.search.problem) this.search.retry();
  };

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** @internal Opens a profile; `push` records it in the URL (not when following the URL). */
  async open(id: string, push = true): Promise<void> {
    this.profileId = id;
    this.profile = undefined;
    this.contact.reset();
    if (!this.dialog?.open) this.dialog?.showModal();
    if (push) this.save(true);
    emit(this, 'mahjar-profile-open', { id });
    const { data, error } = await this.client!.GET('/v1/professionals/{id}', {
      params: { path: { id } },
      headers: { 'Accept-Language': this.intl },
    });
    if (this.profileId !== id) return;
    this.profile = data ?? (error as Problem);
    if (!data) this.failed(error as Problem);
  }

  /** @internal The dialog closed (Escape, the close button, the back button). */
  closed(): void {
    if (!this.profileId) return;
    this.profileId = '';
    this.save(false);
    this.requestUpdate();
  }

  /** @internal */ loadMore(): void {
    this.search.run(true);
  }

  protected override render(): unknown {
    const { status, busy } = this.search;
    // Until the first facets are shown, an empty column holds the layout; busy until they catch up.
    const column = status === 'ready' && !this.shownFacets ? html`<div class="facets"></div>` : facets(this);
    return this.frame(
      html`${top(this)}<div class="body">${column}<div class="main">${status === 'ready' ? results(this) : this.placeholder()}</div></div>${profileDialog(this)}`,
      busy || this.search.facets !== this.shownFacets,
    );
  }

  private placeholder(): unknown {
    const { status, problem } = this.search;
    const c = this.common;
    if (status === 'loading')
      return html`<div class="sk"></div><div class="sk"></div><div class="sk"></div><span class="vh">${c.loading}</span>`;
    return html`<div class="state"><p class="err" role="alert" part="error">${status === 'offline' ? c.offline : this.problemText(problem!)}</p>
      <button class="btn quiet" part="retry" @click=${this.search.retry}>${c.retry}</button></div>`;
  }
}

import type { MahjarClient, NeedAnswer, Problem, PublicNeed } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { takeSignInCode } from '../member-account/session.js';
import { emit } from '../shared/events.js';
import { Load, LoadStatus } from '../shared/load.js';
import { localText, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { needsBoard as en } from '../translations/en/needs-board.js';
import type { NeedAnswers } from './answer.js';
import { card, filters, needList } from './board.js';
import { keepDraft, storedDraft, takeNeedInvitation } from './link.js';
import { styles } from './needs-board.styles.js';
import type { BoardView, Chosen } from './view.js';

/** detail of `mahjar-need-answered`. */
export interface NeedAnsweredDetail {
  needId: string;
  answerId: string;
  /** `invitation`: with the token of a mailed link; `member`: as the member signed in on this device. */
  via: 'invitation' | 'member';
  /** The answer had been given before (nothing new was written). */
  already: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-need-answered': CustomEvent<NeedAnsweredDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-needs-board': MahjarNeedsBoard;
  }
}

/** How many needs a page of the board reads. */
const PAGE = 10;
type NeedsArgs = readonly [client: MahjarClient, query: string];

/**
 * @summary The open needs of a ministry of health, for its own website: what help it asks the
 * diaspora for, filterable by how (telehealth, teaching…), where (a country, remote or on site) and
 * National Health Strategy priority area, with "I can help".
 *
 * A professional answers either from the link of an invitation the ministry mailed them (the page
 * opened with `#mahjar-need=…&mahjar-need-answer=…`: the element takes it out of the address and
 * shows that need first), or as the member signed in on this device (the session
 * `<mahjar-member-account>` keeps). Someone not signed in asks for a sign-in link right there; it
 * returns to this page, and the message typed meanwhile is kept on this device.
 *
 * @tag mahjar-needs-board
 * @slot - Fallback content (a link to the ministry's needs page): shown before the element upgrades,
 *   when scripts are blocked, and beside the error message.
 * @csspart base - The themed frame.
 * @csspart filters - The filter form.
 * @csspart field - Each select, text area and input.
 * @csspart list - The list of needs.
 * @csspart need - Each need.
 * @csspart more - The button that shows more needs.
 * @csspart answer - The "I can help" form of a need and what came of it.
 * @csspart help - Each "I can help" button.
 * @csspart form - Each native form of an answer (the message, the sign-in request).
 * @csspart submit - Each form's submit button.
 * @csspart status - A message confirming what happened.
 * @csspart error - A message about a request that failed.
 * @csspart retry - The retry button of the error and offline states.
 * @cssprop --mahjar-color-accent - Buttons, focus and the invited need (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Secondary text (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @cssprop --mahjar-needs-board-gap - Space between needs (default 0.75em).
 * @event mahjar-need-answered - Someone said "I can help"; detail: { needId, answerId, via, already }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarNeedsBoard extends MahjarElement {
  static override styles = [theme, styles];
  /** The Arabic and French strings, loaded on first use. */
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar' ? import('../translations/ar/needs-board.js') : import('../translations/fr/needs-board.js');
  static override properties = {
    organisation: {},
    returnUrl: { attribute: 'return-url' },
  };

  /** The first page of needs, read again when the client, the ministry or the filters change. */
  #needs = new Load(this, {
    args: (): NeedsArgs | undefined =>
      this.client ? [this.client, JSON.stringify([this.organisation, this.#chosen])] : undefined,
    task: async ([client, query]: NeedsArgs) => {
      // revalidated (a 304 when nothing changed): a need opened or filled a moment ago shows as it is
      const { data, error } = await client.GET('/v1/needs', {
        params: { query: { ...this.#query(), limit: PAGE } },
        headers: { 'Accept-Language': this.intl },
        cache: 'no-cache',
      });
      if (!data) throw error;
      return { ...data, query };
    },
    onComplete: (page) => {
      this.#shown = page.items;
      this.#cursor = page.nextCursor;
      this.#queryShown = page.query;
      for (const need of page.items) this.#countries.add(need.place.country);
    },
    onError: (problem) => emit(this, 'mahjar-error', { problem: problem as Problem }),
  });
  /** Specialties and priority areas, for their names and the filter. */
  #names = new Load(this, {
    args: () => (this.client ? ([this.client] as const) : undefined),
    task: async ([client]: readonly [MahjarClient]) => {
      const [specialties, areas] = await Promise.all([
        client.GET('/v1/taxonomies/specialties'),
        client.GET('/v1/taxonomies/priority-areas'),
      ]);
      return { specialties: specialties.data?.items ?? [], areas: areas.data?.items ?? [] };
    },
  });
  /** The need of an invitation's link (or of a message kept through a sign-in), shown first. */
  #featured = new Load(this, {
    args: () => {
      const id = this.#featuredId;
      return this.client && id ? ([this.client, id] as const) : undefined;
    },
    task: async ([client, id]: readonly [MahjarClient, string]) => {
      const { data, error } = await client.GET('/v1/needs/{id}', {
        params: { path: { id } },
        headers: { 'Accept-Language': this.intl },
        cache: 'no-cache',
      });
      if (!data) throw error;
      return data;
    },
    // a kept message's need that is no longer open: the message has nowhere to go
    onError: () => !this.#answers?.invited && keepDraft(this.#apiBase, this.#publishableKey),
  });
  /** "I can help" (answer.ts), loaded on intent, or at once when the address or this device asks for it. */
  #answers?: NeedAnswers;
  #answersLoaded?: Promise<void>;

  #chosen: Chosen = { how: '', where: '', area: '' };
  /** Every page read so far for the filters of `#queryShown`. */
  #shown: PublicNeed[] = [];
  #cursor: string | null = null;
  #queryShown = '';
  #loadingMore = false;
  #countries = new Set<string>();
  /** What a screen reader is told after "more". */
  #announcement = '';
  /** From this page's address: an invitation, or a sign-in link's code, until the answer code takes them. */
  #invitation?: { needId: string; token: string };
  #signInCode?: string;

  /** The ministry whose needs are shown (its slug; default: the publishable key's organisation). */
  organisation = '';
  /** Where the sign-in link returns to (default: this page); its origin must be allowed for the organisation. */
  returnUrl = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeLink();
    addEventListener('hashchange', this.#handleHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#handleHashChange);
  }

  /** Resolves once rendered, with the answer code when it is loading. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#answersLoaded;
    return super.getUpdateComplete();
  }

  protected override willUpdate(): void {
    if (this.client && (this.#invitation || this.#signInCode || this.#draft)) this.#follow();
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  get #apiBase(): string {
    return this.apiBase || this.providerConfig?.apiBase || '';
  }

  get #publishableKey(): string {
    return this.publishableKey || this.providerConfig?.publishableKey || '';
  }

  get #draft() {
    return this.#answersLoaded ? undefined : storedDraft(this.#apiBase, this.#publishableKey);
  }

  get #featuredId(): string | undefined {
    return this.#answers?.featured ?? this.#invitation?.needId ?? this.#draft?.needId;
  }

  /** The query of the chosen filters. */
  #query() {
    const { how, where, area } = this.#chosen;
    return {
      ...(this.organisation ? { organisation: this.organisation } : {}),
      ...(how ? { offerKind: [how as PublicNeed['offerKinds'][number]] } : {}),
      ...(where === 'remote' ? { remote: true } : where === 'site' ? { remote: false } : {}),
      ...(where.startsWith('c:') ? { country: [where.slice(2)] } : {}),
      ...(area ? { priorityArea: [area] } : {}),
    };
  }

  /** Takes an invitation or a sign-in code out of the page's address. */
  #takeLink(): void {
    const invitation = takeNeedInvitation();
    const code = invitation ? undefined : takeSignInCode();
    if (invitation) this.#invitation = invitation;
    if (code) this.#signInCode = code;
    if (invitation || code) this.requestUpdate();
  }

  /** The link opened in the tab that shows this page already: only the fragment changes. */
  #handleHashChange = (): void => this.#takeLink();

  #loadAnswers(): Promise<void> {
    this.#answersLoaded ??= import('./answer.js').then((module) => {
      this.#answers = new module.NeedAnswers(this, {
        client: () => this.client!,
        apiBase: () => this.#apiBase,
        publishableKey: () => this.#publishableKey,
        strings: () => this.#strings,
        intl: () => this.intl,
        problemText: (problem) => this.problemText(problem),
        returnUrl: () => this.returnUrl || location.href.split('#')[0]!,
        answered: (answer: NeedAnswer, via, already) =>
          emit(this, 'mahjar-need-answered', { needId: answer.needId, answerId: answer.id, via, already }),
        failed: (problem) => emit(this, 'mahjar-error', { problem }),
      });
      this.requestUpdate();
    });
    return this.#answersLoaded;
  }

  /** Hands what the address brought to the answer code, once it is there. */
  async #follow(): Promise<void> {
    await this.#loadAnswers();
    const answers = this.#answers!;
    const invitation = this.#invitation;
    const code = this.#signInCode;
    this.#invitation = undefined;
    this.#signInCode = undefined;
    if (invitation) answers.invite(invitation.needId, invitation.token);
    if (code) await answers.signIn(code);
  }

  #handleIntent = (): void => {
    this.#loadAnswers();
  };

  #handleHelp = async (need: PublicNeed): Promise<void> => {
    await this.#loadAnswers();
    await this.#answers!.open(need);
  };

  #handleMore = async (): Promise<void> => {
    const client = this.client;
    const cursor = this.#cursor;
    const query = this.#queryShown;
    if (!client || !cursor || this.#loadingMore) return;
    this.#loadingMore = true;
    this.requestUpdate();
    const { data, error } = await client.GET('/v1/needs', {
      params: { query: { ...this.#query(), limit: PAGE, cursor } },
      headers: { 'Accept-Language': this.intl },
      cache: 'no-cache',
    });
    this.#loadingMore = false;
    if (query !== this.#queryShown) return; // the filters changed meanwhile: that answer is for another list
    if (data) {
      this.#shown = [...this.#shown, ...data.items];
      this.#cursor = data.nextCursor;
      for (const need of data.items) this.#countries.add(need.place.country);
      this.#announcement = this.plural(this.#strings.moreShown, data.items.length);
      this.requestUpdate();
      await this.updateComplete;
      // the first need just shown takes the focus, so keyboard and screen reader users continue from there
      const first = data.items[0];
      if (first) this.renderRoot.querySelector<HTMLElement>(`#t-${CSS.escape(first.id)}`)?.focus();
    } else emit(this, 'mahjar-error', { problem: error as Problem });
    this.requestUpdate();
  };

  #handleRetry = (): void => {
    this.#needs.run();
  };

  /** What the render helpers in this folder see (view.ts). */
  #view(): BoardView {
    const strings = this.#strings;
    const names = this.#names.value;
    const name = (list: { code: string; name: Record<string, string | undefined> }[] | undefined, code: string) => {
      const found = list?.find((each) => each.code === code);
      return found ? localText(found.name, this.ui).text : code;
    };
    const featured = this.#featured.value?.id === this.#featuredId ? this.#featured.value?.id : undefined;
    return {
      strings,
      common: this.common,
      ui: this.ui,
      intl: this.intl,
      needs: this.#shown.filter((need) => need.id !== featured),
      more: !!this.#cursor,
      busy: this.#loadingMore,
      chosen: this.#chosen,
      countries: [...this.#countries],
      areas: names?.areas ?? [],
      specialty: (code) => name(names?.specialties, code),
      area: (code) => name(names?.areas, code),
      plural: (forms, count) => this.plural(forms, count),
      answer: (need) => {
        const button = html`<button class="btn" part="help" data-help=${need.id} aria-describedby=${`t-${need.id}`}
          @pointerenter=${this.#handleIntent} @focus=${this.#handleIntent} @click=${() => this.#handleHelp(need)}>${strings.help}</button>`;
        return this.#answers ? this.#answers.render(need, button) : button;
      },
      choose: (chosen) => {
        this.#chosen = chosen;
        this.#announcement = '';
        this.requestUpdate();
      },
      showMore: () => this.#handleMore(),
    };
  }

  #featuredPart(view: BoardView): unknown {
    const featured = this.#featured;
    const id = this.#featuredId;
    if (!id) return nothing;
    const invited = this.#answers?.invited ?? !!this.#invitation;
    const label = invited ? view.strings.invitation : view.strings.help;
    if (featured.status === LoadStatus.ERROR)
      return invited
        ? html`<section class="featured" aria-label=${label}><p class="kicker">${label}</p>
            <p class="err" role="alert" part="error">${view.strings.invalid}</p></section>`
        : nothing;
    const need = featured.value?.id === id ? featured.value : undefined;
    return need
      ? html`<section class="featured" aria-label=${label}><p class="kicker" aria-hidden="true">${label}</p><ul><li>${card(view, need)}</li></ul></section>`
      : html`<div class="sk"></div>`;
  }

  protected override render(): unknown {
    const strings = this.#strings;
    const load = this.#needs;
    const view = this.#view();
    const busy = load.status === LoadStatus.PENDING || load.status === LoadStatus.INITIAL;
    // the names of specialties and areas come with the first list (no codes flash); without them, codes
    const naming = this.#names.status === LoadStatus.PENDING || this.#names.status === LoadStatus.INITIAL;
    const body =
      load.status === LoadStatus.ERROR
        ? html`<p class="err" role="alert" part="error">${load.offline ? this.common.offline : this.problemText(load.error as Problem)}</p>
            <button class="btn quiet" part="retry" @click=${this.#handleRetry}>${this.common.retry}</button>
            <p><slot></slot></p>`
        : (busy && load.value === undefined) || naming
          ? html`<div class="sk"></div><div class="sk"></div><div class="sk"></div><span class="vh">${this.common.loading}</span>`
          : needList(view);
    return this.frame(
      html`<section aria-labelledby="title">
        <h2 id="title">${strings.title}</h2>
        <p class="muted">${strings.intro}</p>
        ${this.#featuredPart(view)}
        ${filters(view)}
        ${body}
        <p class="vh" role="status">${this.#announcement}</p>
      </section>`,
      busy || naming,
    );
  }
}

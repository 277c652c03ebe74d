import type {
  MahjarClient,
  Event as MahjarEvent,
  Organisation,
  PriorityArea,
  Problem,
  Registration,
} from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { formatNumber, type Locale, localText, type Plural, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { eventCalendar as en } from '../translations/en/event-calendar.js';
import type { common } from '../translations/en.js';
import { agenda, dayPanel } from './agenda.js';
import { detail } from './detail.js';
import { styles } from './event-calendar.styles.js';
import { FILTERS, type Filter, filters } from './filters.js';
import { grid } from './month-grid.js';
import type { Attempt } from './registration-form.js';
import { city, civil, dayOf, firstDay, fmt, localZone, monthWeeks, ymd } from './time.js';

/** detail of `mahjar-event-open`. */
export interface EventOpenDetail {
  id: string;
  slug: string;
}

/** detail of `mahjar-registration-complete`. */
export interface RegistrationCompleteDetail {
  eventId: string;
  registrationId: string;
  status: Registration['status'];
  waitlistPosition: number | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-event-open': CustomEvent<EventOpenDetail>;
    'mahjar-registration-complete': CustomEvent<RegistrationCompleteDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-event-calendar': MahjarEventCalendar;
  }
}

const DAY = 864e5;
const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);

/**
 * @summary Webinars, CME courses, workshops, conferences and medical missions of the chapters and the
 * ministry: a month grid and a list, filters, times in the viewer's zone and the organiser's,
 * details, registration with waitlist, add to calendar and subscribe to the organiser's feed.
 *
 * Without JavaScript the light-DOM content is all there is, so give a link to the events page:
 * `<mahjar-event-calendar><a href="https://…/events">Our events</a></mahjar-event-calendar>`.
 *
 * @tag mahjar-event-calendar
 * @slot - Fallback content (a link to the events page): shown before the element upgrades, when
 *   scripts are blocked, and beside the error message.
 * @csspart base - The themed frame.
 * @csspart toolbar - Month navigation and the view switch.
 * @csspart filters - The filter panel (a `<details>`).
 * @csspart grid - The month grid (`role="grid"`).
 * @csspart day - Each day cell of the grid.
 * @csspart list - The list of events (list view and the chosen day).
 * @csspart event - Each event button.
 * @csspart retry - The retry button of the error and offline states.
 * @csspart dialog - The event detail `<dialog>`.
 * @csspart form - The registration form.
 * @csspart field - Each text input of the registration form.
 * @csspart submit - The register button.
 * @csspart error - The message when registration failed.
 * @csspart add-to-calendar - The add-to-calendar menu (a `<details>`).
 * @cssprop --mahjar-color-accent - Buttons, today and selection (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Secondary text (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors and cancelled events (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @cssprop --mahjar-event-calendar-cell - Minimum height of a day cell (default 5.5em).
 * @event mahjar-event-open - An event's details were opened; detail: { id, slug }.
 * @event mahjar-registration-complete - Someone registered; detail: { eventId, registrationId, status, waitlistPosition }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarEventCalendar extends MahjarElement {
  static override styles = [theme, styles];
  /** @internal */
  static override strings: Strings<typeof en> = (l) =>
    l === 'ar' ? import('../translations/ar/event-calendar.js') : import('../translations/fr/event-calendar.js');
  static override properties = {
    view: { reflect: true },
    month: {},
    kind: {},
    organiser: {},
    language: {},
    priorityArea: { attribute: 'priority-area' },
    mode: {},
    timeZone: { attribute: 'time-zone' },
    status: { state: true, attribute: false },
    events: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    shown: { state: true, attribute: false },
    focusDay: { state: true, attribute: false },
    selected: { state: true, attribute: false },
    chosen: { state: true, attribute: false },
    orgs: { state: true, attribute: false },
    areas: { state: true, attribute: false },
    opened: { state: true, attribute: false },
    reg: { state: true, attribute: false },
  };

  /** @internal */ status: 'loading' | 'ready' | 'error' | 'offline' = 'loading';
  /** @internal */ events: MahjarEvent[] = [];
  /** @internal */ problem?: Problem;
  /** @internal The month shown: [year, month 0–11]. */
  shown?: [number, number];
  /** @internal The grid cell that holds the roving tab stop. */
  focusDay = 0;
  /** @internal The day whose events are listed under the grid. */
  selected?: number;
  /** @internal The filters chosen (from the attributes, then the user). */
  chosen?: Record<Filter, string[]>;
  /** @internal */ orgs: Organisation[] = [];
  /** @internal */ areas: PriorityArea[] = [];
  /** @internal The event whose details are open. */
  opened?: MahjarEvent;
  /** @internal The registration in progress or done for the opened event. */
  reg: Attempt = {};
  /** @internal Languages seen in any loaded page, so the language filter keeps its options. */
  langs = new Set<string>();
  private loaded?: string;
  private opener?: HTMLElement | null;

  /** `month` (default) or `list`. */
  view: 'month' | 'list' = 'month';
  /** The month shown first, `YYYY-MM` (default: this month in the viewer's time zone). */
  month = '';
  /** Preset kinds, e.g. `webinar cme_course` (space- or comma-separated). */
  kind = '';
  /** Preset organiser slugs, e.g. `ilma-usa moph-lebanon`. */
  organiser = '';
  /** Preset event languages (ISO 639-1), e.g. `ar en`. */
  language = '';
  /** Preset priority area codes, e.g. `mental-health`. */
  priorityArea = '';
  /** Preset `online` or `in_person` (hybrid events count as both). */
  mode = '';
  /** The viewer's IANA time zone (default: the browser's). */
  timeZone = '';

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.wake);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.wake);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (!this.chosen || FILTERS.some((f) => changed.has(f))) {
      this.chosen = Object.fromEntries(FILTERS.map((f) => [f, list(this[f])])) as Record<Filter, string[]>;
    }
    if (!this.shown || changed.has('month')) {
      const m = /^(\d{4})-(\d\d)$/.exec(this.month);
      const [y, mo, d] = ymd(dayOf(new Date(), this.zone));
      this.shown = m ? [+m[1]!, +m[2]! - 1] : [y, mo];
      this.focusDay = m ? civil(this.shown[0], this.shown[1], 1) : civil(y, mo, d);
    }
    this.firstDay = firstDay(this.intl);
    const key = JSON.stringify([this.shown, this.chosen, this.firstDay]);
    if (this.client && (key !== this.loaded || this.client !== this.lastClient)) this.load(key);
  }

  private lastClient?: unknown;

  /** @internal Strings of the shown language. */
  get s(): typeof en {
    return this.ownStrings(en);
  }

  /** @internal The viewer's time zone. */
  get zone(): string {
    return this.timeZone || localZone();
  }

  /** @internal The API origin, for the links calendar applications open directly. */
  get base(): string {
    return this.apiBase || this.providerConfig?.apiBase || '';
  }

  /** @internal The weeks of the shown month. */
  get weeks(): number[][] {
    return monthWeeks(this.shown![0], this.shown![1], this.firstDay);
  }

  /** @internal */ firstDay = 1;

  private wake = (): void => {
    if (this.status === 'offline') this.load(this.loaded!);
  };

  /** @internal Reports a failed request. */
  fail(problem: Problem): void {
    emit(this, 'mahjar-error', { problem });
  }

  /** Loads (or reloads) the events of the shown weeks, with the chosen filters. */
  async load(key = this.loaded!): Promise<void> {
    const client = this.client!;
    this.loaded = key;
    this.lastClient = client;
    this.status = 'loading';
    if (!this.orgs.length)
      Promise.all([
        client.GET('/v1/organisations', { params: { query: { limit: 100 } } }),
        client.GET('/v1/taxonomies/priority-areas'),
      ]).then(([o, a]) => {
        this.orgs = o.data?.items ?? [];
        this.areas = a.data?.items ?? [];
      });
    const w = this.weeks;
    // A day of margin each side covers every zone's offset; events are then placed on the viewer's days.
    const c = this.chosen!;
    const mode = c.mode.length ? [...c.mode, 'hybrid' as const] : undefined;
    const query = {
      from: new Date((w[0]![0]! - 1) * DAY).toISOString(),
      to: new Date((w.at(-1)![6]! + 2) * DAY).toISOString(),
      kind: c.kind.length ? (c.kind as MahjarEvent['kind'][]) : undefined,
      organiser: c.organiser.length ? c.organiser : undefined,
      language: c.language.length ? c.language : undefined,
      priorityArea: c.priorityArea.length ? c.priorityArea : undefined,
      mode: mode as MahjarEvent['mode'][] | undefined,
      limit: 100,
    };
    const events: MahjarEvent[] = [];
    let cursor: string | undefined;
    do {
      const { data, error } = await client.GET('/v1/events', {
        params: { query: { ...query, cursor } },
        headers: { 'Accept-Language': this.intl },
      });
      if (this.loaded !== key) return;
      if (!data) {
        this.problem = error as Problem;
        this.status = navigator.onLine ? 'error' : 'offline';
        return this.fail(this.problem);
      }
      events.push(...data.items);
      cursor = data.nextCursor ?? undefined;
    } while (cursor && events.length < 500);
    for (const e of events) this.langs.add(e.language);
    this.events = events;
    this.status = 'ready';
  }

  /** @internal Events by the viewer's civil day (multi-day events on every day they cover). */
  get byDay(): Map<number, MahjarEvent[]> {
    const days = new Map<number, MahjarEvent[]>();
    for (const e of this.events) {
      const last = Math.min(dayOf(new Date(Date.parse(e.endsAt) - 1), this.zone), dayOf(e.startsAt, this.zone) + 62);
      for (let d = dayOf(e.startsAt, this.zone); d <= last; d++) days.set(d, [...(days.get(d) ?? []), e]);
    }
    return days;
  }

  /** @internal Shows another month (and moves the grid's tab stop into it). */
  go(months: number, focus?: number): void {
    const [y, m] = this.shown!;
    const [ny, nm] = ymd(civil(y, m + months, 1));
    this.shown = [ny, nm];
    this.focusDay = focus ?? civil(ny, nm, Math.min(ymd(this.focusDay)[2], ymd(civil(ny, nm + 1, 0))[2]));
    this.selected = undefined;
  }

  /** @internal Opens an event's details. */
  async openEvent(e: MahjarEvent): Promise<void> {
    this.opener = this.renderRoot.querySelector<HTMLElement>(':focus') ?? null;
    if (this.opened?.id !== e.id) this.reg = {};
    this.opened = e;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    emit(this, 'mahjar-event-open', { id: e.id, slug: e.slug });
    // The list may be a few minutes old (it is cached for embed traffic): seats and status are checked now.
    const { data } = await this.client!.GET('/v1/events/{id}', { params: { path: { id: e.id } }, cache: 'no-cache' });
    if (data && this.opened?.id === e.id) this.opened = data;
  }

  /** @internal After the dialog closes: focus goes back where it was. */
  closed(): void {
    this.opener?.focus();
  }

  /** @internal Text of an API `LocalizedText` in the shown language, with its own `lang` and direction (isolated). */
  text(t: Partial<Record<'en' | 'ar' | 'fr', string>>): unknown {
    const local = localText(t, this.ui);
    return html`<span lang=${local.lang} dir="auto">${local.text}</span>`;
  }

  // The render helpers in this folder are functions of the element: these widen what they need.
  /** @internal */ declare intl: string;
  /** @internal */ declare ui: Locale;
  /** @internal */ override get common(): typeof common {
    return super.common;
  }
  /** @internal */ override get client(): MahjarClient | undefined {
    return super.client;
  }
  /** @internal */ override plural(forms: Plural, n: number): string {
    return super.plural(forms, n);
  }
  /** @internal */ override problemText(p: Problem): string {
    return super.problemText(p);
  }

  /** @internal */
  number(n: number): string {
    return formatNumber(n, this.intl);
  }

  /** @internal An organiser's name (its slug until the organisations have loaded). */
  org(slug: string): string {
    const o = this.orgs.find((x) => x.slug === slug);
    return o ? localText(o.name, this.ui).text : slug;
  }

  protected override render(): unknown {
    const { s, status } = this;
    const [y, m] = this.shown!;
    const title = fmt(this.intl, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(civil(y, m, 1) * DAY);
    const busy = status === 'loading';
    const view = (v: 'month' | 'list', label: string) =>
      html`<button class="btn quiet" aria-pressed=${this.view === v} @click=${() => (this.view = v)}>${label}</button>`;
    const body =
      status === 'error' || status === 'offline'
        ? html`<p class="err" role="alert">${status === 'offline' ? this.common.offline : this.problemText(this.problem!)}</p>
            <button class="btn quiet" part="retry" @click=${() => this.load()}>${this.common.retry}</button>
            <p><slot></slot></p>`
        : busy && !this.events.length
          ? html`<div class="sk"></div><div class="sk"></div><div class="sk"></div><span class="vh">${this.common.loading}</span>`
          : this.view === 'list'
            ? agenda(this)
            : html`${grid(this, title)}${dayPanel(this)}`;
    return this.frame(
      html`<section aria-label=${s.label}>
        <div class="bar" part="toolbar">
          <button class="btn quiet nav" aria-label=${s.prev} @click=${() => this.go(-1)}><span aria-hidden="true">‹</span></button>
          <h2 aria-live="polite">${title}</h2>
          <button class="btn quiet nav" aria-label=${s.next} @click=${() => this.go(1)}><span aria-hidden="true">›</span></button>
          <button class="btn quiet" @click=${() => {
            const [ty, tm, td] = ymd(dayOf(new Date(), this.zone));
            this.go((ty - y) * 12 + tm - m, civil(ty, tm, td));
          }}>${s.today}</button>
          <span class="views" role="group" aria-label=${`${s.month} / ${s.list}`}>${view('month', s.month)}${view('list', s.list)}</span>
        </div>
        ${filters(this)}
        <p class="muted note">${s.timeNote(city(this.zone, this.intl))}</p>
        ${body}
        ${this.opened ? detail(this, this.opened) : nothing}
      </section>`,
      busy,
    );
  }
}

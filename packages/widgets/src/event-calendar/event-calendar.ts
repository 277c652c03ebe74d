import type {
  MahjarClient,
  Event as MahjarEvent,
  Organisation,
  PriorityArea,
  Problem,
  Registration,
} from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { dialogStyles } from '../shared/dialog.styles.js';
import { emit } from '../shared/events.js';
import { Load, LoadStatus } from '../shared/load.js';
import { formatNumber, type Locale, localText, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { eventCalendar as en } from '../translations/en/event-calendar.js';
import { agenda, dayPanel } from './agenda.js';
import type { EventDetails } from './detail.js';
import { styles } from './event-calendar.styles.js';
import { FILTERS, type Filter, filters } from './filters.js';
import { grid } from './month-grid.js';
import { city, civil, civilDate, dateFormat, dayOf, firstDay, localZone, monthWeeks } from './time.js';
import type { CalendarView, ShownMonth } from './view.js';

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
const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);
/** What one reading of events asks for: the shown weeks, with the chosen filters. */
type EventsArgs = readonly [client: MahjarClient, query: string];

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
  static override styles = [theme, dialogStyles, styles];
  /** The Arabic and French strings, loaded on first use. */
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar' ? import('../translations/ar/event-calendar.js') : import('../translations/fr/event-calendar.js');
  static override properties = {
    view: { reflect: true },
    month: {},
    kind: {},
    organiser: {},
    language: {},
    priorityArea: { attribute: 'priority-area' },
    mode: {},
    timeZone: { attribute: 'time-zone' },
  };

  /** The events of the shown weeks, read again when the client, the month or the filters change. */
  #events = new Load(this, {
    args: (): EventsArgs | undefined =>
      this.client ? [this.client, JSON.stringify([this.#shown, this.#chosen, this.#firstDay])] : undefined,
    task: async ([client]: EventsArgs) => {
      const weeks = this.#weeks;
      const chosen = this.#chosen;
      const mode = chosen.mode.length ? [...chosen.mode, 'hybrid' as const] : undefined;
      // A day of margin each side covers every zone's offset; events are then placed on the viewer's days.
      const query = {
        from: new Date((weeks[0]![0]! - 1) * DAY).toISOString(),
        to: new Date((weeks.at(-1)![6]! + 2) * DAY).toISOString(),
        kind: chosen.kind.length ? (chosen.kind as MahjarEvent['kind'][]) : undefined,
        organiser: chosen.organiser.length ? chosen.organiser : undefined,
        language: chosen.language.length ? chosen.language : undefined,
        priorityArea: chosen.priorityArea.length ? chosen.priorityArea : undefined,
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
        if (!data) throw error;
        events.push(...data.items);
        cursor = data.nextCursor ?? undefined;
      } while (cursor && events.length < 500);
      for (const event of events) this.#languages.add(event.language);
      return events;
    },
    onError: (problem) => emit(this, 'mahjar-error', { problem: problem as Problem }),
  });
  /** Organisations and priority areas, for the filters and the names of organisers. */
  #names = new Load(this, {
    args: () => (this.client ? ([this.client] as const) : undefined),
    task: async ([client]: readonly [MahjarClient]) => {
      const [organisations, areas] = await Promise.all([
        client.GET('/v1/organisations', { params: { query: { limit: 100 } } }),
        client.GET('/v1/taxonomies/priority-areas'),
      ]);
      return { organisations: organisations.data?.items ?? [], areas: areas.data?.items ?? [] };
    },
  });
  /** The event dialog's code (details, registration, add to calendar), loaded when an event is first opened. */
  #details?: EventDetails;

  /** The month shown. */
  #shown!: ShownMonth;
  /** The grid cell that holds the roving tab stop. */
  #focusDay = 0;
  /** The day whose events are listed under the grid. */
  #selected?: number;
  /** The filters chosen (from the attributes, then the user). */
  #chosen!: Record<Filter, string[]>;
  /** The event whose details are open. */
  #opened?: MahjarEvent;
  /** Languages seen in any loaded page, so the language filter keeps its options. */
  #languages = new Set<string>();
  #firstDay = 1;
  /** What had the focus when the dialog opened. */
  #opener?: HTMLElement | null;

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

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (!this.#chosen || FILTERS.some((filter) => changed.has(filter)))
      this.#chosen = Object.fromEntries(FILTERS.map((filter) => [filter, list(this[filter])])) as Record<
        Filter,
        string[]
      >;
    if (!this.#shown || changed.has('month')) {
      const match = /^(\d{4})-(\d\d)$/.exec(this.month);
      const today = civilDate(dayOf(new Date(), this.#zone));
      this.#shown = match ? { year: +match[1]!, month: +match[2]! - 1 } : today;
      this.#focusDay = match
        ? civil(this.#shown.year, this.#shown.month, 1)
        : civil(today.year, today.month, today.day);
    }
    this.#firstDay = firstDay(this.intl);
  }

  /** Loads (or reloads) the events of the shown weeks, with the chosen filters. */
  load(): Promise<void> {
    return this.#events.run();
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  /** The viewer's time zone. */
  get #zone(): string {
    return this.timeZone || localZone();
  }

  /** The weeks of the shown month. */
  get #weeks(): number[][] {
    return monthWeeks(this.#shown.year, this.#shown.month, this.#firstDay);
  }

  /** Events by the viewer's civil day (multi-day events on every day they cover). */
  get #byDay(): Map<number, MahjarEvent[]> {
    const days = new Map<number, MahjarEvent[]>();
    const zone = this.#zone;
    for (const event of this.#events.value ?? []) {
      const first = dayOf(event.startsAt, zone);
      const last = Math.min(dayOf(new Date(Date.parse(event.endsAt) - 1), zone), first + 62);
      for (let day = first; day <= last; day++) days.set(day, [...(days.get(day) ?? []), event]);
    }
    return days;
  }

  /** Shows another month (and moves the grid's tab stop into it). */
  #go(months: number, focus?: number): void {
    const { year, month } = this.#shown;
    const shown = civilDate(civil(year, month + months, 1));
    this.#shown = shown;
    this.#focusDay =
      focus ??
      civil(
        shown.year,
        shown.month,
        Math.min(civilDate(this.#focusDay).day, civilDate(civil(shown.year, shown.month + 1, 0)).day),
      );
    this.#selected = undefined;
    this.requestUpdate();
  }

  /** Opens an event's details (their code loads the first time). */
  async #openEvent(event: MahjarEvent): Promise<void> {
    this.#opener = this.renderRoot.querySelector<HTMLElement>(':focus') ?? null;
    const module = await import('./detail.js');
    this.#details ??= new module.EventDetails(this, {
      client: () => this.client!,
      intl: () => this.intl,
      onRegistered: (registration: Registration, id: string) => {
        emit(this, 'mahjar-registration-complete', {
          eventId: id,
          registrationId: registration.id,
          status: registration.status,
          waitlistPosition: registration.waitlistPosition,
        });
        this.#refreshOpened(id);
      },
      onError: (problem) => emit(this, 'mahjar-error', { problem }),
    });
    if (this.#opened?.id !== event.id) this.#details.reset();
    this.#opened = event;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    emit(this, 'mahjar-event-open', { id: event.id, slug: event.slug });
    // The list may be a few minutes old (it is cached for embed traffic): seats and status are checked now.
    this.#refreshOpened(event.id);
  }

  /** Reads the opened event again past the HTTP cache (seats change). */
  async #refreshOpened(id: string): Promise<void> {
    const { data } = await this.client!.GET('/v1/events/{id}', { params: { path: { id } }, cache: 'no-cache' });
    if (data && this.#opened?.id === id) {
      this.#opened = data;
      this.requestUpdate();
    }
  }

  #text(text: Partial<Record<Locale, string>>): unknown {
    const local = localText(text, this.ui);
    return html`<span lang=${local.lang} dir="auto">${local.text}</span>`;
  }

  /** What the render helpers in this folder see (view.ts). */
  #view(): CalendarView {
    const names = this.#names.value;
    const organisations: Organisation[] = names?.organisations ?? [];
    const areas: PriorityArea[] = names?.areas ?? [];
    return {
      strings: this.#strings,
      common: this.common,
      ui: this.ui,
      intl: this.intl,
      zone: this.#zone,
      base: this.apiBase || this.providerConfig?.apiBase || '',
      events: this.#events.value ?? [],
      byDay: this.#byDay,
      weeks: this.#weeks,
      shown: this.#shown,
      focusDay: this.#focusDay,
      selected: this.#selected,
      organisations,
      areas,
      languages: this.#languages,
      chosen: this.#chosen,
      text: (text) => this.#text(text),
      organiser: (slug) => {
        const found = organisations.find((organisation) => organisation.slug === slug);
        return found ? localText(found.name, this.ui).text : slug;
      },
      number: (value) => formatNumber(value, this.intl),
      plural: (forms, count) => this.plural(forms, count),
      problemText: (problem) => this.problemText(problem),
      openEvent: (event) => this.#openEvent(event),
      go: (months, focus) => this.#go(months, focus),
      focus: async (day, { select, move }) => {
        this.#focusDay = day;
        if (select) this.#selected = day;
        this.requestUpdate();
        await this.updateComplete;
        if (move) this.renderRoot.querySelector<HTMLElement>(`[data-day="${day}"]`)?.focus();
      },
      choose: (chosen) => {
        this.#chosen = chosen;
        this.requestUpdate();
      },
    };
  }

  protected override render(): unknown {
    const strings = this.#strings;
    const load = this.#events;
    const { year, month } = this.#shown;
    const title = dateFormat(this.intl, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      civil(year, month, 1) * DAY,
    );
    const busy = load.status === LoadStatus.PENDING || load.status === LoadStatus.INITIAL;
    const view = this.#view();
    const viewButton = (shown: 'month' | 'list', label: string) =>
      html`<button class="btn quiet" aria-pressed=${this.view === shown} @click=${() => (this.view = shown)}>${label}</button>`;
    const body =
      load.status === LoadStatus.ERROR
        ? html`<p class="err" role="alert">${load.offline ? this.common.offline : this.problemText(load.error as Problem)}</p>
            <button class="btn quiet" part="retry" @click=${() => this.load()}>${this.common.retry}</button>
            <p><slot></slot></p>`
        : busy && !view.events.length
          ? html`<div class="sk"></div><div class="sk"></div><div class="sk"></div><span class="vh">${this.common.loading}</span>`
          : this.view === 'list'
            ? agenda(view)
            : html`${grid(view, title)}${dayPanel(view)}`;
    return this.frame(
      html`<section aria-label=${strings.label}>
        <div class="bar" part="toolbar">
          <button class="btn quiet nav" aria-label=${strings.prev} @click=${() => this.#go(-1)}><span aria-hidden="true">‹</span></button>
          <h2 aria-live="polite">${title}</h2>
          <button class="btn quiet nav" aria-label=${strings.next} @click=${() => this.#go(1)}><span aria-hidden="true">›</span></button>
          <button class="btn quiet" @click=${() => {
            const today = civilDate(dayOf(new Date(), this.#zone));
            this.#go((today.year - year) * 12 + today.month - month, civil(today.year, today.month, today.day));
          }}>${strings.today}</button>
          <span class="views" role="group" aria-label=${`${strings.month} / ${strings.list}`}>${viewButton('month', strings.month)}${viewButton('list', strings.list)}</span>
        </div>
        ${filters(view)}
        <p class="muted note">${strings.timeNote(city(this.#zone, this.intl))}</p>
        ${body}
        ${this.#opened && this.#details ? this.#details.render(view, this.#opened, () => this.#opener?.focus()) : nothing}
      </section>`,
      busy,
    );
  }
}

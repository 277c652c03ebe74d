import type { Event as MahjarEvent, Organisation, PriorityArea, Problem } from '@mahjar/sdk';
import type { Locale, Plural } from '../shared/localize.js';
import type { common } from '../translations/en/common.js';
import type { eventCalendar as en } from '../translations/en/event-calendar.js';
import type { Filter } from './filters.js';
import type { CivilDate } from './time.js';

/** The month on screen. */
export type ShownMonth = Pick<CivilDate, 'year' | 'month'>;

/**
 * What the calendar's render helpers (agenda, month grid, filters, details) see: built by the
 * element for each render, so none of its members becomes public for a helper.
 */
export interface CalendarView {
  readonly strings: typeof en;
  readonly common: typeof common;
  readonly ui: Locale;
  /** The `Intl` locale tag of dates and numbers. */
  readonly intl: string;
  /** The viewer's time zone. */
  readonly zone: string;
  /** The API origin, for the links calendar applications open directly. */
  readonly base: string;
  readonly events: MahjarEvent[];
  /** Events by the viewer's civil day (multi-day events on every day they cover). */
  readonly byDay: Map<number, MahjarEvent[]>;
  /** The weeks of the shown month, as civil days. */
  readonly weeks: number[][];
  readonly shown: ShownMonth;
  /** The grid cell that holds the roving tab stop. */
  readonly focusDay: number;
  /** The day whose events are listed under the grid. */
  readonly selected?: number;
  readonly organisations: Organisation[];
  readonly areas: PriorityArea[];
  /** Languages seen in any loaded page, so the language filter keeps its options. */
  readonly languages: Set<string>;
  /** The filters chosen (from the attributes, then the user). */
  readonly chosen: Record<Filter, string[]>;
  /** An API `LocalizedText` in the shown language, with its own `lang` and direction. */
  text(text: Partial<Record<Locale, string>>): unknown;
  /** An organiser's name (its slug until the organisations have loaded). */
  organiser(slug: string): string;
  number(value: number): string;
  plural(forms: Plural, count: number): string;
  problemText(problem: Problem): string;
  openEvent(event: MahjarEvent): void;
  /** Shows another month (and moves the grid's tab stop into it, to `focus` when given). */
  go(months: number, focus?: number): void;
  /** Moves the grid's tab stop to a day; `select` lists its events too, `move` focuses its cell once rendered. */
  focus(day: number, options: { select?: boolean; move?: boolean }): void;
  choose(chosen: Record<Filter, string[]>): void;
}

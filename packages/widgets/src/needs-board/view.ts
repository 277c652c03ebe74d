import type { PriorityArea, PublicNeed } from '@mahjar/sdk';
import type { Locale, Plural } from '../shared/localize.js';
import type { common } from '../translations/en/common.js';
import type { needsBoard as en } from '../translations/en/needs-board.js';

/** The filters chosen: an offer kind, where (`remote`, `site`, or a country code), a priority area; `''` for any. */
export interface Chosen {
  how: string;
  where: string;
  area: string;
}

/**
 * What the board's render helpers (board.ts) see: built by the element for each render, so none of
 * its members becomes public for a helper.
 */
export interface BoardView {
  readonly strings: typeof en;
  readonly common: typeof common;
  readonly ui: Locale;
  /** The `Intl` locale tag of dates, numbers, countries and languages. */
  readonly intl: string;
  /** The needs shown, every page read so far. */
  readonly needs: PublicNeed[];
  /** Another page can be read. */
  readonly more: boolean;
  /** A page is being read. */
  readonly busy: boolean;
  readonly chosen: Chosen;
  /** Countries of the needs seen so far, for the "where" filter. */
  readonly countries: string[];
  readonly areas: PriorityArea[];
  /** A specialty's name in the shown language (its code until the taxonomy has loaded). */
  specialty(code: string): string;
  /** A priority area's name in the shown language (its code until the list has loaded). */
  area(code: string): string;
  plural(forms: Plural, count: number): string;
  /** The "I can help" part of a need: its button, or its open answer form. */
  answer(need: PublicNeed): unknown;
  choose(chosen: Chosen): void;
  showMore(): void;
}

import type { ProfessionalSearchResult } from '@mahjar/sdk';
import type { Plural } from '../shared/localize.js';
import type { CardHost } from '../shared/professional-card.js';
import type { common } from '../translations/en/common.js';
import type { specialistDirectory as en } from '../translations/en/specialist-directory.js';
import type { Contact } from './contact.js';
import type { Profile } from './profile.js';
import type { Facet, Filters, Query, Search } from './search.js';

/**
 * What the directory's render helpers (facets.ts, results.ts, profile.ts) see: built by the element
 * for each render, so none of its members becomes public for a helper. It is also the cards' host.
 */
export interface DirectoryView extends CardHost {
  readonly strings: typeof en;
  readonly common: typeof common;
  /** The `Intl` locale tag of dates and numbers. */
  readonly intl: string;
  readonly search: Search;
  readonly profile: Profile;
  /** The contact form, once its code has loaded (when a profile is first opened). */
  readonly contact?: Contact;
  /** Facets fixed by the embedding site (`locked`). */
  readonly fixed: Filters;
  /** The facet counts on screen (they follow the results once those are painted). */
  readonly shownFacets?: ProfessionalSearchResult['facets'];
  /** Whether the shown counts are exact (else they are shown as approximate). */
  readonly shownExact: boolean;
  /** How many of the results to render (the rest follow once the first are painted). */
  readonly cardLimit: number;
  /** Whether numbers can be shown: the `Intl` formatters are built once the first results are painted. */
  readonly intlReady: boolean;
  label(facet: Facet, value: string): string;
  /** A count in the shown language. */
  number(value: number): string;
  plural(forms: Plural, count: number): string;
  problemText(problem: import('@mahjar/sdk').Problem): string;
  /** Opens a profile (from a card's name). */
  open(id: string): unknown;
  /** Changes the query from the visitor's input; `typing` replaces the history entry rather than adding one. */
  change(query: Partial<Query>, typing?: boolean): void;
  /** The profile dialog closed (Escape, the close button, the back button). */
  handleClose(): void;
}

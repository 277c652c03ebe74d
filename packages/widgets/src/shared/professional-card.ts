import type { ProfessionalCard, Title } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import type { Locale } from './localize.js';

/** The facets whose values a card names. */
export type CardFacet = 'specialty' | 'country' | 'language' | 'offer';

/** The strings of a card, in the shown language. */
export interface CardText {
  titles: Record<Title, string>;
  /** Stands in for a name that is not public. */
  unnamed: string;
  /** Accessible name of the list of offers. */
  offers: string;
}

/**
 * What a professional's card needs from the element that shows it: the directory's results and
 * profile dialog, and the signup's preview of the public card.
 */
export interface CardHost {
  /** The shown language (Arabic readers see the Arabic name first). */
  readonly ui: Locale;
  readonly cardText: CardText;
  /** The name of a facet value (specialty, country, language or offer code) in the shown language. */
  label(facet: CardFacet, value: string): string;
  /** Opens the profile; without it the name is shown as text, not as a button. */
  open?(id: string): unknown;
  /** Level of the name's heading where the page's outline needs another than `<h2>` (e.g. 4 in a preview). */
  readonly headingLevel?: number;
}

/**
 * A professional's name in the reader's script first (Arabic for `ar` when given), then the other
 * script. Each is isolated (`<bdi>`), so bidi control characters in a name cannot reorder the page.
 */
export function nameOf(h: CardHost, p: ProfessionalCard): unknown {
  const latin = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const arabic = [p.givenNameAr, p.familyNameAr].filter(Boolean).join(' ');
  const title = p.title && h.cardText.titles[p.title];
  const [first, second] = h.ui === 'ar' && arabic ? [arabic, latin] : [latin || arabic, latin && arabic];
  if (!first) return h.cardText.unnamed;
  return html`${title ? `${title} ` : ''}<bdi>${first}</bdi>${second ? html` <span class="alt" lang=${h.ui === 'ar' ? 'en' : 'ar'}>(<bdi>${second}</bdi>)</span>` : nothing}`;
}

/** Where (city, country), as one line. */
export const where = (h: CardHost, p: ProfessionalCard): string =>
  [p.city, p.country && h.label('country', p.country)].filter(Boolean).join(h.ui === 'ar' ? '، ' : ', ');

/**
 * Names on one line, between separators that read the same in every language (specialties,
 * languages). Not `Intl.ListFormat`: a card is then painted before any `Intl` formatter is built,
 * the first of which loads ICU's locale data (see CONTRIBUTING); and one text, not a list element
 * per name, keeps a long list of cards light to lay out while scrolling.
 */
const names = (xs: string[]) => xs.join(' · ');

/**
 * A result card (a `<li>`: put it in a `<ul role="list" class="list">`, styled by `cardStyles`):
 * the name (a button that opens the profile when the host can), specialties, where, languages, offers.
 */
export function card(h: CardHost, p: ProfessionalCard): unknown {
  const specialties = (p.specialties ?? []).map((c) => h.label('specialty', c));
  const place = where(h, p);
  const name = html`<span class="clamp">${nameOf(h, p)}</span>`;
  return html`<li class="item" part="item">
    ${
      h.open
        ? html`<h2 class="h"><button class="name" part="name" aria-haspopup="dialog" @click=${() => h.open!(p.id)}>${name}</button></h2>`
        : html`<div class="h" role="heading" aria-level=${h.headingLevel ?? 2}><span class="name" part="name">${name}</span></div>`
    }
    ${specialties.length ? html`<p class="clamp">${names(specialties)}</p>` : nothing}
    ${place ? html`<p class="muted clamp"><bdi>${place}</bdi></p>` : nothing}
    ${p.languages?.length ? html`<p class="muted">${names(p.languages.map((l) => h.label('language', l)))}</p>` : nothing}
    ${p.offers?.length ? html`<ul class="tags" aria-label=${h.cardText.offers}>${p.offers.map((o) => html`<li>${h.label('offer', o.kind)}</li>`)}</ul>` : nothing}
  </li>`;
}

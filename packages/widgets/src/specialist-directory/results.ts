import type { ProfessionalCard } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import type { MahjarSpecialistDirectory as D } from './specialist-directory.js';

/**
 * A professional's name in the reader's script first (Arabic for `ar` when given), then the other
 * script. Each is isolated (`<bdi>`), so bidi control characters in a name cannot reorder the page.
 */
export function nameOf(d: D, p: ProfessionalCard): unknown {
  const latin = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const arabic = [p.givenNameAr, p.familyNameAr].filter(Boolean).join(' ');
  const title = p.title && d.s.titles[p.title];
  const [first, second] = d.ui === 'ar' && arabic ? [arabic, latin] : [latin || arabic, latin && arabic];
  if (!first) return d.s.unnamed;
  return html`${title ? `${title} ` : ''}<bdi>${first}</bdi>${second ? html` <span class="alt" lang=${d.ui === 'ar' ? 'en' : 'ar'}>(<bdi>${second}</bdi>)</span>` : nothing}`;
}

/** Specialties, then where (city, country), as one line. */
export const where = (d: D, p: ProfessionalCard): string =>
  [p.city, p.country && d.label('country', p.country)].filter(Boolean).join(d.ui === 'ar' ? '، ' : ', ');

const join = (d: D, xs: string[]) => d.list(xs);

function card(d: D, p: ProfessionalCard): unknown {
  const specialties = (p.specialties ?? []).map((c) => d.label('specialty', c));
  const place = where(d, p);
  return html`<li class="item" part="item">
    <h2><button class="name" part="name" aria-haspopup="dialog" @click=${() => d.open(p.id)}><span class="clamp">${nameOf(d, p)}</span></button></h2>
    ${specialties.length ? html`<p class="clamp">${join(d, specialties)}</p>` : nothing}
    ${place ? html`<p class="muted clamp"><bdi>${place}</bdi></p>` : nothing}
    ${
      p.languages?.length
        ? html`<p class="muted">${join(
            d,
            p.languages.map((l) => d.label('language', l)),
          )}</p>`
        : nothing
    }
    ${p.offers?.length ? html`<ul class="tags" aria-label=${d.s.facets.offer}>${p.offers.map((o) => html`<li>${d.label('offer', o.kind)}</li>`)}</ul>` : nothing}
  </li>`;
}

/** The results: cards or compact rows, "load more" by cursor, and a banner when an update failed (the old results stay). */
export function results(d: D): unknown {
  const { s, search, common: c } = d;
  const { items, problem, busy, cursor } = search;
  return html`${
    problem
      ? html`<div class="banner" role="alert" part="error">${navigator.onLine ? d.problemText(problem) : c.offline}
          <button class="btn quiet" part="retry" @click=${search.retry}>${c.retry}</button></div>`
      : nothing
  }
    ${
      items.length
        ? html`<ul class="list" part="list" role="list">${items.map((p) => card(d, p))}</ul>`
        : html`<div class="state"><p>${s.empty}</p><button class="btn quiet" @click=${() => d.change({ q: '', filters: { ...d.fixed } })}>${s.clearAll}</button></div>`
    }
    ${
      cursor
        ? html`<div class="more"><p class="muted">${s.shown(d.num(items.length), d.num(search.total))}</p>
          <button class="btn quiet" part="more" ?disabled=${busy} @click=${() => d.loadMore()}>${busy ? c.loading : s.loadMore}</button></div>`
        : nothing
    }`;
}

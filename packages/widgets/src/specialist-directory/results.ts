import { html, nothing } from 'lit';
import { card } from '../shared/professional-card.js';
import type { MahjarSpecialistDirectory as D } from './specialist-directory.js';

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

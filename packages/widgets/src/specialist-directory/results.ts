import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { card } from '../shared/professional-card.js';
import type { DirectoryView } from './view.js';

/**
 * The results: cards or compact rows, "load more" by cursor (once every card of the answer is
 * rendered and numbers can be shown), and a banner when an update failed (the old results stay).
 * A card renders again only when its professional, the language or the known names change, not
 * for every "load more" or busy state of a long list.
 */
export function results(view: DirectoryView): unknown {
  const { strings, search, common } = view;
  const { items, problem, busy, cursor } = search;
  return html`${
    problem
      ? html`<div class="banner" role="alert" part="error">${navigator.onLine ? view.problemText(problem) : common.offline}
          <button class="btn quiet" part="retry" @click=${search.retry}>${common.retry}</button></div>`
      : nothing
  }
    ${
      items.length
        ? html`<ul class="list" part="list" role="list">${items
            .slice(0, view.cardLimit)
            .map((p) => guard([p, view.ui, search.names], () => card(view, p)))}</ul>`
        : html`<div class="state"><p>${strings.empty}</p><button class="btn quiet" @click=${() => view.change({ q: '', filters: { ...view.fixed } })}>${strings.clearAll}</button></div>`
    }
    ${
      cursor && items.length <= view.cardLimit && view.intlReady
        ? html`<div class="more"><p class="muted">${strings.shown(view.number(items.length), view.number(search.total))}</p>
          <button class="btn quiet" part="more" ?disabled=${busy} @click=${() => search.run(true)}>${busy ? common.loading : strings.loadMore}</button></div>`
        : nothing
    }`;
}

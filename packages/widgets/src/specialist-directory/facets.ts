import type { FacetCount } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { FACETS, type Facet, noFilters, type Sort } from './search.js';
import type { DirectoryView } from './view.js';

/** The search field, the sort menu, the result count (a polite live region) and the active filters as chips. */
export function top(view: DirectoryView): unknown {
  const { strings, search } = view;
  const { q, sort, filters } = search.query;
  const fixed = view.fixed;
  const chips = FACETS.flatMap((f) => (fixed[f].length ? [] : filters[f].map((v) => [f, v] as const)));
  const sorts: Sort[] = q.trim() ? ['relevance', 'name', 'recent'] : ['name', 'recent'];
  const current = sort && sorts.includes(sort) ? sort : sorts[0];
  const remove = (f: Facet, v: string) =>
    view.change({ filters: { ...filters, [f]: filters[f].filter((x) => x !== v) } });
  return html`<div class="top">
      <label class="q">${strings.search}<input type="search" part="search" name="q" autocomplete="off" enterkeyhint="search"
        placeholder=${strings.searchHint} .value=${q}
        @input=${(e: InputEvent) => view.change({ q: (e.target as HTMLInputElement).value }, true)} /></label>
      <label class="sort">${strings.sortBy}<select part="sort" @change=${(e: Event) => view.change({ sort: (e.target as HTMLSelectElement).value as Sort })}>
        ${sorts.map((k) => html`<option value=${k} ?selected=${k === current}>${strings.sorts[k as keyof typeof strings.sorts]}</option>`)}
      </select></label>
    </div>
    <p class="count" part="count" role="status">${search.status !== 'ready' ? '' : !search.total ? strings.none : view.intlReady ? view.plural(strings.results, search.total) : ''}</p>
    ${
      chips.length || q
        ? html`<div class="chips" role="group" aria-label=${strings.active}>
          ${chips.map(
            ([f, v]) =>
              html`<button class="chip" part="chip" aria-label=${strings.remove(view.label(f, v))} @click=${() => remove(f, v)}><bdi>${view.label(f, v)}</bdi><span aria-hidden="true">×</span></button>`,
          )}
          <button class="link" @click=${() => view.change({ q: '', filters: noFilters() })}>${strings.clearAll}</button>
        </div>`
        : nothing
    }`;
}

/** One group of checkboxes per facet the embedding site did not lock, with live counts. */
export function facets(view: DirectoryView): unknown {
  const { strings, search } = view;
  const all = view.shownFacets;
  if (!all) return nothing;
  const { filters } = search.query;
  const fixed = view.fixed;
  return html`<div class="facets" part="facets" role="group" aria-label=${strings.filters}>
    ${FACETS.map((f) => {
      const chosen = filters[f];
      // Chosen values stay visible (and uncheckable) even when they fall out of the top counts.
      const values: FacetCount[] = [
        ...all[f],
        ...chosen.filter((v) => !all[f].some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
      ];
      if (fixed[f].length || !values.length) return nothing;
      const toggle = (v: string, on: boolean) =>
        view.change({
          filters: { ...filters, [f]: on ? (f === 'city' ? [v] : [...chosen, v]) : chosen.filter((x) => x !== v) },
        });
      return html`<details part="facet" ?open=${f === 'specialty' || f === 'offer' || chosen.length > 0}>
        <summary>${strings.facets[f]}</summary>
        <div class="opts">
          ${values.map(
            ({
              value,
              count,
            }) => html`<label class="opt"><input type="checkbox" name=${f} value=${value} .checked=${chosen.includes(value)}
                @change=${(e: Event) => toggle(value, (e.target as HTMLInputElement).checked)} /><bdi>${view.label(f, value)}</bdi><span class="n">${view.shownExact ? view.number(count) : strings.about(view.number(+count.toPrecision(2)))}</span></label>`,
          )}
        </div>
      </details>`;
    })}
  </div>`;
}

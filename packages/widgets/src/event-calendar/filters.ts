import { html, nothing } from 'lit';
import { localText } from '../shared/localize.js';
import type { MahjarEventCalendar } from './event-calendar.js';

/** The filters, named as the element's properties (and so its attributes). */
export const FILTERS = ['kind', 'organiser', 'language', 'priorityArea', 'mode'] as const;
export type Filter = (typeof FILTERS)[number];

/** The filter panel: one group of checkboxes per filter; values of one group combine with OR. */
export function filters(h: MahjarEventCalendar): unknown {
  const { s, chosen } = h;
  const c = chosen!;
  const names = new Intl.DisplayNames(h.intl, { type: 'language' });
  const options: Record<Filter, [string, string][]> = {
    kind: Object.entries(s.kinds),
    organiser: h.orgs.map((o) => [o.slug, localText(o.name, h.ui).text]),
    language: [...new Set([...h.langs, ...c.language])].sort().map((l) => [l, names.of(l) ?? l]),
    priorityArea: h.areas.map((a) => [a.code, localText(a.name, h.ui).text]),
    mode: [
      ['online', s.modes.online],
      ['in_person', s.modes.in_person],
    ],
  };
  const set = (f: Filter, v: string, on: boolean) => {
    h.chosen = { ...c, [f]: on ? [...c[f], v] : c[f].filter((x) => x !== v) };
  };
  const count = FILTERS.reduce((n, f) => n + c[f].length, 0);
  return html`<details part="filters" class="filters">
    <summary>${s.filters}${count ? ` (${count})` : nothing}</summary>
    <div class="groups">
      ${FILTERS.map((f) => {
        // Preset values the server has not named (yet) still show, so they can be unticked.
        const opts = [...options[f], ...c[f].filter((v) => !options[f].some(([k]) => k === v)).map((v) => [v, v])];
        return opts.length
          ? html`<fieldset>
              <legend>${s[f]}</legend>
              ${opts.map(
                ([v, label]) =>
                  html`<label><input type="checkbox" name=${f} .value=${v!} .checked=${c[f].includes(v!)}
                    @change=${(e: Event) => set(f, v!, (e.target as HTMLInputElement).checked)} />${label}</label>`,
              )}
            </fieldset>`
          : nothing;
      })}
    </div>
    ${
      count
        ? html`<button class="btn quiet" @click=${() => (h.chosen = Object.fromEntries(FILTERS.map((f) => [f, []])) as never)}>${s.clear}</button>`
        : nothing
    }
  </details>`;
}

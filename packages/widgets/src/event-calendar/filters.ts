import { html, nothing } from 'lit';
import { localText } from '../shared/localize.js';
import type { CalendarView } from './view.js';

/** The filters, named as the element's properties (and so its attributes). */
export const FILTERS = ['kind', 'organiser', 'language', 'priorityArea', 'mode'] as const;
export type Filter = (typeof FILTERS)[number];

/** One choice of a filter: the value sent, and its label. */
interface Option {
  value: string;
  label: string;
}

/** The filter panel: one group of checkboxes per filter; values of one group combine with OR. */
export function filters(view: CalendarView): unknown {
  const { strings, chosen } = view;
  const languageNames = new Intl.DisplayNames(view.intl, { type: 'language' });
  const options: Record<Filter, Option[]> = {
    kind: Object.entries(strings.kinds).map(([value, label]) => ({ value, label })),
    organiser: view.organisations.map((organisation) => ({
      value: organisation.slug,
      label: localText(organisation.name, view.ui).text,
    })),
    language: [...new Set([...view.languages, ...chosen.language])]
      .sort()
      .map((value) => ({ value, label: languageNames.of(value) ?? value })),
    priorityArea: view.areas.map((area) => ({ value: area.code, label: localText(area.name, view.ui).text })),
    mode: [
      { value: 'online', label: strings.modes.online },
      { value: 'in_person', label: strings.modes.in_person },
    ],
  };
  const toggle = (filter: Filter, value: string, on: boolean) =>
    view.choose({
      ...chosen,
      [filter]: on ? [...chosen[filter], value] : chosen[filter].filter((each) => each !== value),
    });
  const count = FILTERS.reduce((sum, filter) => sum + chosen[filter].length, 0);
  return html`<details part="filters" class="filters">
    <summary>${strings.filters}${count ? ` (${count})` : nothing}</summary>
    <div class="groups">
      ${FILTERS.map((filter) => {
        // Preset values the server has not named (yet) still show, so they can be unticked.
        const shown = [
          ...options[filter],
          ...chosen[filter]
            .filter((value) => !options[filter].some((option) => option.value === value))
            .map((value) => ({ value, label: value })),
        ];
        return shown.length
          ? html`<fieldset>
              <legend>${strings[filter]}</legend>
              ${shown.map(
                ({ value, label }) =>
                  html`<label><input type="checkbox" name=${filter} .value=${value} .checked=${chosen[filter].includes(value)}
                    @change=${(event: Event) => toggle(filter, value, (event.target as HTMLInputElement).checked)} />${label}</label>`,
              )}
            </fieldset>`
          : nothing;
      })}
    </div>
    ${
      count
        ? html`<button class="btn quiet" @click=${() => view.choose(Object.fromEntries(FILTERS.map((filter) => [filter, []])) as never)}>${strings.clear}</button>`
        : nothing
    }
  </details>`;
}

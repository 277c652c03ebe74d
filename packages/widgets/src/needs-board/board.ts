import type { PublicNeed } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { localText } from '../shared/localize.js';
import type { BoardView } from './view.js';

const OFFER_KINDS = ['telehealth', 'teaching', 'mentoring', 'return_placement', 'research', 'medical_mission'];

/** A civil date of the API (`YYYY-MM-DD`) in the reader's language. */
const day = (date: string, intl: string) =>
  new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(date));

/** A time zone's name in the reader's language (`Eastern European Time`, `توقيت شرق أوروبا`). */
const zoneName = (zone: string, intl: string) =>
  new Intl.DateTimeFormat(intl, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((part) => part.type === 'timeZoneName')?.value ?? zone;

/** The filters: three labelled native selects; changing one reads the board again. */
export function filters(view: BoardView): unknown {
  const { strings, chosen } = view;
  const regions = new Intl.DisplayNames(view.intl, { type: 'region', fallback: 'code' });
  const select = (name: keyof typeof chosen, label: string, options: [string, string][]) =>
    html`<div class="f"><label for=${`f-${name}`}>${label}</label>
      <select part="field" id=${`f-${name}`} @change=${(event: Event) => view.choose({ ...chosen, [name]: (event.target as HTMLSelectElement).value })}>
        ${options.map(([value, text]) => html`<option .value=${value} ?selected=${chosen[name] === value}>${text}</option>`)}
      </select></div>`;
  const countries = [...new Set([...view.countries, ...(chosen.where.startsWith('c:') ? [chosen.where.slice(2)] : [])])]
    .map((code): [string, string] => [`c:${code}`, regions.of(code) ?? code])
    .sort((a, b) => a[1].localeCompare(b[1], view.intl));
  const any = chosen.how || chosen.where || chosen.area;
  return html`<form class="filters" part="filters" role="search" aria-label=${strings.filters} @submit=${(event: Event) => event.preventDefault()}>
    ${select('how', strings.how, [['', strings.any], ...OFFER_KINDS.map((kind): [string, string] => [kind, strings.offerKinds[kind]!])])}
    ${select('where', strings.where, [['', strings.anywhere], ['remote', strings.remote], ['site', strings.onSite], ...countries])}
    ${select('area', strings.area, [['', strings.any], ...view.areas.map((area): [string, string] => [area.code, localText(area.name, view.ui).text])])}
    ${any ? html`<button type="button" class="btn quiet" @click=${() => view.choose({ how: '', where: '', area: '' })}>${strings.clear}</button>` : nothing}
  </form>`;
}

/** One need: its title as a heading, what, how, where, when, languages, how many, and "I can help". */
export function card(view: BoardView, need: PublicNeed): unknown {
  const { strings, intl } = view;
  const regions = new Intl.DisplayNames(intl, { type: 'region', fallback: 'code' });
  const languages = new Intl.DisplayNames(intl, { type: 'language', fallback: 'code' });
  const list = new Intl.ListFormat(intl, { type: 'unit' });
  // each part isolated (the ministry's Latin words keep their order in an Arabic line), joined by the language's comma
  const place = [need.place.facility, need.place.city, regions.of(need.place.country)]
    .filter((part) => !!part)
    .map((part, index) => html`${index ? (view.ui === 'ar' ? '، ' : ', ') : ''}<bdi>${part}</bdi>`);
  const when =
    need.startsOn && need.endsOn
      ? new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
          Date.parse(need.startsOn),
          Date.parse(need.endsOn),
        )
      : need.startsOn
        ? strings.from(day(need.startsOn, intl))
        : need.endsOn
          ? strings.until(day(need.endsOn, intl))
          : strings.ongoing;
  const row = (term: string, value: unknown) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<article class="need" part="need" aria-labelledby=${`t-${need.id}`}>
    <h3 id=${`t-${need.id}`} tabindex="-1"><span dir="auto">${need.title}</span></h3>
    <p class="tags"><span class="tag">${view.area(need.priorityArea)}</span>${need.offerKinds.map(
      (kind) => html`<span class="tag quiet">${strings.offerKinds[kind] ?? kind}</span>`,
    )}</p>
    ${need.description ? html`<p dir="auto">${need.description}</p>` : nothing}
    <dl>
      ${row(strings.specialty, need.subSpecialty ? `${view.specialty(need.specialty)} · ${view.specialty(need.subSpecialty)}` : view.specialty(need.specialty))}
      ${row(strings.where, html`${place}${need.remote && need.timeZone ? html`<br />${strings.remoteIn(zoneName(need.timeZone, intl))}` : nothing}`)}
      ${row(strings.when, when)}
      ${need.languages.length ? row(strings.languages, list.format(need.languages.map((code) => languages.of(code) ?? code))) : nothing}
      ${row(strings.needed, view.plural(strings.people, need.people))}
    </dl>
    <p class="muted small">${strings.opened(new Intl.DateTimeFormat(intl, { dateStyle: 'medium' }).format(Date.parse(need.openedAt)))}</p>
    ${view.answer(need)}
  </article>`;
}

/** The list of needs, its count, and "more". */
export function needList(view: BoardView): unknown {
  const { strings, needs } = view;
  const filtered = view.chosen.how || view.chosen.where || view.chosen.area;
  return html`<p class="count" role="status">${
    needs.length ? view.plural(strings.count, needs.length) : filtered ? strings.empty : strings.none
  }</p>
    ${needs.length ? html`<ul class="needs" part="list">${needs.map((need) => html`<li>${card(view, need)}</li>`)}</ul>` : nothing}
    ${
      view.more
        ? html`<button class="btn quiet more" part="more" ?disabled=${view.busy} @click=${() => view.showMore()}>${strings.more}</button>`
        : nothing
    }`;
}

import type { Problem, Specialty } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { check, type Data, type FieldsView, group, label, notes, select, text } from './fields.js';
import { countries, LANGUAGES, languageName, retry, specialties } from './taxonomy.js';

/** Type-ahead state of the specialty combobox (one at a time on a page is enough: it is only open while focused). */
const combo = { q: '', active: 0, open: false };

const fold = (t: string) =>
  t
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f]/g, '')
    .toLowerCase();

/** The problem of a list that did not load, with a retry. */
export const failed = (view: FieldsView, key: string, p: Problem): TemplateResult =>
  html`<p class="err" role="alert">${view.problemText(p)}</p><button type="button" class="btn quiet" @click=${() => retry(key, view)}>${view.strings.retry}</button>`;

/**
 * Specialties from the coded taxonomy: an ARIA 1.2 combobox (input + listbox, arrows, Enter,
 * Escape), names in the user's language; chosen ones are listed with a remove button each.
 */
function specialtyPicker(view: FieldsView, all: Specialty[]): TemplateResult {
  const { strings } = view;
  const chosen = (view.answers.specialties as string[] | undefined) ?? [];
  const name = (sp: Specialty) => localText(sp.name, view.ui).text;
  const q = fold(combo.q.trim());
  const matches = q ? all.filter((sp) => !chosen.includes(sp.code) && fold(name(sp)).includes(q)).slice(0, 8) : [];
  const open = combo.open && !!q;
  const pick = (sp?: Specialty) => {
    if (!sp || chosen.length >= 10) return;
    combo.q = '';
    combo.active = 0;
    view.set('specialties', [...chosen, sp.code]);
  };
  const key = (e: KeyboardEvent) => {
    const n = matches.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      combo.active = (combo.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % (n || 1);
    else if (e.key === 'Enter' && open) pick(matches[combo.active]);
    else if (e.key === 'Escape') combo.open = false;
    else return;
    e.preventDefault();
    view.update();
  };
  const byCode = new Map(all.map((sp) => [sp.code, sp]));
  return html`<div class="f" data-k="specialties">
    <label for="specialties">${strings.specialties}</label>
    <input id="specialties" part="field" role="combobox" autocomplete="off" aria-autocomplete="list" aria-expanded=${open}
      aria-controls="sp-list" aria-activedescendant=${open && matches.length ? `sp-${combo.active}` : nothing}
      aria-invalid=${!!view.errors.specialties} aria-describedby="specialties-h${view.errors.specialties ? ' specialties-e' : ''}"
      .value=${combo.q} @keydown=${key} @blur=${() => {
        combo.open = false;
        view.update();
      }}
      @input=${(e: InputEvent) => {
        combo.q = (e.target as HTMLInputElement).value;
        combo.open = true;
        combo.active = 0;
        view.update();
      }} />
    <ul id="sp-list" role="listbox" aria-label=${strings.specialties} ?hidden=${!open}>
      ${matches.map(
        (sp, i) =>
          html`<li id="sp-${i}" role="option" aria-selected=${i === combo.active} @mousedown=${(e: Event) => {
            e.preventDefault();
            pick(sp);
          }}>${name(sp)}</li>`,
      )}
      ${open && !matches.length ? html`<li role="option" aria-disabled="true" aria-selected="false">${strings.noMatch}</li>` : nothing}
    </ul>
    ${notes(view, 'specialties', strings.specialtiesHint)}
    <ul class="chips">${chosen.map((code) => {
      const label = byCode.get(code) ? name(byCode.get(code)!) : code;
      return html`<li>${label} <button type="button" class="x" aria-label=${strings.remove(label)} @click=${() =>
        view.set(
          'specialties',
          chosen.filter((k) => k !== code),
        )}>×</button></li>`;
    })}</ul>
  </div>`;
}

/** Repeatable rows (affiliations, credentials): each row's fields, add and remove. */
export function rows(
  view: FieldsView,
  path: string,
  legend: string,
  row: (p: string) => unknown,
  max: number,
): TemplateResult {
  const list = (view.answers[path] as Data[] | undefined) ?? [];
  const edit = (next: Data[]) => view.set(path, next);
  return html`<fieldset><legend>${label(view, legend, true)}</legend>
    ${list.map(
      (_, i) => html`<div class="rowbox">${row(`${path}.${i}`)}
      <button type="button" class="btn quiet" @click=${() => edit(list.filter((_, j) => j !== i))}>${view.strings.remove(`${legend} ${i + 1}`)}</button></div>`,
    )}
    ${list.length < max ? html`<button type="button" class="btn quiet" @click=${() => edit([...list, {}])}>${view.strings.add}</button>` : nothing}
  </fieldset>`;
}

export function practice(view: FieldsView): TemplateResult {
  const { strings } = view;
  const all = specialties(view);
  const world = countries(view.intl);
  const year = { opt: true, mode: 'numeric', max: 4 };
  return html`${Array.isArray(all) ? specialtyPicker(view, all) : all ? failed(view, 'specialties', all) : html`<div class="sk"></div>`}
    <div class="row">
      ${select(view, 'country', strings.country, world, { auto: 'country' })}
      ${text(view, 'city', strings.city, { auto: 'address-level2', max: 100 })}
    </div>
    ${group(view, 'languages', strings.languages, html`<div class="cols">${LANGUAGES.map((l) => check(view, 'languages', languageName(l, view.intl), l))}</div>`)}
    ${rows(
      view,
      'affiliations',
      strings.affiliations,
      (p) => html`<div class="row">
      ${text(view, `${p}.institution`, strings.institution, { auto: 'organization', max: 200 })}
      ${text(view, `${p}.role`, strings.role, { auto: 'organization-title', max: 120, opt: true })}</div>`,
      10,
    )}
    ${rows(
      view,
      'credentials',
      strings.credentials,
      (p) => html`<div class="row">
      ${select(view, `${p}.kind`, strings.credentialKind, Object.entries(strings.kinds))}
      ${text(view, `${p}.name`, strings.credentialName, { max: 200 })}</div>
      <div class="row">${text(view, `${p}.issuer`, strings.issuer, { max: 200 })}
      ${select(view, `${p}.country`, strings.issuerCountry, world)}
      ${text(view, `${p}.year`, strings.year, year)}</div>`,
      20,
    )}`;
}

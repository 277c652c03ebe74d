import type { Problem, Specialty } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { type Ctx, check, type Data, group, notes, select, text } from './fields.js';
import { countries, LANGUAGES, languageName, retry, specialties } from './taxonomy.js';

/** Type-ahead state of the specialty combobox (one at a time on a page is enough: it is only open while focused). */
const combo = { q: '', active: 0, open: false };

const fold = (t: string) =>
  t
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f]/g, '')
    .toLowerCase();

/** The problem of a list that did not load, with a retry. */
export const failed = (c: Ctx, key: string, p: Problem): TemplateResult =>
  html`<p class="err" role="alert">${c.problemText(p)}</p><button type="button" class="btn quiet" @click=${() => retry(key, c)}>${c.s.retry}</button>`;

/**
 * Specialties from the coded taxonomy: an ARIA 1.2 combobox (input + listbox, arrows, Enter,
 * Escape), names in the user's language; chosen ones are listed with a remove button each.
 */
function specialtyPicker(c: Ctx, all: Specialty[]): TemplateResult {
  const { s } = c;
  const chosen = (c.d.specialties as string[] | undefined) ?? [];
  const name = (sp: Specialty) => localText(sp.name, c.ui).text;
  const q = fold(combo.q.trim());
  const matches = q ? all.filter((sp) => !chosen.includes(sp.code) && fold(name(sp)).includes(q)).slice(0, 8) : [];
  const open = combo.open && !!q;
  const pick = (sp?: Specialty) => {
    if (!sp || chosen.length >= 10) return;
    combo.q = '';
    combo.active = 0;
    c.set('specialties', [...chosen, sp.code]);
  };
  const key = (e: KeyboardEvent) => {
    const n = matches.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      combo.active = (combo.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % (n || 1);
    else if (e.key === 'Enter' && open) pick(matches[combo.active]);
    else if (e.key === 'Escape') combo.open = false;
    else return;
    e.preventDefault();
    c.update();
  };
  const byCode = new Map(all.map((sp) => [sp.code, sp]));
  return html`<div class="f" data-k="specialties">
    <label for="specialties">${s.specialties}</label>
    <input id="specialties" part="field" role="combobox" autocomplete="off" aria-autocomplete="list" aria-expanded=${open}
      aria-controls="sp-list" aria-activedescendant=${open && matches.length ? `sp-${combo.active}` : nothing}
      aria-invalid=${!!c.errors.specialties} aria-describedby="specialties-h${c.errors.specialties ? ' specialties-e' : ''}"
      .value=${combo.q} @keydown=${key} @blur=${() => {
        combo.open = false;
        c.update();
      }}
      @input=${(e: InputEvent) => {
        combo.q = (e.target as HTMLInputElement).value;
        combo.open = true;
        combo.active = 0;
        c.update();
      }} />
    <ul id="sp-list" role="listbox" aria-label=${s.specialties} ?hidden=${!open}>
      ${matches.map(
        (sp, i) =>
          html`<li id="sp-${i}" role="option" aria-selected=${i === combo.active} @mousedown=${(e: Event) => {
            e.preventDefault();
            pick(sp);
          }}>${name(sp)}</li>`,
      )}
      ${open && !matches.length ? html`<li role="option" aria-disabled="true" aria-selected="false">${s.noMatch}</li>` : nothing}
    </ul>
    ${notes(c, 'specialties', s.specialtiesHint)}
    <ul class="chips">${chosen.map((code) => {
      const label = byCode.get(code) ? name(byCode.get(code)!) : code;
      return html`<li>${label} <button type="button" class="x" aria-label=${s.remove(label)} @click=${() =>
        c.set(
          'specialties',
          chosen.filter((k) => k !== code),
        )}>×</button></li>`;
    })}</ul>
  </div>`;
}

/** Repeatable rows (affiliations, credentials): each row's fields, add and remove. */
export function rows(c: Ctx, path: string, legend: string, row: (p: string) => unknown, max: number): TemplateResult {
  const list = (c.d[path] as Data[] | undefined) ?? [];
  const edit = (next: Data[]) => c.set(path, next);
  return html`<fieldset><legend>${legend} <span class="muted">${c.s.optional}</span></legend>
    ${list.map(
      (_, i) => html`<div class="rowbox">${row(`${path}.${i}`)}
      <button type="button" class="btn quiet" @click=${() => edit(list.filter((_, j) => j !== i))}>${c.s.remove(`${legend} ${i + 1}`)}</button></div>`,
    )}
    ${list.length < max ? html`<button type="button" class="btn quiet" @click=${() => edit([...list, {}])}>${c.s.add}</button>` : nothing}
  </fieldset>`;
}

export function practice(c: Ctx): TemplateResult {
  const { s } = c;
  const all = specialties(c);
  const world = countries(c.intl);
  const year = { opt: true, mode: 'numeric', max: 4 };
  return html`${Array.isArray(all) ? specialtyPicker(c, all) : all ? failed(c, 'specialties', all) : html`<div class="sk"></div>`}
    <div class="row">
      ${select(c, 'country', s.country, world, { auto: 'country' })}
      ${text(c, 'city', s.city, { auto: 'address-level2', max: 100 })}
    </div>
    ${group(c, 'languages', s.languages, html`<div class="cols">${LANGUAGES.map((l) => check(c, 'languages', languageName(l, c.intl), l))}</div>`)}
    ${rows(
      c,
      'affiliations',
      s.affiliations,
      (p) => html`<div class="row">
      ${text(c, `${p}.institution`, s.institution, { auto: 'organization', max: 200 })}
      ${text(c, `${p}.role`, s.role, { auto: 'organization-title', max: 120, opt: true })}</div>`,
      10,
    )}
    ${rows(
      c,
      'credentials',
      s.credentials,
      (p) => html`<div class="row">
      ${select(c, `${p}.kind`, s.credentialKind, Object.entries(s.kinds))}
      ${text(c, `${p}.name`, s.credentialName, { max: 200 })}</div>
      <div class="row">${text(c, `${p}.issuer`, s.issuer, { max: 200 })}
      ${select(c, `${p}.country`, s.issuerCountry, world)}
      ${text(c, `${p}.year`, s.year, year)}</div>`,
      20,
    )}`;
}

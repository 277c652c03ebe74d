import { type Offer, offerKindValues } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { type Ctx, check, type Data, group, notes, select, text } from './fields.js';
import { failed } from './practice.js';
import { countries, chapters as loadChapters, priorityAreas } from './taxonomy.js';

export function background(c: Ctx): TemplateResult {
  const { s } = c;
  const bio = c.d.bio ?? '';
  return html`<fieldset><legend>${s.school} <span class="muted">${s.optional}</span></legend>
      ${text(c, 'medicalSchool.name', s.school, { max: 200, opt: true })}
      <div class="row">
        ${select(c, 'medicalSchool.country', s.schoolCountry, countries(c.intl), { opt: true })}
        ${text(c, 'medicalSchool.graduationYear', s.graduationYear, { mode: 'numeric', max: 4, opt: true })}
      </div>
    </fieldset>
    <div class="f"><label for="bio">${s.bio} <span class="muted">${s.optional}</span></label>
      <textarea part="field" id="bio" name="bio" rows="4" maxlength="2000" .value=${String(bio)}
        aria-invalid=${!!c.errors.bio} aria-describedby=${c.errors.bio ? 'bio-e' : nothing}></textarea>${notes(c, 'bio')}</div>`;
}

const str = (v: unknown) => String(v ?? '').trim() || undefined;

/** The offers ticked in the draft, as the request sends them (`offers[]`; blank answers left out). */
export const offered = (d: Data): Offer[] =>
  offerKindValues.flatMap((kind) => {
    const o = (d.offers as Record<string, Data> | undefined)?.[kind];
    return o?.on ? [{ kind, availability: str(o.availability), priorityArea: str(o.priorityArea) } as Offer] : [];
  });

/**
 * What the professional offers: a checkbox per kind; a ticked one asks when (required) and, optionally,
 * which National Health Strategy priority area it serves. Each ticked offer is a group named by its kind.
 */
export function offers(c: Ctx): TemplateResult {
  const { s } = c;
  const on = new Set(offered(c.d).map((o) => o.kind));
  const areas = on.size ? priorityAreas(c) : undefined;
  const options: [string, string][] = Array.isArray(areas)
    ? areas.map((a) => [a.code, localText(a.name, c.ui).text])
    : [];
  return html`<p class="muted">${s.offersIntro}</p>
    ${offerKindValues.map((k) => {
      const kind = s.offerKinds[k];
      return html`<div class="offer" role=${on.has(k) ? 'group' : nothing} aria-label=${on.has(k) ? kind : nothing}>
        ${check(c, `offers.${k}.on`, kind)}
        ${
          on.has(k)
            ? html`<div class="row">${text(c, `offers.${k}.availability`, s.availability(kind), { max: 300 })}
              ${select(c, `offers.${k}.priorityArea`, s.priorityArea, options, { opt: true })}</div>`
            : nothing
        }</div>`;
    })}
    ${areas && !Array.isArray(areas) ? failed(c, 'priorityAreas', areas) : nothing}`;
}

export function chapters(c: Ctx): TemplateResult {
  const { s } = c;
  const list = loadChapters(c);
  return group(
    c,
    'chapters',
    s.chaptersIntro,
    Array.isArray(list)
      ? html`<div class="cols">${list.map((o) => check(c, 'chapters', localText(o.name, c.ui).text, o.slug))}</div>`
      : list
        ? failed(c, 'chapters', list)
        : html`<div class="sk"></div>`,
  );
}

import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { type Ctx, check, group, notes, select, text } from './fields.js';
import { failed } from './practice.js';
import { countries, chapters as loadChapters } from './taxonomy.js';

export const OFFERS = [
  'mentoring',
  'telehealth',
  'teaching',
  'research',
  'return_placement',
  'medical_mission',
] as const;

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

export function offers(c: Ctx): TemplateResult {
  const { s } = c;
  return html`<p class="muted">${s.offersIntro}</p>
    ${OFFERS.map(
      (k) => html`<div class="offer">${check(c, `offers.${k}.on`, s.offerKinds[k])}
      ${c.d.offers && (c.d.offers as Record<string, { on?: boolean }>)[k]?.on ? text(c, `offers.${k}.availability`, s.availability(s.offerKinds[k]), { max: 300 }) : nothing}</div>`,
    )}`;
}

export function chapters(c: Ctx): TemplateResult {
  const { s } = c;
  const list = loadChapters(c);
  return group(
    c,
    'chapters',
    s.chaptersIntro,
    Array.isArray(list)
      ? html`<div class="cols">${list.map((o) => check(c, 'chapters', localText(o.name, c.ui)[0], o.slug))}</div>`
      : list
        ? failed(c, 'chapters', list)
        : html`<div class="sk"></div>`,
  );
}

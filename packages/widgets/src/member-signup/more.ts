import { type Offer, offerKindValues } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { check, type Data, type FieldsView, group, label, notes, select, text } from './fields.js';
import { failed } from './practice.js';
import { countries, chapters as loadChapters, priorityAreas } from './taxonomy.js';

export function background(view: FieldsView): TemplateResult {
  const { strings } = view;
  const bio = view.answers.bio ?? '';
  return html`<fieldset><legend>${label(view, strings.school, true)}</legend>
      ${text(view, 'medicalSchool.name', strings.school, { max: 200, opt: true })}
      <div class="row">
        ${select(view, 'medicalSchool.country', strings.schoolCountry, countries(view.intl), { opt: true })}
        ${text(view, 'medicalSchool.graduationYear', strings.graduationYear, { mode: 'numeric', max: 4, opt: true })}
      </div>
    </fieldset>
    <div class="f"><label for="bio">${label(view, strings.bio, true)}</label>
      <textarea part="field" id="bio" name="bio" rows="4" maxlength="2000" .value=${String(bio)}
        aria-invalid=${!!view.errors.bio} aria-describedby=${view.errors.bio ? 'bio-e' : nothing}></textarea>${notes(view, 'bio')}</div>`;
}

/** The text of an answer, trimmed; `undefined` when blank. */
export const str = (v: unknown): string | undefined => String(v ?? '').trim() || undefined;

/** The offers ticked in the draft, as the request sends them (`offers[]`; blank answers left out). */
export const offered = (answers: Data): Offer[] =>
  offerKindValues.flatMap((kind) => {
    const offer = (answers.offers as Record<string, Data> | undefined)?.[kind];
    return offer?.on
      ? [{ kind, availability: str(offer.availability), priorityArea: str(offer.priorityArea) } as Offer]
      : [];
  });

/**
 * What the professional offers: a checkbox per kind; a ticked one asks when (required) and, optionally,
 * which National Health Strategy priority area it serves. Each ticked offer is a group named by its kind.
 */
export function offers(view: FieldsView): TemplateResult {
  const { strings } = view;
  const on = new Set(offered(view.answers).map((o) => o.kind));
  const areas = on.size ? priorityAreas(view) : undefined;
  const options: [string, string][] = Array.isArray(areas)
    ? areas.map((a) => [a.code, localText(a.name, view.ui).text])
    : [];
  return html`<p class="muted">${strings.offersIntro}</p>
    ${offerKindValues.map((k) => {
      const kind = strings.offerKinds[k];
      return html`<div class="offer" role=${on.has(k) ? 'group' : nothing} aria-label=${on.has(k) ? kind : nothing}>
        ${check(view, `offers.${k}.on`, kind)}
        ${
          on.has(k)
            ? html`<div class="row">${text(view, `offers.${k}.availability`, strings.availability(kind), { max: 300 })}
              ${select(view, `offers.${k}.priorityArea`, strings.priorityArea, options, { opt: true })}</div>`
            : nothing
        }</div>`;
    })}
    ${areas && !Array.isArray(areas) ? failed(view, 'priorityAreas', areas) : nothing}`;
}

export function chapters(view: FieldsView): TemplateResult {
  const { strings } = view;
  const list = loadChapters(view);
  return group(
    view,
    'chapters',
    strings.chaptersIntro,
    Array.isArray(list)
      ? html`<div class="cols">${list.map((o) => check(view, 'chapters', localText(o.name, view.ui).text, o.slug))}</div>`
      : list
        ? failed(view, 'chapters', list)
        : html`<div class="sk"></div>`,
  );
}

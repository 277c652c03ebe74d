import {
  type ChallengeSolution,
  type ProfessionalCard,
  type ProfileField,
  profileFieldDefaults,
  profileFields,
  type Visibility,
  visibilityValues,
} from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { type CardHost, card } from '../shared/professional-card.js';
import { check, type Data, type FieldsView } from './fields.js';
import { build } from './review.js';
import { countryName, languageName, nameIn, specialties } from './taxonomy.js';

/** Version of the notice text in the translations; change it whenever the text changes. */
export const NOTICE_VERSION = '2026-07';

/**
 * The form's defaults expose less than the contract's (`profileFieldDefaults`): only what makes a
 * professional findable (names, title, profession, specialties, country) is public; the rest is for
 * members until the professional says otherwise.
 */
export const DEFAULT_VISIBILITY: Record<ProfileField, Visibility> = {
  ...profileFieldDefaults,
  languages: 'members',
  chapters: 'members',
  offers: 'members',
  bio: 'members',
};
export type Field = ProfileField;

export const visibility = (answers: Data): Record<Field, Visibility> =>
  ({ ...DEFAULT_VISIBILITY, ...(answers.visibility as object) }) as Record<Field, Visibility>;

/** The label of each field, from the step's own strings. */
export const fieldLabel = ({ strings }: FieldsView, field: Field): string =>
  String(
    field === 'title'
      ? strings.title_
      : field === 'medicalSchool'
        ? strings.school
        : field === 'chapters' || field === 'offers'
          ? strings.steps[field]
          : (strings as unknown as Record<string, unknown>)[field],
  );

/**
 * The draft as the directory will list it: the answers as the request sends them (`build`; the
 * challenge and the notice play no part in a card), keeping only the fields marked "Everyone", as
 * the server's public view does (so nothing else can appear in the preview).
 */
export function publicCard(view: FieldsView): ProfessionalCard {
  const chosen = visibility(view.answers);
  const shown: Record<string, unknown> = { id: '' };
  for (const [field, value] of Object.entries(build(view, {} as ChallengeSolution, '').body))
    if (value !== undefined && chosen[field as Field] === 'public') shown[field] = value;
  return shown as unknown as ProfessionalCard;
}

/** The signup as the card renderer's host: names from the taxonomy it loaded and its own strings; no profile to open. */
const host = (view: FieldsView, headingLevel: number): CardHost => {
  const { strings } = view;
  const all = specialties(view);
  return {
    ui: view.ui,
    cardText: { titles: strings.titles, unnamed: strings.unnamed, offers: strings.steps.offers },
    label: (f, x) =>
      f === 'specialty'
        ? nameIn(all, x, view)
        : f === 'country'
          ? countryName(x, view.intl)
          : f === 'language'
            ? languageName(x, view.intl)
            : strings.offerKinds[x as keyof typeof strings.offerKinds],
    headingLevel,
  };
};

/** The public card exactly as the directory shows it (its renderer and styles), the name as text. */
export const preview = (view: FieldsView, headingLevel: number): TemplateResult =>
  html`<div part="preview"><ul class="list" role="list">${card(host(view, headingLevel), publicCard(view))}</ul></div>`;

/** A select per profile field: who may see it. */
export function audiences(view: FieldsView): TemplateResult {
  const { strings } = view;
  const chosen = visibility(view.answers);
  return html`<div class="vis">${profileFields.map(
    (field) => html`<label for="visibility.${field}">${fieldLabel(view, field)}</label>
        <select part="field" id="visibility.${field}" name="visibility.${field}">${visibilityValues.map(
          (level) =>
            html`<option value=${level} ?selected=${chosen[field] === level}>${strings.levels[level]}</option>`,
        )}</select>`,
  )}</div>`;
}

export function privacy(view: FieldsView): TemplateResult {
  const { strings } = view;
  return html`<p class="muted">${strings.privacyIntro}</p>
    ${audiences(view)}
    <h3>${strings.preview}</h3>
    ${preview(view, 4)}
    <h3>${strings.noticeTitle}</h3>
    <div class="notice" id="notice" lang=${view.intl}>${strings.notice}</div>
    ${view.noticeUrl ? html`<p><a href=${view.noticeUrl} target="_blank" rel="noopener">${strings.readNotice}</a></p>` : nothing}
    <fieldset><legend>${strings.permissions}</legend>
      ${(['shareWithMinistry', 'transferAbroad', 'newsletter'] as const).map((p) => check(view, `permissions.${p}`, strings.perms[p]))}
    </fieldset>`;
}

import type { Profession, ProfessionalCard, Title, Visibility } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { type CardHost, card } from '../shared/professional-card.js';
import { type Ctx, check, type Data } from './fields.js';
import { offered } from './more.js';
import { countryName, languageName, nameIn, specialties } from './taxonomy.js';

/** Version of the notice text in the translations; change it whenever the text changes. */
export const NOTICE_VERSION = '2026-07';

/**
 * Defaults that expose little: only what makes a professional findable (name, title, profession,
 * specialties, country) is public; everything else is for members until the professional says otherwise.
 */
export const DEFAULT_VISIBILITY = {
  title: 'public',
  profession: 'public',
  givenName: 'public',
  familyName: 'public',
  givenNameAr: 'public',
  familyNameAr: 'public',
  specialties: 'public',
  country: 'public',
  city: 'members',
  affiliations: 'members',
  credentials: 'members',
  languages: 'members',
  medicalSchool: 'members',
  chapters: 'members',
  offers: 'members',
  bio: 'members',
} satisfies Record<string, Visibility>;
export type Field = keyof typeof DEFAULT_VISIBILITY;

export const visibility = (d: Data): Record<Field, Visibility> =>
  ({ ...DEFAULT_VISIBILITY, ...(d.visibility as object) }) as Record<Field, Visibility>;

/** The label of each field, from the step's own strings. */
export const fieldLabel = (c: Ctx, f: Field): string => {
  const s = c.s as unknown as Record<string, unknown>;
  return String(
    f === 'title'
      ? c.s.title_
      : f === 'medicalSchool'
        ? c.s.school
        : f === 'chapters' || f === 'offers'
          ? c.s.steps[f]
          : s[f],
  );
};

const str = (v: unknown) => String(v ?? '').trim() || undefined;

/**
 * The draft as the directory will list it: the answers as the request sends them, keeping only the
 * fields marked "Everyone", as the server's public view does (so nothing else can appear in the preview).
 */
export function publicCard(c: Ctx): ProfessionalCard {
  const { d } = c;
  const v = visibility(d);
  const answers: Omit<ProfessionalCard, 'id'> = {
    title: str(d.title) as Title | undefined,
    profession: str(d.profession) as Profession | undefined,
    givenName: str(d.givenName),
    familyName: str(d.familyName),
    givenNameAr: str(d.givenNameAr),
    familyNameAr: str(d.familyNameAr),
    specialties: (d.specialties as string[] | undefined) ?? [],
    country: str(d.country),
    city: str(d.city),
    languages: (d.languages as string[] | undefined) ?? [],
    chapters: (d.chapters as string[] | undefined) ?? [],
    offers: offered(d),
  };
  const out: Record<string, unknown> = { id: '' };
  for (const [f, x] of Object.entries(answers)) if (x !== undefined && v[f as Field] === 'public') out[f] = x;
  return out as ProfessionalCard;
}

/** The signup as the card renderer's host: names from the taxonomy it loaded and its own strings; no profile to open. */
const host = (c: Ctx, headingLevel: number): CardHost => {
  const { s } = c;
  const all = specialties(c);
  const fmt = new Intl.ListFormat(c.intl, { style: 'narrow' });
  return {
    ui: c.ui,
    cardText: { titles: s.titles, unnamed: s.unnamed, offers: s.steps.offers },
    label: (f, x) =>
      f === 'specialty'
        ? nameIn(all, x, c)
        : f === 'country'
          ? countryName(x, c.intl)
          : f === 'language'
            ? languageName(x, c.intl)
            : s.offerKinds[x as keyof typeof s.offerKinds],
    list: (xs) => fmt.format(xs),
    headingLevel,
  };
};

/** The public card exactly as the directory shows it (its renderer and styles), the name as text. */
export const preview = (c: Ctx, headingLevel: number): TemplateResult =>
  html`<div part="preview"><ul class="list" role="list">${card(host(c, headingLevel), publicCard(c))}</ul></div>`;

export function privacy(c: Ctx): TemplateResult {
  const { s } = c;
  const v = visibility(c.d);
  return html`<p class="muted">${s.privacyIntro}</p>
    <div class="vis">${(Object.keys(DEFAULT_VISIBILITY) as Field[]).map(
      (f) => html`<label for="visibility.${f}">${fieldLabel(c, f)}</label>
        <select part="field" id="visibility.${f}" name="visibility.${f}">${Object.entries(s.levels).map(
          ([k, l]) => html`<option value=${k} ?selected=${v[f] === k}>${l}</option>`,
        )}</select>`,
    )}</div>
    <h3>${s.preview}</h3>
    ${preview(c, 4)}
    <h3>${s.noticeTitle}</h3>
    <div class="notice" id="notice" lang=${c.intl}>${s.notice}</div>
    ${c.noticeUrl ? html`<p><a href=${c.noticeUrl} target="_blank" rel="noopener">${s.readNotice}</a></p>` : nothing}
    <fieldset><legend>${s.permissions}</legend>
      ${(['shareWithMinistry', 'transferAbroad', 'newsletter'] as const).map((p) => check(c, `permissions.${p}`, s.perms[p]))}
    </fieldset>`;
}

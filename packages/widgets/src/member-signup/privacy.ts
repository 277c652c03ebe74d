import type { Specialty, Visibility } from '@mahjar/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { localText } from '../shared/localize.js';
import { type Ctx, check, type Data } from './fields.js';
import { OFFERS } from './more.js';
import { countryName, languageName, specialties } from './taxonomy.js';

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

const str = (v: unknown) => String(v ?? '').trim();

/** The public directory card: only the fields marked "Everyone", laid out as the directory's result card. */
export function card(c: Ctx): TemplateResult {
  const { d, s } = c;
  const v = visibility(d);
  const pub = (f: Field) => v[f] === 'public';
  const all = specialties(c);
  const spName = (code: string) => {
    const sp = Array.isArray(all) ? all.find((x: Specialty) => x.code === code) : undefined;
    return sp ? localText(sp.name, c.ui)[0] : code;
  };
  const name = [
    pub('title') && d.title ? s.titles[d.title as keyof typeof s.titles] : '',
    pub('givenName') && str(d.givenName),
    pub('familyName') && str(d.familyName),
  ]
    .filter(Boolean)
    .join(' ');
  const ar = [pub('givenNameAr') && str(d.givenNameAr), pub('familyNameAr') && str(d.familyNameAr)]
    .filter(Boolean)
    .join(' ');
  const place = [pub('city') && str(d.city), pub('country') && d.country && countryName(String(d.country), c.intl)]
    .filter(Boolean)
    .join(', ');
  const offers = OFFERS.filter((k) => (d.offers as Record<string, { on?: boolean }> | undefined)?.[k]?.on);
  return html`<article part="preview" class="card" aria-labelledby="pv-h">
    <h3 id="pv-h">${name || '—'}</h3>
    ${ar ? html`<p lang="ar" dir="rtl">${ar}</p>` : nothing}
    ${pub('profession') && d.profession ? html`<p>${s.professions[d.profession as keyof typeof s.professions]}</p>` : nothing}
    ${pub('specialties') ? html`<p>${((d.specialties as string[]) ?? []).map(spName).join(' · ')}</p>` : nothing}
    ${place ? html`<p class="muted">${place}</p>` : nothing}
    ${pub('languages') && (d.languages as string[])?.length ? html`<p class="muted">${new Intl.ListFormat(c.intl).format((d.languages as string[]).map((l) => languageName(l, c.intl)))}</p>` : nothing}
    ${pub('offers') && offers.length ? html`<ul class="chips">${offers.map((k) => html`<li>${s.offerKinds[k]}</li>`)}</ul>` : nothing}
  </article>`;
}

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
    ${card(c)}
    <h3>${s.noticeTitle}</h3>
    <div class="notice" id="notice" lang=${c.intl}>${s.notice}</div>
    ${c.noticeUrl ? html`<p><a href=${c.noticeUrl} target="_blank" rel="noopener">${s.readNotice}</a></p>` : nothing}
    <fieldset><legend>${s.permissions}</legend>
      ${(['shareWithMinistry', 'transferAbroad', 'newsletter'] as const).map((p) => check(c, `permissions.${p}`, s.perms[p]))}
    </fieldset>`;
}

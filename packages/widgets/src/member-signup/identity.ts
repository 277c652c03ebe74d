import { html, type TemplateResult } from 'lit';
import { type Ctx, select, text } from './fields.js';

/** Step 1 (bundled with the element: it is the first render): names, title, profession, e-mail. */
export function identity(c: Ctx): TemplateResult {
  const { s } = c;
  const ar = { opt: true, lang: 'ar', dir: 'auto', max: 100 };
  return html`<div class="row">
      ${select(c, 'title', s.title_, Object.entries(s.titles), { opt: true, auto: 'honorific-prefix' })}
      ${select(c, 'profession', s.profession, Object.entries(s.professions))}
    </div>
    <div class="row">
      ${text(c, 'givenName', s.givenName, { auto: 'given-name', max: 100 })}
      ${text(c, 'familyName', s.familyName, { auto: 'family-name', max: 100 })}
    </div>
    <div class="row">
      ${text(c, 'givenNameAr', s.givenNameAr, ar)} ${text(c, 'familyNameAr', s.familyNameAr, ar)}
    </div>
    ${text(c, 'email', s.email, { type: 'email', auto: 'email', max: 254, hint: s.emailHint })}`;
}

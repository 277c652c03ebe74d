import { html, type TemplateResult } from 'lit';
import { type FieldsView, select, text } from './fields.js';

/** Step 1 (bundled with the element: it is the first render): names, title, profession, e-mail. */
export const identity = (view: FieldsView): TemplateResult =>
  html`${names(view)}
    ${text(view, 'email', view.strings.email, { type: 'email', auto: 'email', max: 254, hint: view.strings.emailHint })}`;

/** Title, profession and names (a member's account edits these; the address changes on its own). */
export function names(view: FieldsView): TemplateResult {
  const { strings } = view;
  const ar = { opt: true, lang: 'ar', dir: 'auto', max: 100 };
  return html`<div class="row">
      ${select(view, 'title', strings.title_, Object.entries(strings.titles), { opt: true, auto: 'honorific-prefix' })}
      ${select(view, 'profession', strings.profession, Object.entries(strings.professions))}
    </div>
    <div class="row">
      ${text(view, 'givenName', strings.givenName, { auto: 'given-name', max: 100 })}
      ${text(view, 'familyName', strings.familyName, { auto: 'family-name', max: 100 })}
    </div>
    <div class="row">
      ${text(view, 'givenNameAr', strings.givenNameAr, ar)} ${text(view, 'familyNameAr', strings.familyNameAr, ar)}
    </div>`;
}

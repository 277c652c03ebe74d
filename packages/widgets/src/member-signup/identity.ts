import { html, nothing, type TemplateResult } from 'lit';
import { type FieldsView, select, text } from './fields.js';

/**
 * Step 1 (bundled with the element: it is the first render): title, profession, names and, unless
 * `email` is false, the e-mail address (a member's account edits the rest; the address changes on its own).
 */
export function identity(view: FieldsView, email = true): TemplateResult {
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
    </div>
    ${email ? text(view, 'email', strings.email, { type: 'email', auto: 'email', max: 254, hint: strings.emailHint }) : nothing}`;
}

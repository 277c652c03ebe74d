import type { AdminOrganisationSettings, OrganisationCreated, OrganisationInput, Problem } from '@mahjar/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { type Locale, localeNames, locales, type Strings, say } from '../i18n.js';
import { asProblem, errorsAt, PagedList, problemText, type ScreenContext, screenStyles } from '../shared.js';

/** Where the widgets are loaded from, as the README's embedding snippet says. */
const WIDGETS_SCRIPT = 'https://cdn.jsdelivr.net/npm/@mahjar/widgets@0.1.0/dist/mahjar-loader.js';

/** The pointers the form has a field for; a refusal pointing elsewhere is shown for the whole form. */
const FIELDS = ['/slug', '/name', '/country', '/defaultCurrency', '/locales', '/website', '/allowedOrigins', '/owner'];

/** The form's fields as the contract's `OrganisationInput` (empty optional fields left out, the rest for the API to judge). */
function chapterInput(form: HTMLFormElement): OrganisationInput {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const name: Record<string, string> = {};
  for (const locale of locales) if (text(`name-${locale}`)) name[locale] = text(`name-${locale}`);
  const website = text('website');
  const ownerLocale = text('ownerLocale');
  return {
    slug: text('slug'),
    name,
    country: text('country').toUpperCase(),
    defaultCurrency: text('defaultCurrency').toUpperCase(),
    locales: data.getAll('locales').map(String),
    ...(website ? { website } : {}),
    allowedOrigins: text('allowedOrigins')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    owner: { email: text('ownerEmail'), ...(ownerLocale ? { locale: ownerLocale as Locale } : {}) },
  };
}

/** The tags a chapter's website pastes to show the widgets with its key. */
const embedSnippet = (apiBase: string, created: OrganisationCreated) =>
  `<script type="module" src="${WIDGETS_SCRIPT}" crossorigin="anonymous"></script>
<mahjar-provider api-base="${apiBase}" publishable-key="${created.publishableKey.key}" chapter="${created.organisation.slug}">
  <mahjar-member-signup></mahjar-member-signup>
  <mahjar-event-calendar></mahjar-event-calendar>
  <mahjar-specialist-directory></mahjar-specialist-directory>
</mahjar-provider>`;

/**
 * Chapters (an umbrella's owner): its chapters with their websites (`listChapters`, paged) and a new
 * chapter with its website origins and first owner (`createOrganisation`), whose publishable key is
 * shown this once, with a copy button and the tags to embed the widgets.
 */
export class MahjarConsoleChapters extends LitElement {
  static override styles = [
    screenStyles,
    css`
      fieldset {
        border: 1px solid #c5cbd4;
        border-radius: 0.35rem;
        padding: 0.5rem 0.75rem;
        margin: 0;
      }
      legend {
        font-weight: 500;
      }
      fieldset label {
        display: inline-flex;
        gap: 0.35rem;
        align-items: center;
        margin-inline-end: 1rem;
        font-weight: normal;
      }
      textarea {
        min-width: min(28rem, 100%);
      }
      .created {
        border-color: #0a6b4d;
        border-width: 2px;
        margin-bottom: 1rem;
      }
      .once {
        font-weight: 600;
        color: #8a5300;
      }
      pre,
      code.key {
        display: block;
        overflow-x: auto;
        padding: 0.5rem 0.75rem;
        background: #f3f5f8;
        border-radius: 0.35rem;
        font-size: 0.9rem;
        text-align: start;
      }
      .form-grid {
        display: grid;
        gap: 0.75rem;
      }
      /* fields in columns of one width, each label on top, its message under it */
      .form-grid .row {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        align-items: start;
      }
      .form-grid [data-field='allowedOrigins'] {
        grid-column: 1 / -1;
      }
      .hint {
        font-weight: normal;
        font-size: 0.9rem;
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];
  static override properties = {
    context: { attribute: false },
    problem: { state: true },
    busy: { state: true },
    created: { state: true },
    copied: { state: true },
  };

  context!: ScreenContext;
  problem?: Problem;
  busy = false;
  created?: OrganisationCreated;
  copied = false;

  #chapters = new PagedList<AdminOrganisationSettings>(this, (cursor) =>
    this.context.client.GET('/v1/admin/organisations', {
      params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#chapters.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #create(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    this.busy = true;
    const answer = await this.context.client
      .POST('/v1/admin/organisations', { body: chapterInput(form) })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = false;
    if (answer.data) {
      const created = answer.data;
      this.problem = undefined;
      this.created = created;
      this.copied = false;
      form.reset();
      this.#chapters.items = [...this.#chapters.items, created.organisation].sort((a, b) =>
        a.slug.localeCompare(b.slug),
      );
      this.context.announce(
        this.#t('chapterCreated', { name: this.#name(created.organisation), email: created.owner.email }),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.created h3')?.focus();
    } else {
      this.problem = asProblem(answer.error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  async #copy() {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.publishableKey.key);
      this.copied = true;
      this.context.announce(this.#t('copied'));
    } catch {
      // no clipboard (an insecure origin, a refused permission): the key stays selectable on screen
      const range = document.createRange();
      const code = this.renderRoot.querySelector('[data-testid="chapter-key"]');
      if (code) {
        range.selectNodeContents(code);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  }

  #name(organisation: AdminOrganisationSettings) {
    const name = organisation.name as Record<string, string | undefined>;
    return name[this.context.locale] ?? name.en ?? Object.values(name)[0] ?? organisation.slug;
  }

  /** One labelled field with its message from the refused form. */
  #field(
    name: string,
    label: unknown,
    pointer: string,
    input: (invalid: 'true' | 'false', describedBy: string) => unknown,
  ) {
    // a message about one line of a list names the line (`/allowedOrigins/1` → line 2)
    const error = errorsAt(this.problem, pointer, {
      item: (index, detail) =>
        this.#t('lineError', { line: new Intl.NumberFormat(this.context.locale).format(index + 1), detail }),
    });
    return html`<label data-field=${name}
      >${label} ${input(error ? 'true' : 'false', `chapter-${name}-error`)}
      <span class="field-error" id="chapter-${name}-error" dir="auto">${error}</span></label
    >`;
  }

  #renderCreated(created: OrganisationCreated) {
    const apiBase = apiBaseOfPage();
    return html`<section class="card created" aria-labelledby="created-heading">
      <h3 id="created-heading" tabindex="-1">
        ${this.#t('chapterCreated', { name: this.#name(created.organisation), email: created.owner.email })}
      </h3>
      <p class="once" role="alert">${this.#t('chapterKeyOnce')}</p>
      <code class="key" data-testid="chapter-key" dir="ltr">${created.publishableKey.key}</code>
      <p class="row">
        <button type="button" @click=${this.#copy}>${this.#t('copyKey')}</button>
        ${this.copied ? html`<span>${this.#t('copied')}</span>` : nothing}
      </p>
      <p>${this.#t('embedIntro')}</p>
      <pre dir="ltr" data-testid="chapter-snippet"><code>${embedSnippet(apiBase, created)}</code></pre>
      <p class="row"><button type="button" class="secondary" @click=${() => (this.created = undefined)}>${this.#t('chapterKeyDone')}</button></p>
    </section>`;
  }

  #renderForm() {
    const locale = this.context.locale;
    const problem = this.problem;
    const pointed = (problem?.errors ?? []).some((e) =>
      FIELDS.some((f) => e.pointer === f || e.pointer.startsWith(`${f}/`)),
    );
    return html`<form class="card form-grid" novalidate @submit=${this.#create} aria-labelledby="new-chapter-heading">
      <h3 id="new-chapter-heading">${this.#t('newChapter')}</h3>
      <div class="row">
        ${this.#field('slug', this.#t('chapterSlug'), '/slug', (invalid, by) => html`<input name="slug" required maxlength="64" dir="ltr" autocomplete="off" aria-invalid=${invalid} aria-describedby=${by} />`)}
        ${this.#field('name', this.#t('chapterName'), '/name', (invalid, by) => html`<input name="name-en" required maxlength="200" lang="en" aria-invalid=${invalid} aria-describedby=${by} />`)}
        <label
          >${this.#t('chapterNameAr')}
          <input name="name-ar" maxlength="200" lang="ar" dir="rtl" />
        </label>
        <label
          >${this.#t('chapterNameFr')}
          <input name="name-fr" maxlength="200" lang="fr" />
        </label>
      </div>
      <div class="row">
        ${this.#field('country', this.#t('country'), '/country', (invalid, by) => html`<input name="country" required size="3" maxlength="2" dir="ltr" aria-invalid=${invalid} aria-describedby=${by} />`)}
        ${this.#field('defaultCurrency', this.#t('chapterCurrency'), '/defaultCurrency', (invalid, by) => html`<input name="defaultCurrency" required size="4" maxlength="3" dir="ltr" aria-invalid=${invalid} aria-describedby=${by} />`)}
        <fieldset data-field="locales" aria-describedby="chapter-locales-error">
          <legend>${this.#t('chapterLocales')}</legend>
          ${locales.map((l) => html`<label><input type="checkbox" name="locales" value=${l} ?checked=${l === 'en'} />${localeNames[l]}</label>`)}
          <span class="field-error" id="chapter-locales-error" dir="auto">${errorsAt(problem, '/locales')}</span>
        </fieldset>
      </div>
      <div class="row">
        ${this.#field('website', this.#t('chapterWebsite'), '/website', (invalid, by) => html`<input name="website" type="url" maxlength="300" dir="ltr" placeholder="https://" aria-invalid=${invalid} aria-describedby=${by} />`)}
        ${this.#field(
          'allowedOrigins',
          html`${this.#t('chapterOrigins')} <span class="muted hint">${this.#t('originsHint')}</span>`,
          '/allowedOrigins',
          (invalid, by) =>
            html`<textarea name="allowedOrigins" rows="3" dir="ltr" aria-invalid=${invalid} aria-describedby=${by}></textarea>`,
        )}
      </div>
      <div class="row">
        ${this.#field('ownerEmail', this.#t('chapterOwner'), '/owner', (invalid, by) => html`<input name="ownerEmail" type="email" required autocomplete="off" dir="ltr" aria-invalid=${invalid} aria-describedby=${by} />`)}
        <label
          >${this.#t('userLanguage')}
          <select name="ownerLocale">
            <option value="">${this.#t('chapterOwnerLocaleDefault')}</option>
            ${locales.map((l) => html`<option value=${l} lang=${l}>${localeNames[l]}</option>`)}
          </select>
        </label>
      </div>
      ${problem && !pointed ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
      <div><button ?disabled=${this.busy}>${this.#t('createChapter')}</button></div>
    </form>`;
  }

  override render() {
    const locale = this.context.locale;
    const chapters = this.#chapters;
    return html`${this.created ? this.#renderCreated(this.created) : nothing} ${this.#renderForm()}
      <h3>${this.#t('chapterList')}</h3>
      ${chapters.status === 'error' && chapters.problem ? html`<p class="error" role="alert">${problemText(locale, chapters.problem)}</p>` : nothing}
      ${chapters.status === 'done' && chapters.items.length === 0 ? html`<p class="muted">${this.#t('empty')}</p>` : nothing}
      <ul class="cards">
        ${chapters.items.map(
          (c) =>
            html`<li class="card" data-chapter=${c.slug}>
              <h3>${this.#name(c)} <span class="muted" dir="ltr">(${c.slug})</span></h3>
              <p class="muted">
                ${new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }).of(c.country) ?? c.country} ·
                ${c.defaultCurrency} · ${new Intl.ListFormat(locale, { type: 'unit' }).format(c.locales.map((l) => localeNames[l as Locale] ?? l))}
              </p>
              <p>
                ${this.#t('chapterOrigins')}:
                ${c.allowedOrigins.length ? c.allowedOrigins.map((o, i) => html`${i ? ', ' : ''}<bdi dir="ltr">${o}</bdi>`) : '—'}
              </p>
            </li>`,
        )}
      </ul>
      ${chapters.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${chapters.nextCursor && chapters.status !== 'loading' ? html`<button class="secondary more" @click=${() => chapters.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

/** The API's address as the page names it (`<meta name="mahjar-api">`), for the snippet. */
const apiBaseOfPage = () =>
  document.querySelector<HTMLMetaElement>('meta[name="mahjar-api"]')?.content.replace(/\/+$/, '') || location.origin;

customElements.define('mahjar-console-chapters', MahjarConsoleChapters);

import {
  type AdminOrganisation,
  type AdminRole,
  type AdminSession,
  createMahjarClient,
  type MahjarClient,
  type Problem,
} from '@mahjar/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { isLocale, type Locale, localeNames, locales, type Strings, say } from './i18n.js';
import { exchange, keepSession, newVerifier, storedSession, takeSignInCode } from './session.js';
import { asProblem, fieldError, meets, problemText, type ScreenContext, screenStyles } from './shared.js';
import './screens/review-screen.js';
import './screens/events-screen.js';
import './screens/users-screen.js';
import './screens/report-screen.js';
import './screens/audit-screen.js';
import './screens/campaigns-screen.js';
import './screens/members-screen.js';
import './screens/settings-screen.js';
import './screens/chapters-screen.js';

type Route = 'review' | 'events' | 'campaigns' | 'members' | 'users' | 'settings' | 'report' | 'audit' | 'chapters';
/** `umbrella`: only an umbrella's (its chapters). */
const ROUTES: { route: Route; label: keyof Strings; min: AdminRole; umbrella?: true }[] = [
  { route: 'review', label: 'review', min: 'reviewer' },
  { route: 'events', label: 'events', min: 'viewer' },
  { route: 'campaigns', label: 'campaigns', min: 'viewer' },
  { route: 'members', label: 'members', min: 'viewer' },
  { route: 'users', label: 'users', min: 'owner' },
  { route: 'settings', label: 'settings', min: 'owner' },
  { route: 'report', label: 'report', min: 'viewer' },
  { route: 'audit', label: 'audit', min: 'owner' },
  { route: 'chapters', label: 'chapters', min: 'owner', umbrella: true },
];
/** The sections `organisation`'s signed-in person may open. */
const routesOf = (organisation: AdminOrganisation) =>
  ROUTES.filter((r) => meets(organisation.role, r.min) && (!r.umbrella || organisation.kind === 'umbrella'));
const LOCALE_KEY = 'mahjar-console-locale';

/** The API's address: the page's `<meta name="mahjar-api">` (the demo rewrites it), else this origin. */
const apiBase = () =>
  document.querySelector<HTMLMetaElement>('meta[name="mahjar-api"]')?.content.replace(/\/+$/, '') || location.origin;

/**
 * The console's shell: sign-in by e-mail link, the signed-in person's organisation and role, the
 * sections their role opens (`#review`, `#events`, …), the language (with `dir` on `<html>`), and
 * one live region every screen's status messages go to.
 */
export class MahjarConsole extends LitElement {
  static override styles = [
    screenStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1.25rem;
        background: #0a6b4d;
        color: #fff;
      }
      header h1 {
        margin: 0;
        font-size: 1.25rem;
      }
      header .who {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        flex-wrap: wrap;
      }
      header button {
        border-color: #fff;
      }
      header select {
        border-color: #fff;
        color: #1b1e23;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0.5rem 1.25rem;
        background: #fff;
        border-bottom: 1px solid #c5cbd4;
      }
      nav a {
        display: block;
        padding: 0.35rem 0.75rem;
        border-radius: 0.35rem;
        color: #0a6b4d;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: #0a6b4d;
        color: #fff;
      }
      main {
        padding: 1rem 1.25rem 3rem;
        max-width: 70rem;
      }
      main h2 {
        margin-top: 0;
      }
      .sign-in {
        max-width: 28rem;
        display: grid;
        gap: 0.75rem;
      }
      .status {
        min-height: 1.5em;
        margin: 0 0 0.75rem;
      }
    `,
  ];
  static override properties = {
    locale: { state: true },
    session: { state: true },
    organisation: { state: true },
    route: { state: true },
    signInState: { state: true },
    signInProblem: { state: true },
    status: { state: true },
  };

  locale: Locale = 'en';
  session?: AdminSession;
  organisation?: AdminOrganisation;
  route: Route = 'events';
  signInState: 'form' | 'sending' | 'sent' | 'exchanging' = 'form';
  signInProblem?: Problem;
  status = '';
  #sentTo = { email: '', organisation: '' };
  #apiBase = apiBase();
  #client?: MahjarClient;
  #focusHeading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = localStorage.getItem(LOCALE_KEY);
    const browser = navigator.language.slice(0, 2);
    this.#setLocale(isLocale(saved) ? saved : isLocale(browser) ? browser : 'en');
    const code = takeSignInCode();
    window.addEventListener('hashchange', this.#readRoute);
    this.#readRoute();
    if (code) void this.#exchange(code);
    else void this.#resume(storedSession(this.#apiBase));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#readRoute);
  }

  #setLocale(locale: Locale) {
    this.locale = locale;
    this.status = '';
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
    document.title = say(locale, 'title');
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {}
    this.#client = this.session ? this.#clientFor(this.session) : undefined;
  }

  #clientFor(session: AdminSession) {
    return createMahjarClient({ baseUrl: this.#apiBase, bearerToken: session.token, locale: this.locale });
  }

  #readRoute = () => {
    // a sign-in link opened in the tab that asked for it changes only the fragment
    const code = this.isConnected && takeSignInCode();
    if (code) {
      void this.#exchange(code);
      return;
    }
    const route = location.hash.slice(1).split('/')[0] as Route;
    if (ROUTES.some((r) => r.route === route) && route !== this.route) {
      this.route = route;
      this.status = '';
      this.#focusHeading = true;
    }
  };

  async #resume(session: AdminSession | undefined) {
    if (!session) return;
    this.session = session;
    this.#client = this.#clientFor(session);
    const { data, response } = await this.#client.GET('/v1/admin/organisation');
    if (data) {
      this.organisation = data;
      const allowed = routesOf(data);
      if (!allowed.some((r) => r.route === this.route)) this.route = allowed[0]?.route ?? 'events';
      this.#focusHeading = true;
    } else if (response.status === 401) this.#forget();
  }

  #forget() {
    keepSession(this.#apiBase, undefined);
    this.session = undefined;
    this.organisation = undefined;
    this.#client = undefined;
    this.signInState = 'form';
  }

  async #exchange(code: string) {
    this.signInState = 'exchanging';
    const client = createMahjarClient({ baseUrl: this.#apiBase, locale: this.locale });
    const answer = await exchange(client, code, this.#apiBase).catch(asProblem);
    if ('token' in answer) {
      keepSession(this.#apiBase, answer);
      this.signInState = 'form';
      await this.#resume(answer);
    } else {
      this.signInProblem = answer;
      this.signInState = 'form';
    }
  }

  async #requestLink(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const organisation = String(data.get('organisation') ?? '').trim();
    this.signInState = 'sending';
    this.signInProblem = undefined;
    try {
      const client = createMahjarClient({ baseUrl: this.#apiBase, locale: this.locale });
      const { error } = await client.POST('/v1/admin/sign-in', {
        body: {
          email,
          organisation,
          returnUrl: `${location.origin}${location.pathname}`,
          verifierHash: await newVerifier(this.#apiBase),
        },
      });
      if (error) throw error;
      this.#sentTo = { email, organisation };
      this.signInState = 'sent';
      this.#announce(say(this.locale, 'linkSent', this.#sentTo));
    } catch (error) {
      this.signInProblem = asProblem(error);
      this.signInState = 'form';
    }
  }

  async #signOut() {
    await this.#client?.DELETE('/v1/admin/sessions/current').catch(() => undefined);
    this.#forget();
    this.#focusHeading = true;
  }

  #announce = (message: string) => {
    this.status = '';
    // a new text node each time, so the same message is read again
    requestAnimationFrame(() => {
      this.status = message;
    });
  };

  protected override updated(): void {
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('main h2')?.focus();
    }
  }

  #renderSignIn() {
    const t = (key: keyof Strings, values?: Record<string, string>) => say(this.locale, key, values);
    const problem = this.signInProblem;
    const emailError = fieldError(problem, '/email');
    const organisationError = fieldError(problem, '/organisation');
    return html`<h2 tabindex="-1">${t('signInHeading')}</h2>
      ${
        this.signInState === 'exchanging'
          ? html`<p>${t('signingIn')}</p>`
          : this.signInState === 'sent'
            ? html`<p>${t('linkSent', this.#sentTo)}</p>`
            : html`<form class="sign-in" novalidate @submit=${this.#requestLink}>
              <p class="muted">${t('signInIntro')}</p>
              <label
                >${t('email')}
                <input
                  name="email"
                  type="email"
                  autocomplete="email"
                  required
                  aria-invalid=${emailError ? 'true' : 'false'}
                  aria-describedby="email-error"
                />
                <span id="email-error" class="field-error">${emailError ?? ''}</span>
              </label>
              <label
                >${t('organisation')}
                <input
                  name="organisation"
                  autocomplete="organization"
                  required
                  aria-invalid=${organisationError ? 'true' : 'false'}
                  aria-describedby="organisation-error"
                />
                <span id="organisation-error" class="field-error">${organisationError ?? ''}</span>
              </label>
              ${problem && !emailError && !organisationError ? html`<p class="error" role="alert">${problemText(this.locale, problem)}</p>` : nothing}
              <div><button ?disabled=${this.signInState === 'sending'}>${t('sendLink')}</button></div>
            </form>`
      }`;
  }

  #renderScreen(context: ScreenContext) {
    switch (this.route) {
      case 'review':
        return html`<mahjar-console-review .context=${context}></mahjar-console-review>`;
      case 'campaigns':
        return html`<mahjar-console-campaigns .context=${context}></mahjar-console-campaigns>`;
      case 'members':
        return html`<mahjar-console-members .context=${context}></mahjar-console-members>`;
      case 'settings':
        return html`<mahjar-console-settings .context=${context}></mahjar-console-settings>`;
      case 'users':
        return html`<mahjar-console-users .context=${context}></mahjar-console-users>`;
      case 'report':
        return html`<mahjar-console-report .context=${context}></mahjar-console-report>`;
      case 'audit':
        return html`<mahjar-console-audit .context=${context}></mahjar-console-audit>`;
      case 'chapters':
        return html`<mahjar-console-chapters .context=${context}></mahjar-console-chapters>`;
      default:
        return html`<mahjar-console-events .context=${context}></mahjar-console-events>`;
    }
  }

  override render() {
    const t = (key: keyof Strings, values?: Record<string, string>) => say(this.locale, key, values);
    const organisation = this.organisation;
    const signedIn = this.session && organisation && this.#client;
    const routes = organisation ? routesOf(organisation) : [];
    const current = routes.find((r) => r.route === this.route);
    return html`<header>
        <h1>${t('title')}</h1>
        <div class="who">
          ${
            signedIn
              ? html`<span data-testid="who"
                  >${t('signedInAs', {
                    email: this.session!.user.email,
                    role: t(`role_${organisation.role}`),
                    organisation: organisation.name[this.locale] ?? organisation.name.en ?? organisation.slug,
                  })}</span
                >`
              : nothing
          }
          <label class="row"
            ><span>${t('language')}</span>
            <select @change=${(e: Event) => this.#setLocale((e.target as HTMLSelectElement).value as Locale)}>
              ${locales.map((l) => html`<option value=${l} ?selected=${l === this.locale} lang=${l}>${localeNames[l]}</option>`)}
            </select></label
          >
          ${signedIn ? html`<button class="secondary" @click=${this.#signOut}>${t('signOut')}</button>` : nothing}
        </div>
      </header>
      ${
        signedIn
          ? html`<nav aria-label=${t('navigation')}>
              <ul>
                ${routes.map(
                  (r) =>
                    html`<li>
                      <a href="#${r.route}" aria-current=${r.route === this.route ? 'page' : 'false'}>${t(r.label)}</a>
                    </li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      <main>
        <p class="status" role="status" aria-live="polite">${this.status}</p>
        ${
          signedIn && current
            ? html`<h2 tabindex="-1">${t(current.label)}</h2>
                ${this.#renderScreen({
                  client: this.#client!,
                  locale: this.locale,
                  role: organisation.role,
                  announce: this.#announce,
                })}`
            : signedIn
              ? // an address for a section this role does not open (typed, or kept from another session)
                html`<p role="alert" data-testid="not-yours">${t('notYours')}</p>`
              : this.session && !organisation
                ? html`<p>${t('loading')}</p>`
                : this.#renderSignIn()
        }
      </main>`;
  }
}

customElements.define('mahjar-console', MahjarConsole);

import type { MahjarClient, Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { formatNumber, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { memberAccount as en } from '../translations/en/member-account.js';
import type { memberSignup } from '../translations/en/member-signup.js';
import type { Account } from './account.js';
import { styles } from './member-account.styles.js';
import { exchange, newVerifier, SessionStore, takeSignInCode } from './session.js';

/** The element's strings; in Arabic and French they bring the signup's field labels along. */
export type AccountStrings = typeof en & { signup?: typeof memberSignup };

/** detail of `mahjar-member-signed-in`. */
export interface MemberSignedInDetail {
  professionalId: string;
}
/** detail of `mahjar-member-signed-out`: `everywhere` when every device was signed out; `deleted` after a deletion. */
export interface MemberSignedOutDetail {
  reason: 'signed-out' | 'everywhere' | 'expired' | 'deleted';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-member-signed-in': CustomEvent<MemberSignedInDetail>;
    'mahjar-member-signed-out': CustomEvent<MemberSignedOutDetail>;
    'mahjar-member-saved': CustomEvent<{ what: 'profile' | 'chapters' | 'gift' }>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-member-account': MahjarMemberAccount;
  }
}

type Stage = 'signed-out' | 'sending' | 'sent' | 'exchanging' | 'signed-in' | 'deleted';

/**
 * @summary A member's own account, on their chapter's site: sign in by e-mail link (no password,
 * no third-party cookie), then keep the profile current with the signup's own fields and checks,
 * choose who sees each field, give or withdraw each consent (the directory listing, each ministry
 * of health by name, the newsletter), join or leave chapters, stop a monthly gift, download every
 * datum held, or delete the account. Every change is sent with an Idempotency-Key and leaves a
 * consent record.
 *
 * The sign-in link returns to the page it was asked from (an allowed origin of the organisation),
 * with a single-use code in its fragment; the element exchanges it for a session kept on this
 * device until it expires or the member signs out.
 *
 * @tag mahjar-member-account
 * @slot intro - Shown above the sign-in form.
 * @csspart base - The themed card.
 * @csspart form - Each native form (sign-in, profile, chapters).
 * @csspart field - Each input and select.
 * @csspart submit - Each form's submit button.
 * @csspart error - A message about a request that failed.
 * @csspart status - A message confirming what happened.
 * @csspart section - Each section of the signed-in account.
 * @csspart dialog - The confirmation `<dialog>` (stopping a gift, deleting the account).
 * @csspart danger - The buttons that delete or stop something.
 * @cssprop --mahjar-color-accent - Buttons and focus (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Hints (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors and destructive buttons (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @event mahjar-member-signed-in - A sign-in link was exchanged for a session; detail: { professionalId }.
 * @event mahjar-member-signed-out - The session ended; detail: { reason }.
 * @event mahjar-member-saved - A change was saved; detail: { what }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarMemberAccount extends MahjarElement {
  static override styles = [theme, styles];
  /** The Arabic and French strings, loaded on first use, with the signup's (its field labels), which a page holding the signup loads once. */
  protected static override strings: Strings<AccountStrings> = (language) =>
    Promise.all([
      language === 'ar'
        ? import('../translations/ar/member-account.js')
        : import('../translations/fr/member-account.js'),
      language === 'ar' ? import('../translations/ar/member-signup.js') : import('../translations/fr/member-signup.js'),
    ]).then(([own, signup]) => ({ common: own.common, default: { ...own.default, signup: signup.default } }));
  static override properties = {
    returnUrl: { attribute: 'return-url' },
    noticeUrl: { attribute: 'notice-url' },
  };

  #stage: Stage = 'signed-out';
  /** Why the member sees the sign-in form again (an ended session, a spent link), or why sending failed. */
  #problem?: Problem;
  #notice?: string;
  #email = '';
  #emailError = '';
  #expiresInMinutes = 15;
  #store?: SessionStore;
  #storeFor = '';
  #code?: string;
  /** The signed-in account's code (account.ts), loaded once a session exists. */
  #account?: Account;
  #accountLoaded?: Promise<void>;

  /** Where the sign-in link returns to (default: this page); its origin must be allowed for the organisation. */
  returnUrl = '';
  /** Link to the full privacy notice, shown with the consents. */
  noticeUrl = '';

  /** The signed-in part (read-only, once loaded): `profile`, `answers`, `gifts`; undefined while signed out. */
  get account(): Account | undefined {
    return this.#stage === 'signed-in' ? this.#account : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#code ??= takeSignInCode();
    addEventListener('hashchange', this.#handleHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#handleHashChange);
  }

  /** The link opened in the tab that shows this page already: only the fragment changes. */
  #handleHashChange = (): void => {
    const code = takeSignInCode();
    if (!code) return;
    this.#code = code;
    this.#storeFor = ''; // a new sign-in replaces whoever was signed in
    this.requestUpdate();
  };

  /** Resolves once rendered, with the signed-in part's code and first reads when a session exists. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#accountLoaded;
    await this.#account?.ready;
    return super.getUpdateComplete();
  }

  get #strings(): AccountStrings {
    return this.ownStrings(en);
  }

  get #apiBase(): string {
    return this.apiBase || this.providerConfig?.apiBase || '';
  }

  get #publishableKey(): string {
    return this.publishableKey || this.providerConfig?.publishableKey || '';
  }

  protected override willUpdate(): void {
    const client = this.client;
    const base = this.#apiBase;
    const key = this.#publishableKey;
    if (!client || !base || !key) return;
    if (this.#storeFor !== `${base} ${key}`) {
      this.#storeFor = `${base} ${key}`;
      this.#store = new SessionStore(base, key);
      this.#account = undefined;
      this.#stage = 'signed-out';
    }
    const code = this.#code;
    if (code) {
      this.#code = undefined;
      this.#exchange(client, code);
    } else if (this.#stage === 'signed-out' && this.#store!.session) this.#open();
  }

  async #exchange(client: MahjarClient, code: string): Promise<void> {
    this.#stage = 'exchanging';
    const session = await exchange(client, code, this.#apiBase, this.#publishableKey);
    if ('token' in session) {
      this.#store!.session = { token: session.token, expiresAt: session.expiresAt };
      emit(this, 'mahjar-member-signed-in', { professionalId: session.professionalId });
      this.#open();
    } else {
      this.#stage = 'signed-out';
      this.#problem = session;
      emit(this, 'mahjar-error', { problem: session });
    }
    this.requestUpdate();
  }

  /** Shows the account: its code loads (once), then it reads the member's data with the session. */
  #open(): void {
    const session = this.#store!.session!;
    const client = this.client!;
    this.#stage = 'signed-in';
    this.#problem = undefined;
    this.#accountLoaded = import('./account.js').then((module) => {
      this.#account = new module.Account(this, {
        client,
        session: session.token,
        strings: () => this.#strings,
        ui: () => this.ui,
        intl: () => this.intl,
        noticeUrl: () => this.noticeUrl,
        problemText: (problem) => this.problemText(problem),
        offline: () => this.common.offline,
        money: (minor, currency) => this.money(minor, currency),
        signedOut: (reason) => this.#signedOut(reason),
        saved: (what) => emit(this, 'mahjar-member-saved', { what }),
        failed: (problem) => emit(this, 'mahjar-error', { problem }),
      });
      this.requestUpdate();
    });
    this.requestUpdate();
  }

  #signedOut(reason: MemberSignedOutDetail['reason']): void {
    this.#store!.session = undefined;
    this.#account = undefined;
    this.#accountLoaded = undefined;
    this.#stage = reason === 'deleted' ? 'deleted' : 'signed-out';
    this.#notice = reason === 'expired' ? this.#strings.ended : undefined;
    this.requestUpdate();
    emit(this, 'mahjar-member-signed-out', { reason });
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  #handleInput = (event: Event): void => {
    this.#email = (event.target as HTMLInputElement).value;
    this.#emailError = '';
  };

  #handleSignIn = async (event: Event): Promise<void> => {
    event.preventDefault();
    const client = this.client;
    const email = this.#email.trim();
    if (!client || this.#stage === 'sending') return;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      this.#emailError = this.#strings.emailInvalid;
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#email')?.focus();
      return;
    }
    this.#stage = 'sending';
    this.#problem = undefined;
    this.#notice = undefined;
    this.requestUpdate();
    const returnUrl = this.returnUrl || location.href.split('#')[0]!;
    const verifierHash = await newVerifier(this.#apiBase, this.#publishableKey);
    const { data, error } = await client.POST('/v1/members/sign-in', {
      body: { email, returnUrl, verifierHash },
      params: { header: { 'Accept-Language': this.intl } },
    });
    if (data) {
      this.#expiresInMinutes = Math.round(data.expiresInSeconds / 60);
      this.#stage = 'sent';
      // the form is gone: focus moves to the heading, and the message under it says what happens next
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
    } else {
      this.#stage = 'signed-out';
      this.#problem = error as Problem;
      emit(this, 'mahjar-error', { problem: error as Problem });
    }
    this.requestUpdate();
  };

  #problemText(problem: Problem): string {
    return problem.type.endsWith('/sign-in-link-invalid') ? this.#strings.linkInvalid : this.problemText(problem);
  }

  protected override render(): unknown {
    const strings = this.#strings;
    const stage = this.#stage;
    if (stage === 'signed-in' || stage === 'exchanging') {
      const account = this.#account;
      return account && stage === 'signed-in'
        ? this.frame(account.render())
        : this.frame(
            html`<h2>${strings.title}</h2><div class="sk"></div><div class="sk"></div><p class="vh" role="status">${stage === 'exchanging' ? strings.signingIn : this.common.loading}</p>`,
            true,
          );
    }
    if (stage === 'deleted')
      return this.frame(
        html`<h2 tabindex="-1">${strings.title}</h2><p role="status" part="status">${strings.deleted}</p>`,
      );
    if (stage === 'sent')
      return this.frame(
        html`<h2 tabindex="-1">${strings.title}</h2><p role="status" part="status">${strings.sent(formatNumber(this.#expiresInMinutes, this.intl))}</p>`,
      );
    const problem = this.#problem;
    const sending = stage === 'sending';
    return this.frame(
      html`<h2 tabindex="-1">${strings.title}</h2><slot name="intro"></slot>
      ${this.#notice ? html`<p role="status" part="status">${this.#notice}</p>` : nothing}
      ${problem ? html`<p class="err" role="alert" part="error">${this.#problemText(problem)}</p>` : nothing}
      <form part="form" novalidate @submit=${this.#handleSignIn}>
        <p class="muted">${strings.signInIntro}</p>
        <div class="f"><label for="email">${strings.email}</label>
          <input part="field" id="email" name="email" type="email" autocomplete="email" maxlength="254" required
            .value=${this.#email} @input=${this.#handleInput} aria-invalid=${!!this.#emailError}
            aria-describedby=${this.#emailError ? 'email-e' : nothing} />
          ${this.#emailError ? html`<small id="email-e" class="err">${this.#emailError}</small>` : nothing}
        </div>
        <button class="btn" part="submit" ?disabled=${sending}>${sending ? strings.sending : strings.send}</button>
      </form>`,
      sending,
    );
  }
}

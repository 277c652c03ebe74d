import { type Campaign, type DonationInput, newIdempotencyKey, type Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { currencyDigits, localText, parseAmount, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { donateButton as en } from '../translations/en/donate-button.js';
import { styles } from './donate-button.styles.js';
import type { ReturnHost } from './return.js';

/** detail of `mahjar-donation-start`. Amounts in minor units. */
export interface DonationStartDetail {
  campaign: string;
  amount: number;
  currency: string;
  frequency: DonationInput['frequency'];
}

/** detail of `mahjar-donation-redirect`; `donationId` is absent for a campaign's link-out. */
export interface DonationRedirectDetail {
  campaign: string;
  url: string;
  donationId?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-donation-start': CustomEvent<DonationStartDetail>;
    'mahjar-donation-redirect': CustomEvent<DonationRedirectDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-donate-button': MahjarDonateButton;
  }
}

type Status = 'loading' | 'ready' | 'error' | 'offline' | 'redirecting';
type Errors = { amount?: string; name?: string; email?: string };

/**
 * @summary A campaign's progress and a donate button that opens an accessible dialog: preset or
 * custom amount in the campaign's currency, once or monthly, then on to secure checkout (or the
 * partner's page for link-out campaigns). A double click or a retry never creates two donations.
 *
 * Without JavaScript the light-DOM link is all there is, so always give one:
 * `<mahjar-donate-button campaign="beirut-er-2026"><a href="https://…/donate">Donate</a></mahjar-donate-button>`.
 *
 * @tag mahjar-donate-button
 * @slot - Fallback link to the campaign's donation page: shown before the element upgrades, when
 *   scripts are blocked, and beside the error message.
 * @csspart base - The themed card.
 * @csspart title - The campaign title.
 * @csspart progress - The native `<progress>` toward the goal.
 * @csspart button - The donate button (a link for link-out campaigns).
 * @csspart retry - The retry button of the error and offline states.
 * @csspart dialog - The modal `<dialog>`.
 * @csspart form - The form inside the dialog.
 * @csspart amount - Each preset amount.
 * @csspart field - Each text input.
 * @csspart error - The message when a donation could not be created.
 * @csspart thanks - The thank-you (or "not completed") shown to a donor back from checkout.
 * @csspart submit - The dialog's submit button.
 * @cssprop --mahjar-color-accent - Buttons, progress and selection (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Secondary text (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders and the empty bar (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @cssprop --mahjar-donate-button-bar - Height of the progress bar (default 0.5em).
 * @event mahjar-donation-start - The donor submitted the dialog; detail: { campaign, amount, currency, frequency }.
 * @event mahjar-donation-redirect - Cancelable; about to leave for checkout or the link-out page; `preventDefault()` stops the navigation. detail: { campaign, url, donationId? }
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarDonateButton extends MahjarElement {
  static override styles = [theme, styles];
  /** @internal */
  static override strings: Strings<typeof en> = (l) =>
    l === 'ar' ? import('../translations/ar/donate-button.js') : import('../translations/fr/donate-button.js');
  static override properties = {
    campaign: {},
    minAmount: { attribute: 'min-amount', type: Number },
    maxAmount: { attribute: 'max-amount', type: Number },
    returnUrl: { attribute: 'return-url' },
    status: { state: true },
    data: { state: true },
    problem: { state: true },
    sending: { state: true },
    errors: { state: true },
    amount: { state: true },
    custom: { state: true },
    monthly: { state: true },
    gift: { state: true },
  };

  private status: Status = 'loading';
  private data?: Campaign;
  /** Why the campaign did not load, or why the last donation attempt failed. */
  private problem?: Problem;
  private sending = false;
  private errors: Errors = {};
  /** Chosen preset, minor units. */
  private amount = 0;
  /** What the donor typed as "other amount"; wins over the preset when not empty. */
  private custom = '';
  private monthly = false;
  /** [Idempotency-Key, body] of the last attempt: the same body is retried with the same key. */
  private attempt?: [string, string];
  private loaded?: [unknown, string];
  /** The thank-you of a donor back from checkout (`./return.ts`): two lines, and whether the gift failed. */
  private gift?: [string, string, boolean];
  /** Times the return from checkout was looked for (once is enough). */
  #back = 0;

  /** Slug of the campaign, e.g. `beirut-er-2026`. */
  campaign = '';
  /** Smallest amount in minor units (default: one unit of the currency, and never under the API's 100). */
  minAmount = 0;
  /** Largest amount in minor units (default: the API's limit). */
  maxAmount = 0;
  /** Where hosted checkout sends the donor back (default: this page); must be on an allowed origin. */
  returnUrl = '';

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.wake);
    addEventListener('pageshow', this.wake);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.wake);
    removeEventListener('pageshow', this.wake);
  }

  protected override willUpdate(): void {
    const { client, campaign } = this;
    if (client && campaign && (client !== this.loaded?.[0] || campaign !== this.loaded[1])) {
      this.load();
      // Back from checkout (`?mahjar-donation=…`): the code for it loads only then, once. The button is
      // its host (return.ts sets `gift` and calls `load`), hence the cast past `private`.
      if (location.search.includes('mahjar-donation=') && !this.#back++)
        import('./return.js').then((r) => r.back(this as unknown as ReturnHost, client));
    }
  }

  private get s(): typeof en {
    return (this.tr?.[1] as typeof en | undefined) ?? en;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Back online, or back from checkout through the browser's back button. */
  private wake = (e: Event): void => {
    if (this.status === 'offline') this.load();
    else if (e.type === 'pageshow' && this.status === 'redirecting') this.status = 'ready';
  };

  private fail(problem: Problem, stage: Status): void {
    this.problem = problem;
    this.status = stage === 'loading' && !navigator.onLine ? 'offline' : stage === 'loading' ? 'error' : 'ready';
    emit(this, 'mahjar-error', { problem });
  }

  /** Loads (or reloads) the campaign; `fresh`: past the HTTP cache, in place (a gift was just counted). */
  async load(fresh?: boolean): Promise<void> {
    const client = this.client!;
    const slug = this.campaign;
    this.loaded = [client, slug];
    if (!fresh) this.status = 'loading';
    const { data, error } = await client.GET('/v1/campaigns/{slug}', {
      params: { path: { slug } },
      headers: { 'Accept-Language': this.intl },
      cache: fresh ? 'no-cache' : 'default',
    });
    if (this.loaded[0] !== client || this.loaded[1] !== slug) return;
    if (!data) return this.fail(error as Problem, 'loading');
    this.data = data;
    this.amount = data.presetAmounts[1] ?? data.presetAmounts[0] ?? 0;
    this.problem = undefined;
    this.status = 'ready';
  }

  /** The amount the dialog would send, in minor units (NaN when the typed amount is unreadable). */
  private chosen(currency: string): number {
    return this.custom.trim() ? parseAmount(this.custom, currencyDigits(currency)) : this.amount;
  }

  private go(url: string, donationId?: string): void {
    this.status = 'redirecting';
    if (emit(this, 'mahjar-donation-redirect', { campaign: this.campaign, url, donationId }, true))
      location.assign(url);
    else this.status = 'ready';
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.data!;
    if (this.sending || this.status !== 'ready') return;
    const s = this.s;
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const unit = 10 ** currencyDigits(c.currency);
    const [min, max] = [Math.max(100, this.minAmount || unit), this.maxAmount || 1e11];
    const amount = this.chosen(c.currency);
    const donorEmail = text('email');
    const anonymous = f.has('anonymous');
    const errors: Errors = {};
    if (amount > max) errors.amount = s.tooLarge(this.money(max, c.currency));
    else if (!(amount >= min)) errors.amount = s.tooSmall(this.money(min, c.currency));
    if (!anonymous && !text('name')) errors.name = s.nameRequired;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(donorEmail)) errors.email = s.emailInvalid;
    this.errors = errors;
    if (errors.amount || errors.name || errors.email) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body: DonationInput = {
      amount,
      currency: c.currency,
      frequency: this.monthly && c.allowMonthly ? 'monthly' : 'one_off',
      anonymous,
      donorEmail,
      returnUrl: this.returnUrl || location.href.split('#')[0]!,
    };
    if (text('name')) body.donorName = text('name');
    if (text('dedication')) body.dedication = text('dedication');
    const json = JSON.stringify(body);
    if (this.attempt?.[1] !== json) this.attempt = [newIdempotencyKey(), json];
    this.sending = true;
    this.problem = undefined;
    emit(this, 'mahjar-donation-start', { campaign: c.slug, amount, currency: c.currency, frequency: body.frequency });
    const { data, error } = await this.client!.POST('/v1/campaigns/{slug}/donations', {
      params: { path: { slug: c.slug }, header: { 'Idempotency-Key': this.attempt[0], 'Accept-Language': this.intl } },
      body,
    });
    this.sending = false;
    if (data) return this.go(data.redirectUrl, data.id);
    // The server's field errors, shown at the fields in the donor's language.
    const fields: Record<string, keyof Errors> = { '/amount': 'amount', '/donorName': 'name', '/donorEmail': 'email' };
    const messages = { amount: s.tooSmall(this.money(min, c.currency)), name: s.nameRequired, email: s.emailInvalid };
    for (const { pointer } of (error as Problem).errors ?? [])
      if (fields[pointer]) errors[fields[pointer]] = messages[fields[pointer]];
    this.errors = { ...errors };
    this.fail(error as Problem, 'ready');
  }

  private linkOut(e: MouseEvent): void {
    const url = this.data!.linkOutUrl!;
    if (!emit(this, 'mahjar-donation-redirect', { campaign: this.campaign, url }, true)) e.preventDefault();
  }

  private renderDialog(c: Campaign): unknown {
    const s = this.s;
    const busy = this.sending || this.status === 'redirecting';
    const amount = this.chosen(c.currency);
    const error = (k: keyof Errors) =>
      this.errors[k] ? html`<p class="err" id="${k}-err">${this.errors[k]}</p>` : nothing;
    // The chosen amount takes the focus when the dialog opens (arrows then move through the amounts).
    const chip = (label: string, name: string, checked: boolean, pick: () => void, part = '') =>
      html`<label class="chip" part=${part || nothing}
        ><input type="radio" name=${name} .checked=${checked} ?autofocus=${checked && !!part} @change=${pick}
      />${label}</label>`;
    return html`<dialog
      part="dialog"
      aria-labelledby="dt"
      @close=${() => this.renderRoot.querySelector<HTMLElement>('.open')?.focus()}
      @click=${(e: Event) => e.target === this.dialog && this.dialog!.close()}
    >
      <form part="form" novalidate @submit=${this.submit}>
        <header>
          <h2 id="dt">${s.dialogTitle(localText(c.title, this.ui)[0])}</h2>
          <button type="button" class="x" aria-label=${s.close} @click=${() => this.dialog!.close()}>×</button>
        </header>
        <fieldset>
          <legend>${s.amount(c.currency)}</legend>
          <div class="chips">
            ${c.presetAmounts.map((a) =>
              chip(
                this.money(a, c.currency),
                'amount',
                !this.custom && this.amount === a,
                () => {
                  this.amount = a;
                  this.custom = '';
                },
                'amount',
              ),
            )}
          </div>
          <label class="field"
            >${s.other}<input
              part="field"
              name="custom"
              inputmode="decimal"
              autocomplete="transaction-amount"
              .value=${this.custom}
              ?autofocus=${!!this.custom || !c.presetAmounts.length}
              aria-invalid=${!!this.errors.amount}
              aria-describedby="amount-err"
              @input=${(e: InputEvent) => (this.custom = (e.target as HTMLInputElement).value)}
          /></label>
          ${error('amount')}
        </fieldset>
        ${
          c.allowMonthly
            ? html`<fieldset>
              <legend>${s.frequency}</legend>
              <div class="chips">
                ${chip(s.oneOff, 'frequency', !this.monthly, () => (this.monthly = false))}
                ${chip(s.monthly, 'frequency', this.monthly, () => (this.monthly = true))}
              </div>
            </fieldset>`
            : nothing
        }
        <label class="field"
          >${s.name}<input
            part="field"
            name="name"
            maxlength="120"
            autocomplete="name"
            aria-invalid=${!!this.errors.name}
            aria-describedby="name-err"
        /></label>
        ${error('name')}
        <label class="field"
          >${s.email}<input
            part="field"
            name="email"
            type="email"
            maxlength="254"
            autocomplete="email"
            aria-invalid=${!!this.errors.email}
            aria-describedby="email-err"
        /></label>
        ${error('email')}
        <label class="field">${s.dedication}<input part="field" name="dedication" maxlength="300" /></label>
        <label class="check"><input type="checkbox" name="anonymous" />${s.anonymous}</label>
        ${this.problem ? html`<p class="err" part="error" role="alert">${this.problemText(this.problem)}</p>` : nothing}
        <button class="btn" part="submit" ?disabled=${busy}>
          ${this.status === 'redirecting' ? s.redirecting : busy ? s.sending : amount > 0 ? s.submit(this.money(amount, c.currency), this.monthly) : s.donate}
        </button>
      </form>
    </dialog>`;
  }

  protected override render(): unknown {
    const { status, data: c, s } = this;
    if (status === 'error' || status === 'offline')
      return this.frame(html`<p class="err" role="alert">${status === 'offline' ? this.common.offline : this.problemText(this.problem!)}</p>
        <button class="btn quiet" part="retry" @click=${this.load}>${this.common.retry}</button>
        <p><slot></slot></p>`);
    if (!c || status === 'loading')
      return this.frame(
        html`<div class="sk t"></div><div class="sk"></div><div class="sk"></div><div class="sk b"></div><span class="vh">${this.common.loading}</span>`,
        true,
      );
    const goal = c.goalAmount;
    const [title, titleLang] = localText(c.title, this.ui);
    const [summary, summaryLang] = localText(c.summary, this.ui);
    const gift = this.gift;
    return this.frame(html`<h2 part="title" lang=${titleLang} dir="auto">${title}</h2>
      ${summary ? html`<p class="muted" lang=${summaryLang} dir="auto">${summary}</p>` : nothing}
      ${gift ? html`<div role="status" part="thanks" class=${gift[2] ? 'err' : ''}><p><strong>${gift[0]}</strong></p><p>${gift[1]}</p></div>` : nothing}
      ${
        goal > 0
          ? html`<progress part="progress" max=${goal} .value=${Math.min(c.raisedAmount, goal)} aria-label=${s.progress}
            aria-valuetext=${s.percent(this.percent(c.raisedAmount / goal))}></progress>`
          : nothing
      }
      <p class="stats">
        <span>${s.raised(this.money(c.raisedAmount, c.currency), this.money(goal, c.currency))}</span>
        <span class="muted">${this.plural(s.donors, c.donorCount)}</span>
      </p>
      ${
        c.status !== 'active'
          ? html`<p role="status">${s.closed}</p>`
          : c.checkoutMode === 'link_out' && c.linkOutUrl
            ? html`<a class="btn open" part="button" href=${c.linkOutUrl} @click=${this.linkOut}>${s.donate}</a>`
            : html`<button class="btn open" part="button" aria-haspopup="dialog" @click=${() => this.dialog!.showModal()}>${s.donate}</button>
              ${this.renderDialog(c)}`
      }`);
  }
}

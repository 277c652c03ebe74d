import type { DonationInput, MahjarClient, Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { dialogStyles } from '../shared/dialog.styles.js';
import { emit } from '../shared/events.js';
import { Load, LoadStatus } from '../shared/load.js';
import { localText, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { donateButton as en } from '../translations/en/donate-button.js';
import { styles } from './donate-button.styles.js';
import type { DonationForm } from './donation-form.js';
import type { CheckoutReturn } from './return.js';

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
  static override styles = [theme, dialogStyles, styles];
  /** The Arabic and French strings, loaded on first use. */
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar' ? import('../translations/ar/donate-button.js') : import('../translations/fr/donate-button.js');
  static override properties = {
    campaign: {},
    minAmount: { attribute: 'min-amount', type: Number },
    maxAmount: { attribute: 'max-amount', type: Number },
    returnUrl: { attribute: 'return-url' },
  };

  /** The campaign, read when the client or the slug changes; `#refreshing`: again, in place. */
  #campaign = new Load(this, {
    args: () => (this.client && this.campaign ? ([this.client, this.campaign] as const) : undefined),
    task: async ([client, slug]: readonly [MahjarClient, string]) => {
      const { data, error } = await client.GET('/v1/campaigns/{slug}', {
        params: { path: { slug } },
        headers: { 'Accept-Language': this.intl },
        cache: this.#refreshing ? 'no-cache' : 'default',
      });
      if (!data) throw error;
      return data;
    },
    onComplete: () => {
      this.#refreshing = false;
    },
    onError: (problem) => {
      this.#refreshing = false;
      emit(this, 'mahjar-error', { problem: problem as Problem });
    },
  });
  /** The dialog; its code (donation-form.ts) loads when the donor shows the intent to give. */
  #donationForm?: DonationForm;
  #donationFormLoaded?: Promise<void>;
  /** The donor back from checkout; its code loads only then. */
  #checkoutReturn?: CheckoutReturn;
  #returnLooked = false;
  /** The campaign is read again in place (a gift was just counted): no skeleton meanwhile. */
  #refreshing = false;
  /** On the way to checkout or the partner's page. */
  #redirecting = false;

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
    addEventListener('pageshow', this.#handlePageShow);
  }

  /** Resolves once rendered, with the dialog's code when it is being loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#donationFormLoaded;
    return super.getUpdateComplete();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this.#handlePageShow);
  }

  protected override willUpdate(): void {
    // Back from checkout (`?mahjar-donation=…`): the code for it loads only then, once.
    const { client, campaign } = this;
    if (client && campaign && location.search.includes('mahjar-donation=') && !this.#returnLooked) {
      this.#returnLooked = true;
      import('./return.js').then(
        (module) =>
          (this.#checkoutReturn = new module.CheckoutReturn(this, {
            client,
            campaign,
            language: this.ui,
            money: (minor, currency) => this.money(minor, currency),
            refresh: () => this.load(true),
          })),
      );
    }
  }

  /** Loads (or reloads) the campaign; `fresh`: past the HTTP cache, in place (a gift was just counted). */
  load(fresh?: boolean): Promise<void> {
    this.#refreshing = !!fresh;
    return this.#campaign.run();
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Back from checkout through the browser's back button: the button works again. */
  #handlePageShow = (): void => {
    if (this.#redirecting) this.#redirect(false);
  };

  #redirect(redirecting: boolean): void {
    this.#redirecting = redirecting;
    this.requestUpdate();
  }

  #leave(url: string, donationId?: string): void {
    this.#redirect(true);
    if (emit(this, 'mahjar-donation-redirect', { campaign: this.campaign, url, donationId }, true))
      location.assign(url);
    else this.#redirect(false);
  }

  #handleLinkOut = (event: MouseEvent): void => {
    const url = this.#campaign.value!.linkOutUrl!;
    if (!emit(this, 'mahjar-donation-redirect', { campaign: this.campaign, url }, true)) event.preventDefault();
  };

  #handleRetry = (): void => {
    this.load();
  };

  /** The pointer is over the button, or it has the focus: the dialog's code loads now, before the click. */
  #handleIntent = (): Promise<void> =>
    (this.#donationFormLoaded ??= import('./donation-form.js').then((module) => {
      this.#donationForm = new module.DonationForm(this);
      this.requestUpdate();
    }));

  #handleOpen = async (): Promise<void> => {
    await this.#handleIntent();
    await this.updateComplete;
    this.#dialog!.showModal();
  };

  protected override render(): unknown {
    const load = this.#campaign;
    const strings = this.#strings;
    const campaign = load.value;
    if (load.status === LoadStatus.ERROR)
      return this.frame(html`<p class="err" role="alert">${load.offline ? this.common.offline : this.problemText(load.error as Problem)}</p>
        <button class="btn quiet" part="retry" @click=${this.#handleRetry}>${this.common.retry}</button>
        <p><slot></slot></p>`);
    const form = this.#donationForm;
    if (!campaign || (load.status === LoadStatus.PENDING && !this.#refreshing))
      return this.frame(
        html`<div class="sk t"></div><div class="sk"></div><div class="sk"></div><div class="sk b"></div><span class="vh">${this.common.loading}</span>`,
        true,
      );
    const goal = campaign.goalAmount;
    const title = localText(campaign.title, this.ui);
    const summary = localText(campaign.summary, this.ui);
    const thanks = this.#checkoutReturn?.thanks;
    return this.frame(html`<h2 part="title" lang=${title.lang} dir="auto">${title.text}</h2>
      ${summary.text ? html`<p class="muted" lang=${summary.lang} dir="auto">${summary.text}</p>` : nothing}
      ${thanks ? html`<div role="status" part="thanks" class=${thanks.failed ? 'err' : ''}><p><strong>${thanks.title}</strong></p><p>${thanks.detail}</p></div>` : nothing}
      ${
        goal > 0
          ? html`<progress part="progress" max=${goal} .value=${Math.min(campaign.raisedAmount, goal)} aria-label=${strings.progress}
            aria-valuetext=${strings.percent(this.percent(campaign.raisedAmount / goal))}></progress>`
          : nothing
      }
      <p class="stats">
        <span>${strings.raised(this.money(campaign.raisedAmount, campaign.currency), this.money(goal, campaign.currency))}</span>
        <span class="muted">${this.plural(strings.donors, campaign.donorCount)}</span>
      </p>
      ${
        campaign.status !== 'active'
          ? html`<p role="status">${strings.closed}</p>`
          : campaign.checkoutMode === 'link_out' && campaign.linkOutUrl
            ? html`<a class="btn open" part="button" href=${campaign.linkOutUrl} @click=${this.#handleLinkOut}>${strings.donate}</a>`
            : html`<button class="btn open" part="button" aria-haspopup="dialog" @pointerenter=${this.#handleIntent}
                @focus=${this.#handleIntent} @click=${this.#handleOpen}>${strings.donate}</button>
              ${form?.render({
                campaign,
                title: title.text,
                strings,
                client: this.client!,
                intl: this.intl,
                minAmount: this.minAmount,
                maxAmount: this.maxAmount,
                returnUrl: this.returnUrl,
                redirecting: this.#redirecting,
                money: (minor, currency) => this.money(minor, currency),
                problemText: (problem) => this.problemText(problem),
                leave: (url, donationId) => this.#leave(url, donationId),
              })}`
      }`);
  }
}

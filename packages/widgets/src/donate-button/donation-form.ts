/**
 * The donation dialog of `<mahjar-donate-button>`: loaded as its own chunk when the donor shows the
 * intent to give (the pointer over the button, or the focus on it; at the latest, the click), with
 * the form's checks and the submission. The campaign card renders without it.
 */
import type { Campaign, DonationInput, MahjarClient, Problem } from '@mahjar/sdk';
import { html, nothing, type ReactiveElement } from 'lit';
import { emit } from '../shared/events.js';
import { currencyDigits, parseAmount } from '../shared/localize.js';
import { Submission } from '../shared/submission.js';
import type { donateButton as en } from '../translations/en/donate-button.js';

/** The fields the donor can get wrong (the dialog's `name` attributes). */
type DonationField = 'amount' | 'name' | 'email';
/** Where the server's problem pointers land in the dialog. */
const FIELD_OF_POINTER: Record<string, DonationField> = {
  '/amount': 'amount',
  '/donorName': 'name',
  '/donorEmail': 'email',
};

/** What the dialog needs from the button, built by the button for each render (never the button itself). */
export interface DonationView {
  readonly campaign: Campaign;
  /** The campaign's title in the shown language. */
  readonly title: string;
  readonly strings: typeof en;
  readonly client: MahjarClient;
  /** The `Intl` locale tag, sent as `Accept-Language`. */
  readonly intl: string;
  /** The button's `min-amount`, `max-amount` and `return-url`. */
  readonly minAmount: number;
  readonly maxAmount: number;
  readonly returnUrl: string;
  /** On the way to checkout (the submit button says so). */
  readonly redirecting: boolean;
  /** An amount in the shown language. */
  money(minor: number, currency: string): string;
  problemText(problem: Problem): string;
  /** Leaves for hosted checkout (after `mahjar-donation-redirect`). */
  leave(url: string, donationId: string): void;
}

/**
 * The dialog's state and behaviour: the chosen amount (a preset or a typed one), the frequency,
 * the donor's checks, and the donation as a `Submission` (a double click or a retry never creates
 * two donations). `render()` draws the `<dialog>`; the button opens it.
 */
export class DonationForm {
  #host: ReactiveElement;
  #submission: Submission<DonationField>;
  /** The view of the last render: what a submit works with. */
  #view?: DonationView;
  /** The campaign the preset was chosen for: a new reading of it chooses again. */
  #presetFor?: Campaign;
  /** Chosen preset, minor units. */
  #amount = 0;
  /** What the donor typed as "other amount"; wins over the preset when not empty. */
  #customAmount = '';
  #monthly = false;

  constructor(host: ReactiveElement) {
    this.#host = host;
    this.#submission = new Submission(host);
  }

  /** The amount the dialog would send, in minor units (NaN when the typed amount is unreadable). */
  #chosenAmount(currency: string): number {
    return this.#customAmount.trim() ? parseAmount(this.#customAmount, currencyDigits(currency)) : this.#amount;
  }

  #choose(change: () => void): () => void {
    return () => {
      change();
      this.#host.requestUpdate();
    };
  }

  #handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const view = this.#view!;
    const { campaign, strings } = view;
    const submission = this.#submission;
    if (submission.sending || view.redirecting) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const { currency } = campaign;
    const money = (minor: number) => view.money(minor, currency);
    const smallest = Math.max(100, view.minAmount || 10 ** currencyDigits(currency));
    const largest = view.maxAmount || 1e11;
    const amount = this.#chosenAmount(currency);
    const donorEmail = text('email');
    const anonymous = form.has('anonymous');
    const messages = {
      amount: strings.tooSmall(money(smallest)),
      name: strings.nameRequired,
      email: strings.emailInvalid,
    };
    const errors: Partial<Record<DonationField, string>> = {};
    if (amount > largest) errors.amount = strings.tooLarge(money(largest));
    else if (!(amount >= smallest)) errors.amount = messages.amount;
    if (!anonymous && !text('name')) errors.name = messages.name;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(donorEmail)) errors.email = messages.email;
    if (errors.amount || errors.name || errors.email) {
      submission.show(errors, submission.problem);
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const body: DonationInput = {
      amount,
      currency,
      frequency: this.#monthly && campaign.allowMonthly ? 'monthly' : 'one_off',
      anonymous,
      donorEmail,
      returnUrl: view.returnUrl || location.href.split('#')[0]!,
    };
    if (text('name')) body.donorName = text('name');
    if (text('dedication')) body.dedication = text('dedication');
    emit(this.#host, 'mahjar-donation-start', {
      campaign: campaign.slug,
      amount,
      currency,
      frequency: body.frequency,
    });
    const outcome = await submission.submit(
      {
        body: () => body,
        send: (body, idempotencyKey) =>
          view.client.POST('/v1/campaigns/{slug}/donations', {
            params: {
              path: { slug: campaign.slug },
              header: { 'Idempotency-Key': idempotencyKey, 'Accept-Language': view.intl },
            },
            body,
          }),
      },
      // The server's field errors, shown at the fields in the donor's language.
      (pointer) => FIELD_OF_POINTER[pointer],
      (field) => messages[field],
    );
    if (outcome && 'result' in outcome) view.leave(outcome.result.redirectUrl, outcome.result.id);
    else if (outcome) emit(this.#host, 'mahjar-error', { problem: outcome.problem });
  };

  render(view: DonationView): unknown {
    this.#view = view;
    const { campaign, strings } = view;
    if (this.#presetFor !== campaign) {
      this.#presetFor = campaign;
      this.#amount = campaign.presetAmounts[1] ?? campaign.presetAmounts[0] ?? 0;
    }
    const { errors, problem, sending } = this.#submission;
    const busy = sending || view.redirecting;
    const amount = this.#chosenAmount(campaign.currency);
    const money = (minor: number) => view.money(minor, campaign.currency);
    const close = () => this.#host.renderRoot.querySelector('dialog')!.close();
    const error = (field: DonationField) =>
      errors[field] ? html`<p class="err" id="${field}-err">${errors[field]}</p>` : nothing;
    /** The donor's name or e-mail, with its message. */
    const donorField = (field: 'name' | 'email', label: string, type: string, maxLength: number) =>
      html`<label class="field"
          >${label}<input part="field" name=${field} type=${type} maxlength=${maxLength} autocomplete=${field}
            aria-invalid=${!!errors[field]} aria-describedby="${field}-err"
        /></label>
        ${error(field)}`;
    // The chosen amount takes the focus when the dialog opens (arrows then move through the amounts).
    const option = (label: string, name: string, checked: boolean, handleChange: () => void, part = '') =>
      html`<label class="chip" part=${part || nothing}
        ><input type="radio" name=${name} .checked=${checked} ?autofocus=${checked && !!part} @change=${handleChange}
      />${label}</label>`;
    return html`<dialog
      part="dialog"
      aria-labelledby="dt"
      @close=${() => this.#host.renderRoot.querySelector<HTMLElement>('.open')?.focus()}
      @click=${(event: Event) => (event.target as Element).localName === 'dialog' && close()}
    >
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        <header>
          <h2 id="dt">${strings.dialogTitle(view.title)}</h2>
          <button type="button" class="x" aria-label=${strings.close} @click=${close}>×</button>
        </header>
        <fieldset>
          <legend>${strings.amount(campaign.currency)}</legend>
          <div class="chips">
            ${campaign.presetAmounts.map((preset) =>
              option(
                money(preset),
                'amount',
                !this.#customAmount && this.#amount === preset,
                this.#choose(() => {
                  this.#amount = preset;
                  this.#customAmount = '';
                }),
                'amount',
              ),
            )}
          </div>
          <label class="field"
            >${strings.other}<input
              part="field"
              name="custom"
              inputmode="decimal"
              autocomplete="transaction-amount"
              .value=${this.#customAmount}
              ?autofocus=${!!this.#customAmount || !campaign.presetAmounts.length}
              aria-invalid=${!!errors.amount}
              aria-describedby="amount-err"
              @input=${(event: InputEvent) =>
                this.#choose(() => (this.#customAmount = (event.target as HTMLInputElement).value))()}
          /></label>
          ${error('amount')}
        </fieldset>
        ${
          campaign.allowMonthly
            ? html`<fieldset>
              <legend>${strings.frequency}</legend>
              <div class="chips">
                ${option(
                  strings.oneOff,
                  'frequency',
                  !this.#monthly,
                  this.#choose(() => (this.#monthly = false)),
                )}
                ${option(
                  strings.monthly,
                  'frequency',
                  this.#monthly,
                  this.#choose(() => (this.#monthly = true)),
                )}
              </div>
            </fieldset>`
            : nothing
        }
        ${donorField('name', strings.name, 'text', 120)} ${donorField('email', strings.email, 'email', 254)}
        <label class="field">${strings.dedication}<input part="field" name="dedication" maxlength="300" /></label>
        <label class="check"><input type="checkbox" name="anonymous" />${strings.anonymous}</label>
        ${problem ? html`<p class="err" part="error" role="alert">${view.problemText(problem)}</p>` : nothing}
        <button class="btn" part="submit" ?disabled=${busy}>
          ${view.redirecting ? strings.redirecting : busy ? strings.sending : amount > 0 ? strings.submit(money(amount), this.#monthly) : strings.donate}
        </button>
      </form>
    </dialog>`;
  }
}

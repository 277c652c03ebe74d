import type { Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { formatNumber, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { memberSignup as en } from '../translations/en/member-signup.js';
import { Draft } from './draft.js';
import { inputValue, type SignupView, set, type Value } from './fields.js';
import { identity } from './identity.js';
import { styles } from './member-signup.styles.js';
import type { SignupSubmission } from './review.js';

/** The steps in order; `hide-steps` may drop the optional ones. */
export const STEPS = ['identity', 'practice', 'background', 'offers', 'chapters', 'privacy', 'review'] as const;
export type Step = (typeof STEPS)[number];
const OPTIONAL = /^(background|offers|chapters)$/;
/** Query parameter of the verification link the server mails (signup.ts VERIFY_PARAM). */
const VERIFY = 'mahjar-verify';

/** detail of `mahjar-signup-step`. */
export interface SignupStepDetail {
  step: Step;
  index: number;
}
/** detail of `mahjar-signup-submitted`. For an address that is already registered the id is one that never becomes a profile (the answer does not reveal membership). */
export interface SignupSubmittedDetail {
  professionalId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-signup-step': CustomEvent<SignupStepDetail>;
    'mahjar-signup-submitted': CustomEvent<SignupSubmittedDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-member-signup': MahjarMemberSignup;
  }
}

type Later = typeof import('./later.js');
type Status = 'form' | 'done' | 'verifying' | 'verified' | 'unverified';
/** An entry of the error summary at the top of a step: the field's path and the message. */
interface SummaryEntry {
  path: string;
  text: string;
}

/**
 * @summary Lets a diaspora professional join once: identity, practice, background, offers,
 * chapters, then who may see each field and consent, then review. The draft stays on the device
 * (it survives a reload or a failed request) until it is sent; a retry never creates a second
 * profile; a proof-of-work challenge and a honeypot replace a third-party CAPTCHA. Opened from the
 * verification e-mail (`?mahjar-verify=ev_…`), it confirms the address.
 *
 * Form-associated: inside a host `<form>` its value is the new profile's id, and it is invalid
 * (`valueMissing`) until the signup was accepted.
 *
 * @tag mahjar-member-signup
 * @slot intro - Shown above the first step.
 * @csspart base - The themed card.
 * @csspart progress - The list of steps.
 * @csspart form - The native form.
 * @csspart field - Each input and select.
 * @csspart error - The error summary at the top of a step.
 * @csspart preview - The preview of the public directory card.
 * @csspart item - The card in the preview, drawn by the directory's card renderer (its `item`).
 * @csspart name - The name on that card (text here: there is no profile to open).
 * @csspart submit - The continue / join button.
 * @csspart back - The back button.
 * @cssprop --mahjar-color-accent - Buttons, progress and focus (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-color-on-accent - Text on the accent (default #fff; #08231a dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Hints (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @cssprop --mahjar-member-signup-gap - Space between fields (default 0.75em).
 * @event mahjar-signup-step - The visible step changed; detail: { step, index }.
 * @event mahjar-signup-submitted - The server accepted the signup and mailed the confirmation link; detail: { professionalId }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarMemberSignup extends MahjarElement {
  static override styles = [theme, styles];
  /** The Arabic and French strings, loaded on first use. */
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar' ? import('../translations/ar/member-signup.js') : import('../translations/fr/member-signup.js');
  static formAssociated = true;
  static override properties = {
    chapter: {},
    hideSteps: { attribute: 'hide-steps' },
    noticeUrl: { attribute: 'notice-url' },
  };

  #internals = this.attachInternals();
  /** The later steps' code (practice to review, the checks, the submission), loaded right after connect. */
  #later?: Later;
  #laterLoaded?: Promise<unknown>;
  #submission?: SignupSubmission;
  #status: Status = 'form';
  /** Messages by field path: the step's own checks, or the server's. */
  #errors: Record<string, string> = {};
  /** The error summary shown at the top of the step. */
  #summary?: SummaryEntry[];
  /** Why the address could not be verified, or why the last submission failed. */
  #problem?: Problem;
  #verifying?: string;
  #result = '';

  /** The draft kept on this device (read-only): its `answers`, `step` and submission key. */
  readonly draft = new Draft(() => `mahjar-signup:${this.#chapter}:${this.id}`);

  /** Slug of the chapter to preselect (e.g. `ilma-usa`); default: the provider's. */
  chapter = '';
  /** Comma-separated optional steps this chapter does not need: `background`, `offers`, `chapters`. */
  hideSteps = '';
  /** Link to the full privacy notice, shown with the summary notice. */
  noticeUrl = '';

  /** The id of the profile once the signup was accepted, else empty (the form value). */
  get value(): string {
    return this.#result;
  }
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** The submission (read-only, once the later steps have loaded): `sending`, `problem`, and the proof of work's `progress` (1: solved). */
  get submission(): SignupSubmission | undefined {
    return this.#submission;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#verifying = new URLSearchParams(location.search).get(VERIFY) ?? undefined;
    if (this.#verifying) this.#status = 'verifying';
    this.#internals.setValidity({ valueMissing: true }, this.#strings.title);
    this.#laterLoaded ??= import('./later.js').then((module) => {
      module.adopt(this.renderRoot as ShadowRoot);
      this.#later = module;
      this.#submission = new module.Submission(this);
      this.requestUpdate();
    });
  }

  /** Resolves once rendered with the later steps' code loaded (the first step renders without it). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#laterLoaded;
    return super.getUpdateComplete();
  }

  protected override willUpdate(): void {
    if (!this.draft.key) {
      this.draft.load();
      const chapter = this.#chapter;
      this.draft.answers.chapters ??= chapter ? [chapter] : [];
    }
    if (this.#verifying && this.client) this.#verify(this.#verifying);
  }

  get #chapter(): string {
    return this.chapter || this.providerConfig?.chapter || '';
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  get #steps(): Step[] {
    const hidden = this.hideSteps.split(/[\s,]+/);
    return STEPS.filter((step) => !(OPTIONAL.test(step) && hidden.includes(step)));
  }

  get #index(): number {
    return Math.min(this.draft.step, this.#steps.length - 1);
  }

  #problemText(problem: Problem): string {
    return this.#strings.problems[problem.type.split('/').pop()!] ?? this.problemText(problem);
  }

  /** What the step renderers see (see fields.ts). */
  #view(): SignupView {
    return {
      strings: this.#strings,
      answers: this.draft.answers,
      ui: this.ui,
      intl: this.intl,
      errors: this.#errors,
      client: this.client,
      noticeUrl: this.noticeUrl,
      draft: this.draft,
      submission: this.#submission!,
      update: () => this.requestUpdate(),
      set: (path, value) => this.#set(path, value),
      done: (id) => this.#done(id),
      goto: (step) => this.#go(this.#steps.indexOf(step as Step)),
      fail: (problem, errors) => this.#fail(problem, errors),
      problemText: (problem) => this.#problemText(problem),
    };
  }

  #set(path: string, value: Value): void {
    set(this.draft.answers, path, value);
    delete this.#errors[path];
    this.draft.save();
    this.requestUpdate();
  }

  async #verify(token: string): Promise<void> {
    this.#verifying = undefined;
    const url = new URL(location.href);
    url.searchParams.delete(VERIFY);
    history.replaceState(history.state, '', url);
    const { data, error } = await this.client!.POST('/v1/signups/verify', { body: { token } });
    this.#status = data ? 'verified' : 'unverified';
    this.requestUpdate();
    if (error) this.#fail(error as Problem, {});
  }

  #done(id: string): void {
    this.#result = id;
    this.#status = 'done';
    this.draft.clear();
    this.#internals.setFormValue(id);
    this.#internals.setValidity({});
    this.requestUpdate();
    emit(this, 'mahjar-signup-submitted', { professionalId: id });
  }

  /** Shows the problem (the verification's, or the submission's: its `problem`) and the field errors. */
  #fail(problem: Problem, errors: Record<string, string>): void {
    this.#problem = problem;
    this.#errors = errors;
    const first = Object.keys(errors)[0];
    if (first) this.#go(Math.max(0, this.#steps.indexOf((this.#later?.stepOf(first) ?? 'review') as Step)), false);
    this.#showSummary();
    emit(this, 'mahjar-error', { problem });
  }

  async #showSummary(): Promise<void> {
    await this.updateComplete;
    const labelOf = (path: string) =>
      this.renderRoot.querySelector(`[for="${path}"],[id="${path}"]>legend`)?.textContent?.trim();
    this.#summary = Object.entries(this.#errors).map(([path, message]) => ({
      path,
      text: labelOf(path) ? `${labelOf(path)}: ${message}` : message,
    }));
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.sum')?.focus();
  }

  #go(index: number, focus = true): void {
    this.draft.step = index;
    this.draft.save();
    this.#summary = undefined;
    this.requestUpdate();
    emit(this, 'mahjar-signup-step', { step: this.#steps[index]!, index });
    if (focus) this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  /** Checks the fields of the visible step against the contract's constraints (the code is in the later chunk). */
  #validate(): boolean {
    this.#errors = this.#later!.validate(this.renderRoot, this.#view());
    this.#problem = undefined;
    this.#submission!.show({});
    this.#showSummary();
    return !Object.keys(this.#errors).length;
  }

  #handleInput = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    if (target.name && target.role !== 'combobox') this.#set(target.name, inputValue(this.draft.answers, target));
  };

  #handleSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.#submission?.sending || !this.#later || !this.#validate()) return;
    const index = this.#index;
    if (index < this.#steps.length - 1) return this.#go(index + 1);
    this.#summary = undefined;
    await this.#later.submit(this.#view());
  };

  protected override render(): unknown {
    const strings = this.#strings;
    const status = this.#status;
    const number = (value: number) => formatNumber(value, this.intl);
    const problem = this.#problem;
    if (status !== 'form')
      return this.frame(
        html`<h2>${status === 'done' ? strings.checkMail : strings.title}</h2>
        <p role=${status === 'unverified' ? 'alert' : 'status'} class=${status === 'unverified' ? 'err' : ''}>${
          status === 'done'
            ? strings.checkMailText(String(this.draft.answers.email ?? ''))
            : status === 'verifying'
              ? strings.verifying
              : status === 'verified'
                ? strings.verified
                : this.#problemText(problem!)
        }</p>
        ${status === 'done' ? html`<p class="muted">${strings.notReceived}</p>` : nothing}`,
        status === 'verifying',
      );
    const steps = this.#steps;
    const index = this.#index;
    const step = steps[index]!;
    const view = this.#view();
    const last = index === steps.length - 1;
    const sending = !!this.#submission?.sending;
    // (no progress yet: the challenge was solved ahead, or is being fetched)
    const progress = this.#submission?.progress ?? 1;
    const body =
      step === 'identity'
        ? identity(view)
        : this.#later
          ? this.#later.steps[step]!(view)
          : html`<div class="sk"></div><div class="sk"></div>`;
    return this.frame(
      html`${index ? nothing : html`<slot name="intro"></slot>`}
      <ol part="progress">${steps.map((each, position) => html`<li class=${position < index ? 'past' : ''} aria-current=${position === index ? 'step' : nothing}>${strings.steps[each]}</li>`)}</ol>
      <form part="form" novalidate @submit=${this.#handleSubmit} @input=${this.#handleInput}>
        <h2 tabindex="-1">${strings.stepOf(number(index + 1), number(steps.length), strings.steps[step])}</h2>
        ${
          this.#summary?.length || problem
            ? html`<div class="sum" part="error" tabindex="-1" role="group" aria-labelledby="sum-h">
              <p id="sum-h"><strong>${problem ? this.#problemText(problem) : strings.summary}</strong></p>
              <ul>${this.#summary?.map(
                (entry) =>
                  html`<li><a href="#${entry.path}" @click=${(click: Event) => {
                    click.preventDefault();
                    this.renderRoot
                      .querySelector<HTMLElement>(`[name="${entry.path}"],[id="${entry.path}"] input`)
                      ?.focus();
                  }}>${entry.text}</a></li>`,
              )}</ul>
            </div>`
            : nothing
        }
        ${body}
        <div class="nav">
          ${index ? html`<button type="button" class="btn quiet" part="back" @click=${() => this.#go(index - 1)}>${strings.back}</button>` : nothing}
          <button class="btn" part="submit" ?disabled=${sending}>${last ? (sending ? (progress < 1 ? strings.solving(this.percent(progress)) : strings.sending) : strings.submit) : strings.next}</button>
        </div>
        ${last && sending && progress < 1 ? html`<progress max="1" .value=${progress} aria-label=${strings.solving('')}></progress>` : nothing}
      </form>
      <p class="muted small">${strings.saved}</p>`,
      sending,
    );
  }
}

import type { Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { formatNumber, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { memberSignup as en } from '../translations/en/member-signup.js';
import { Draft, type Saved } from './draft.js';
import { type Ctx, type Data, get, set, type Value } from './fields.js';
import { identity } from './identity.js';
import { styles } from './member-signup.styles.js';

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
  /** @internal */
  static override strings: Strings<typeof en> = (l) =>
    l === 'ar' ? import('../translations/ar/member-signup.js') : import('../translations/fr/member-signup.js');
  static formAssociated = true;
  static override properties = {
    chapter: {},
    hideSteps: { attribute: 'hide-steps' },
    noticeUrl: { attribute: 'notice-url' },
    status: { state: true },
    errors: { state: true },
    summary: { state: true },
    later: { state: true },
  };

  #internals = this.attachInternals();
  #draft = new Draft(() => `mahjar-signup:${this.chapter || this.providerConfig?.chapter || ''}:${this.id}`);
  private saved?: Saved;
  private st: Ctx['st'] = {};
  private status: Status = 'form';
  private errors: Record<string, string> = {};
  /** Error summary entries [path, text], shown at the top of the step. */
  private summary?: [string, string][];
  private later?: Later;
  private verifying?: string;
  private result = '';

  /** Slug of the chapter to preselect (e.g. `ilma-usa`); default: the provider's. */
  chapter = '';
  /** Comma-separated optional steps this chapter does not need: `background`, `offers`, `chapters`. */
  hideSteps = '';
  /** Link to the full privacy notice, shown with the summary notice. */
  noticeUrl = '';

  /** The id of the profile once the signup was accepted, else empty (the form value). */
  get value(): string {
    return this.result;
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

  override connectedCallback(): void {
    super.connectedCallback();
    this.verifying = new URLSearchParams(location.search).get(VERIFY) ?? undefined;
    if (this.verifying) this.status = 'verifying';
    this.#internals.setValidity({ valueMissing: true }, this.s.title);
    import('./later.js').then((m) => {
      m.adopt(this.renderRoot as ShadowRoot);
      this.later = m;
    });
  }

  protected override willUpdate(): void {
    if (!this.saved) {
      this.saved = this.#draft.load();
      const chapter = this.chapter || this.providerConfig?.chapter;
      this.saved.d.chapters ??= chapter ? [chapter] : [];
    }
    if (this.verifying && this.client) this.verify(this.verifying);
  }

  private get s(): typeof en {
    return this.ownStrings(en);
  }

  private get steps(): Step[] {
    const hide = this.hideSteps.split(/[\s,]+/);
    return STEPS.filter((s) => !(OPTIONAL.test(s) && hide.includes(s)));
  }

  private get index(): number {
    return Math.min(this.saved!.step, this.steps.length - 1);
  }

  /** What the step renderers see (see fields.ts). */
  private get ctx(): Ctx {
    return {
      s: this.s,
      d: this.saved!.d,
      ui: this.ui,
      intl: this.intl,
      errors: this.errors,
      client: this.client,
      chapter: this.chapter || this.providerConfig?.chapter || '',
      noticeUrl: this.noticeUrl,
      saved: this.saved!,
      st: this.st,
      update: () => this.requestUpdate(),
      set: (path: string, v: Value) => this.set(path, v),
      save: () => this.#draft.save(this.saved!),
      done: (id: string) => this.done(id),
      goto: (t: string) => this.go(this.steps.indexOf(t as Step)),
      fail: (p: Problem, e: Record<string, string>) => this.fail(p, e),
      problemText: (p: Problem) => this.s.problems[p.type.split('/').pop()!] ?? this.problemText(p),
    };
  }

  private set(path: string, v: Value): void {
    set(this.saved!.d, path, v);
    delete this.errors[path];
    this.#draft.save(this.saved!);
    this.requestUpdate();
  }

  private async verify(token: string): Promise<void> {
    this.verifying = undefined;
    const u = new URL(location.href);
    u.searchParams.delete(VERIFY);
    history.replaceState(history.state, '', u);
    const { data, error } = await this.client!.POST('/v1/signups/verify', { body: { token } });
    this.status = data ? 'verified' : 'unverified';
    if (error) this.fail(error as Problem, {});
  }

  private done(id: string): void {
    this.result = id;
    this.status = 'done';
    this.#draft.clear();
    this.#internals.setFormValue(id);
    this.#internals.setValidity({});
    emit(this, 'mahjar-signup-submitted', { professionalId: id });
  }

  private fail(problem: Problem, errors: Record<string, string>): void {
    this.st.problem = problem;
    this.errors = errors;
    const first = Object.keys(errors)[0];
    if (first) this.go(Math.max(0, this.steps.indexOf((this.later?.stepOf(first) ?? 'review') as Step)), false);
    this.showSummary();
    emit(this, 'mahjar-error', { problem });
  }

  private async showSummary(): Promise<void> {
    await this.updateComplete;
    const q = (p: string) => this.renderRoot.querySelector(`[for="${p}"],[id="${p}"]>legend`)?.textContent?.trim();
    this.summary = Object.entries(this.errors).map(([p, m]) => [p, q(p) ? `${q(p)}: ${m}` : m]);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.sum')?.focus();
  }

  private go(i: number, focus = true): void {
    this.saved!.step = i;
    this.#draft.save(this.saved!);
    this.summary = undefined;
    this.requestUpdate();
    emit(this, 'mahjar-signup-step', { step: this.steps[i]!, index: i });
    if (focus) this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  /** Checks the fields of the visible step against the contract's constraints. */
  private validate(): boolean {
    const { d } = this.saved!;
    const errors: Record<string, string> = {};
    const fields = this.renderRoot.querySelectorAll<HTMLInputElement>('form [name],[data-k]');
    for (const path of new Set([...fields].map((f) => f.dataset.k ?? f.name))) {
      const parent = path.replace(/\.[^.]+$/, '');
      const row = get(d, parent) as Data | undefined;
      const active =
        parent === path ||
        (!!row && (path.startsWith('offers.') ? !!row.on : Object.values(row).some((v) => String(v).trim())));
      const why = this.later!.check(path, get(d, path), active);
      const s = this.s as unknown as Record<string, string | ((n: string) => string)>;
      if (why)
        errors[path] =
          why === 'tooLong'
            ? this.s.tooLong(
                formatNumber(
                  +(this.renderRoot.querySelector(`[name="${path}"]`) as HTMLInputElement).maxLength,
                  this.intl,
                ),
              )
            : (s[why] as string);
    }
    this.errors = errors;
    this.st.problem = undefined;
    this.showSummary();
    return !Object.keys(errors).length;
  }

  private onInput(e: Event): void {
    const t = e.target as HTMLInputElement;
    if (!t.name || t.role === 'combobox') return;
    const list = (get(this.saved!.d, t.name) as string[] | undefined) ?? [];
    this.set(
      t.name,
      t.type !== 'checkbox'
        ? t.value
        : t.value === 'on'
          ? t.checked
          : t.checked
            ? [...list, t.value]
            : list.filter((v) => v !== t.value),
    );
  }

  private async next(e: Event): Promise<void> {
    e.preventDefault();
    if (this.st.sending || !this.later || !this.validate()) return;
    const i = this.index;
    if (i < this.steps.length - 1) return this.go(i + 1);
    this.summary = undefined;
    await this.later.submit(this.ctx);
  }

  protected override render(): unknown {
    const { s, status } = this;
    const n = (k: number) => formatNumber(k, this.intl);
    if (status !== 'form')
      return this.frame(
        html`<h2>${status === 'done' ? s.checkMail : s.title}</h2>
        <p role=${status === 'unverified' ? 'alert' : 'status'} class=${status === 'unverified' ? 'err' : ''}>${
          status === 'done'
            ? s.checkMailText(String(this.saved?.d.email ?? ''))
            : status === 'verifying'
              ? s.verifying
              : status === 'verified'
                ? s.verified
                : this.ctx.problemText(this.st.problem!)
        }</p>
        ${status === 'done' ? html`<p class="muted">${s.notReceived}</p>` : nothing}`,
        status === 'verifying',
      );
    const steps = this.steps;
    const i = this.index;
    const step = steps[i]!;
    const c = this.ctx;
    const last = i === steps.length - 1;
    const { sending, progress, problem } = this.st;
    const body =
      step === 'identity'
        ? identity(c)
        : this.later
          ? this.later.steps[step]!(c)
          : html`<div class="sk"></div><div class="sk"></div>`;
    return this.frame(
      html`${i ? nothing : html`<slot name="intro"></slot>`}
      <ol part="progress">${steps.map((t, j) => html`<li class=${j < i ? 'past' : ''} aria-current=${j === i ? 'step' : nothing}>${s.steps[t]}</li>`)}</ol>
      <form part="form" novalidate @submit=${this.next} @input=${this.onInput}>
        <h2 tabindex="-1">${s.stepOf(n(i + 1), n(steps.length), s.steps[step])}</h2>
        ${
          this.summary?.length || problem
            ? html`<div class="sum" part="error" tabindex="-1" role="group" aria-labelledby="sum-h">
              <p id="sum-h"><strong>${problem ? c.problemText(problem) : s.summary}</strong></p>
              <ul>${this.summary?.map(
                ([p, t]) =>
                  html`<li><a href="#${p}" @click=${(e: Event) => {
                    e.preventDefault();
                    this.renderRoot.querySelector<HTMLElement>(`[name="${p}"],[id="${p}"] input`)?.focus();
                  }}>${t}</a></li>`,
              )}</ul>
            </div>`
            : nothing
        }
        ${body}
        <div class="nav">
          ${i ? html`<button type="button" class="btn quiet" part="back" @click=${() => this.go(i - 1)}>${s.back}</button>` : nothing}
          <button class="btn" part="submit" ?disabled=${sending}>${last ? (sending ? (progress! < 1 ? s.solving(this.percent(progress!)) : s.sending) : s.submit) : s.next}</button>
        </div>
        ${last && sending && progress! < 1 ? html`<progress max="1" .value=${progress!} aria-label=${s.solving('')}></progress>` : nothing}
      </form>
      <p class="muted small">${s.saved}</p>`,
      sending,
    );
  }
}

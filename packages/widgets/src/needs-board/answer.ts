import type { MahjarClient, NeedAnswer, Problem, PublicNeed } from '@mahjar/sdk';
import { html, nothing, type ReactiveElement } from 'lit';
import { exchange, newVerifier, SessionStore } from '../member-account/session.js';
import { Submission } from '../shared/submission.js';
import type { needsBoard as en } from '../translations/en/needs-board.js';
import { keepDraft, storedDraft } from './link.js';

/** What came of an answer, shown in place of its form (or above it). */
type Outcome = 'thanks' | 'already' | 'invalid' | 'not-in-scope' | 'sign-in' | 'sent' | 'signed-in' | 'link-invalid';

/** What the answer code gets from the element: closures, so the element makes nothing public for it. */
export interface AnswersOptions {
  client(): MahjarClient;
  apiBase(): string;
  publishableKey(): string;
  strings(): typeof en;
  intl(): string;
  problemText(problem: Problem): string;
  /** Where the sign-in link returns (default: this page without its fragment). */
  returnUrl(): string;
  answered(answer: NeedAnswer, via: 'invitation' | 'member', already: boolean): void;
  failed(problem: Problem): void;
}

/**
 * "I can help", in a chunk loaded on intent: with the token of an invitation's link (`answerNeed`), or
 * as the member signed in on this device (`answerNeedAsMember`, the session `<mahjar-member-account>`
 * keeps); a visitor who is not signed in asks for the sign-in link here, and the message typed stays
 * on this device until the answer is sent. Each answer is a `Submission`: the same need and message
 * go again with the same Idempotency-Key.
 */
export class NeedAnswers {
  #host: ReactiveElement;
  #options: AnswersOptions;
  #submission: Submission<'message' | 'email'>;
  #store: SessionStore;
  /** The invitation of the link this page was opened from. */
  #invitation?: { needId: string; token: string };
  /** The needs whose form is open, and what came of each. */
  #open = new Set<string>();
  #outcomes = new Map<string, Outcome>();
  #messages = new Map<string, string>();
  #email = '';
  #signingIn = false;
  /** The need whose message this device kept when the page was opened (a sign-in in between). */
  #restored?: string;

  constructor(host: ReactiveElement, options: AnswersOptions) {
    this.#host = host;
    this.#options = options;
    this.#submission = new Submission(host);
    this.#store = new SessionStore(options.apiBase(), options.publishableKey());
    const draft = storedDraft(options.apiBase(), options.publishableKey());
    if (draft) {
      this.#restored = draft.needId;
      this.#open.add(draft.needId);
      this.#messages.set(draft.needId, draft.message);
    }
  }

  /** The need of the invitation (or of the message kept through a sign-in) the board shows first. */
  get featured(): string | undefined {
    return this.#invitation?.needId ?? this.#restored;
  }

  /** Whether the featured need comes from an invitation's link. */
  get invited(): boolean {
    return !!this.#invitation;
  }

  /** Answers with an invitation's token (from the link this page was opened from). */
  invite(needId: string, token: string): void {
    this.#invitation = { needId, token };
    this.#open.add(needId);
    this.#outcomes.delete(needId);
    this.#host.requestUpdate();
  }

  /** Exchanges a sign-in link's code for a session, then reopens the need whose message was kept. */
  async signIn(code: string): Promise<void> {
    this.#signingIn = true;
    this.#host.requestUpdate();
    const options = this.#options;
    const session = await exchange(options.client(), code, options.apiBase(), options.publishableKey());
    this.#signingIn = false;
    const needId = this.featured;
    if ('token' in session) {
      this.#store.session = { token: session.token, expiresAt: session.expiresAt };
      if (needId) this.#outcomes.set(needId, 'signed-in');
    } else {
      if (needId) this.#outcomes.set(needId, 'link-invalid');
      options.failed(session);
    }
    this.#host.requestUpdate();
  }

  /** Opens a need's form and moves the focus to it. */
  async open(need: PublicNeed): Promise<void> {
    this.#open.add(need.id);
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`[data-answer="${need.id}"] textarea`)?.focus();
  }

  #close(need: PublicNeed): void {
    this.#open.delete(need.id);
    this.#outcomes.delete(need.id);
    this.#forget(need.id);
    this.#host.requestUpdate();
    this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>(`[data-help="${need.id}"]`)?.focus(),
    );
  }

  #keep(needId: string, message: string): void {
    this.#messages.set(needId, message);
    keepDraft(this.#options.apiBase(), this.#options.publishableKey(), { needId, message });
  }

  #forget(needId: string): void {
    const options = this.#options;
    if (storedDraft(options.apiBase(), options.publishableKey())?.needId === needId)
      keepDraft(options.apiBase(), options.publishableKey());
  }

  async #focusOutcome(needId: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`[data-answer="${needId}"] [data-outcome]`)?.focus();
  }

  async #answer(need: PublicNeed, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const options = this.#options;
    const strings = options.strings();
    const message = (this.#messages.get(need.id) ?? '').trim();
    const invitation = this.#invitation?.needId === need.id ? this.#invitation : undefined;
    const session = this.#store.session;
    if (!invitation && !session) {
      this.#keep(need.id, this.#messages.get(need.id) ?? '');
      this.#outcomes.set(need.id, 'sign-in');
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>(`[data-answer="${need.id}"] input[type=email]`)?.focus();
      return;
    }
    const intl = options.intl();
    const client = options.client();
    /** 201: a new answer; 200: the one given before (the server wrote nothing). */
    let status = 0;
    const outcome = await this.#submission.submit(
      {
        basis: JSON.stringify([need.id, message, invitation?.token ?? session?.token]),
        body: () => (message ? { message } : {}),
        send: async (body, idempotencyKey) => {
          const answer = invitation
            ? await client.POST('/v1/needs/{id}/answers', {
                params: { path: { id: need.id }, header: { 'Accept-Language': intl } as never },
                body: { ...body, token: invitation.token },
              })
            : await client.POST('/v1/members/me/needs/{id}/answers', {
                params: {
                  path: { id: need.id },
                  header: {
                    'Idempotency-Key': idempotencyKey,
                    'Mahjar-Member-Session': session!.token,
                    'Accept-Language': intl,
                  } as never,
                },
                body,
              });
          status = answer.response?.status ?? 0;
          return answer;
        },
      },
      (pointer) => (pointer === '/message' ? 'message' : undefined),
      () => strings.messageHint,
    );
    if (!outcome) return;
    if ('result' in outcome) {
      const { result } = outcome;
      const already = status === 200;
      this.#outcomes.set(need.id, already ? 'already' : 'thanks');
      this.#forget(need.id);
      options.answered(result, invitation ? 'invitation' : 'member', already);
    } else {
      const type = outcome.problem.type;
      if (type.endsWith('/need-invitation-invalid')) this.#outcomes.set(need.id, 'invalid');
      else if (!invitation && type.endsWith('/unauthorized')) {
        // the session ended: sign in again, the message stays
        this.#store.session = undefined;
        this.#keep(need.id, message);
        this.#outcomes.set(need.id, 'sign-in');
      } else if (!invitation && type.endsWith('/not-found')) this.#outcomes.set(need.id, 'not-in-scope');
      options.failed(outcome.problem);
    }
    this.#host.requestUpdate();
    this.#focusOutcome(need.id);
  }

  async #requestSignIn(need: PublicNeed, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const options = this.#options;
    const email = this.#email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      this.#submission.show({ email: options.strings().emailInvalid });
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>(`[data-answer="${need.id}"] input[type=email]`)?.focus();
      return;
    }
    this.#keep(need.id, this.#messages.get(need.id) ?? '');
    const verifierHash = await newVerifier(options.apiBase(), options.publishableKey());
    const outcome = await this.#submission.submit({
      body: () => ({ email, returnUrl: options.returnUrl(), verifierHash }),
      send: (body) =>
        options.client().POST('/v1/members/sign-in', {
          body,
          params: { header: { 'Accept-Language': options.intl() } as never },
        }),
    });
    if (outcome && 'result' in outcome) {
      this.#outcomes.set(need.id, 'sent');
      this.#focusOutcome(need.id);
    } else if (outcome) options.failed(outcome.problem);
    this.#host.requestUpdate();
  }

  /** The "I can help" part of a need: its button until it is opened, then its form and what came of it. */
  render(need: PublicNeed, button: unknown): unknown {
    if (!this.#open.has(need.id)) return button;
    const strings = this.#options.strings();
    const submission = this.#submission;
    const outcome = this.#outcomes.get(need.id);
    const id = need.id;
    const done = outcome === 'thanks' || outcome === 'already';
    const texts: Partial<Record<Outcome, string>> = {
      thanks: strings.thanks,
      already: strings.already,
      invalid: strings.invalid,
      'not-in-scope': strings.notInScope,
      'sign-in': strings.signInFirst,
      sent: strings.sent,
      'signed-in': strings.signedIn,
      'link-invalid': strings.linkInvalid,
    };
    const bad = outcome === 'invalid' || outcome === 'not-in-scope' || outcome === 'link-invalid';
    const problem = submission.problem;
    const other = problem && !outcome && !submission.errors.message;
    const asking = outcome === 'sign-in' || outcome === 'link-invalid';
    const messageError = submission.errors.message;
    return html`<div class="answer" part="answer" data-answer=${id}>
      ${
        outcome
          ? html`<p data-outcome tabindex="-1" part=${bad ? 'error' : 'status'} class=${bad ? 'err' : 'ok'} role=${bad ? 'alert' : 'status'}>${texts[outcome]}</p>`
          : nothing
      }
      ${other ? html`<p class="err" role="alert" part="error">${this.#options.problemText(problem)}</p>` : nothing}
      ${
        done || outcome === 'invalid'
          ? nothing
          : html`<form part="form" novalidate @submit=${(event: SubmitEvent) => this.#answer(need, event)}>
          <div class="f"><label for=${`m-${id}`}>${strings.message}</label>
            <textarea part="field" id=${`m-${id}`} rows="3" maxlength="1000" .value=${this.#messages.get(id) ?? ''}
              aria-describedby=${`h-${id}`} aria-invalid=${!!messageError}
              @input=${(event: Event) => this.#messages.set(id, (event.target as HTMLTextAreaElement).value)}
              @change=${(event: Event) => asking && this.#keep(id, (event.target as HTMLTextAreaElement).value)}></textarea>
            <small id=${`h-${id}`} class=${messageError ? 'err' : 'muted'}>${strings.messageHint}</small></div>
          <div class="acts"><button class="btn" part="submit" ?disabled=${submission.sending || this.#signingIn}>${submission.sending ? strings.sending : strings.help}</button>
          <button type="button" class="btn quiet" @click=${() => this.#close(need)}>${strings.cancel}</button></div>
        </form>`
      }
      ${
        asking
          ? html`<form part="form" class="sign-in" novalidate @submit=${(event: SubmitEvent) => this.#requestSignIn(need, event)}>
          <div class="f"><label for=${`e-${id}`}>${strings.email}</label>
            <input part="field" id=${`e-${id}`} type="email" autocomplete="email" maxlength="254" .value=${this.#email}
              aria-invalid=${!!submission.errors.email} aria-describedby=${submission.errors.email ? `ee-${id}` : nothing}
              @input=${(event: Event) => {
                this.#email = (event.target as HTMLInputElement).value;
              }} />
            ${submission.errors.email ? html`<small id=${`ee-${id}`} class="err">${submission.errors.email}</small>` : nothing}</div>
          <button class="btn" part="submit" ?disabled=${submission.sending}>${strings.signIn}</button>
        </form>`
          : nothing
      }
      ${this.#signingIn ? html`<p role="status">${strings.signingIn}</p>` : nothing}
    </div>`;
  }
}

import {
  type ContactPurpose,
  type ContactRequestInput,
  contactPurposeValues,
  type MahjarClient,
  newIdempotencyKey,
  PROBLEM_BASE,
  type Problem,
} from '@mahjar/sdk';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { specialistDirectory as En } from '../translations/en.js';

/** detail of `mahjar-contact-sent`. */
export interface ContactSentDetail {
  professionalId: string;
  requestId: string;
  purpose: ContactPurpose;
}

interface Host extends ReactiveControllerHost, HTMLElement {
  readonly client: MahjarClient | undefined;
  readonly intl: string;
  readonly s: typeof En;
  readonly renderRoot: HTMLElement | DocumentFragment;
  problemText(p: Problem): string;
  sent(detail: ContactSentDetail): void;
  failed(problem: Problem): void;
}

type Field = 'message' | 'name' | 'email';
const leadingZeros = (d: Uint8Array): number => {
  let n = 0;
  for (const b of d) {
    n += b ? Math.clz32(b) - 24 : 8;
    if (b) break;
  }
  return n;
};

/**
 * Solves the API's proof-of-work challenge: the first nonce for which SHA-256(`token:nonce`) starts
 * with `difficulty` zero bits, hashed with `crypto.subtle` in batches so the page stays responsive.
 */
export async function solve(token: string, difficulty: number): Promise<string> {
  const enc = new TextEncoder();
  for (let start = 0; ; start += 512) {
    const batch = await Promise.all(
      Array.from({ length: 512 }, (_, i) =>
        crypto.subtle
          .digest('SHA-256', enc.encode(`${token}:${start + i}`))
          .then((d) => leadingZeros(new Uint8Array(d))),
      ),
    );
    const i = batch.findIndex((z) => z >= difficulty);
    if (i >= 0) return String(start + i);
  }
}

/**
 * The "request contact" form of one profile: validation, the proof of work, the relay request with
 * one Idempotency-Key per unchanged request (a retry after a lost response is not sent twice), and a
 * failure that keeps what was typed.
 */
export class Contact {
  status: 'closed' | 'open' | 'sending' | 'sent' = 'closed';
  errors: Partial<Record<Field, string>> = {};
  problem?: Problem;
  #attempt?: { key: string; fields: string; body: ContactRequestInput };

  constructor(private host: Host) {}

  reset(): void {
    this.status = 'closed';
    this.errors = {};
    this.problem = undefined;
  }

  async submit(e: SubmitEvent, id: string): Promise<void> {
    e.preventDefault();
    if (this.status === 'sending') return;
    const { host } = this;
    const s = host.s;
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const errors: typeof this.errors = {};
    if (v('message').length < 20) errors.message = s.messageShort;
    if (!v('name')) errors.name = s.nameRequired;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v('email'))) errors.email = s.emailInvalid;
    this.errors = errors;
    this.problem = undefined;
    if (Object.keys(errors).length) {
      host.requestUpdate();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    const input = {
      purpose: v('purpose') as ContactPurpose,
      message: v('message'),
      requesterName: v('name'),
      requesterEmail: v('email'),
      ...(v('institution') ? { requesterInstitution: v('institution') } : {}),
      website: String(f.get('website') ?? ''),
    };
    const fields = JSON.stringify([id, input]);
    this.status = 'sending';
    host.requestUpdate();
    const client = host.client!;
    for (let tries = 0; tries < 2; tries++) {
      // The same request again (after a lost answer) reuses its key and solved challenge.
      if (this.#attempt?.fields !== fields) {
        const { data: ch, error } = await client.GET('/v1/signups/challenge');
        if (!ch) return this.fail(error as Problem);
        const challenge = { token: ch.token, nonce: await solve(ch.token, ch.difficulty) };
        this.#attempt = { key: newIdempotencyKey(), fields, body: { ...input, challenge } };
      }
      const { data, error } = await client.POST('/v1/professionals/{id}/contact-requests', {
        params: { path: { id }, header: { 'Idempotency-Key': this.#attempt.key, 'Accept-Language': host.intl } },
        body: this.#attempt.body,
      });
      if (data) {
        this.#attempt = undefined;
        this.status = 'sent';
        host.requestUpdate();
        return host.sent({ professionalId: id, requestId: data.id, purpose: data.purpose });
      }
      // An expired or already used challenge: once more with a fresh one.
      if ((error as Problem).type !== `${PROBLEM_BASE}challenge-failed` || tries) return this.fail(error as Problem);
      this.#attempt = undefined;
    }
  }

  private fail(problem: Problem): void {
    this.problem = problem;
    this.status = 'open';
    this.host.requestUpdate();
    this.host.failed(problem);
  }

  render(id: string): unknown {
    const { s } = this.host;
    if (this.status === 'sent') return html`<p class="ok" role="status" part="contact-sent">${s.sent}</p>`;
    if (this.status === 'closed')
      return html`<button class="btn" part="contact" @click=${() => {
        this.status = 'open';
        this.host.requestUpdate();
        this.host.updateComplete.then(() =>
          this.host.renderRoot.querySelector<HTMLElement>('select[name="purpose"]')?.focus(),
        );
      }}>${s.contact}</button>`;
    const field = (k: Field | 'institution', label: string, attrs: { type?: string; max: number; auto?: string }) =>
      html`<label class="field">${label}${
        k === 'message'
          ? html`<textarea name="message" part="field" rows="5" minlength="20" maxlength=${attrs.max} aria-invalid=${!!this.errors.message} aria-describedby="message-err"></textarea>`
          : html`<input name=${k} part="field" type=${attrs.type ?? 'text'} maxlength=${attrs.max} autocomplete=${attrs.auto ?? 'off'}
              aria-invalid=${!!this.errors[k as Field]} aria-describedby="${k}-err" />`
      }</label>${this.errors[k as Field] ? html`<p class="err" id="${k}-err">${this.errors[k as Field]}</p>` : nothing}`;
    return html`<form part="contact-form" novalidate @submit=${(e: SubmitEvent) => this.submit(e, id)}>
      <h3>${s.contact}</h3>
      <p class="muted">${s.privacy}</p>
      <label class="field">${s.purpose}<select name="purpose" part="field">
        ${contactPurposeValues.map((p) => html`<option value=${p}>${s.purposes[p]}</option>`)}
      </select></label>
      ${field('message', s.message, { max: 2000 })}
      ${field('name', s.yourName, { max: 120, auto: 'name' })}
      ${field('email', s.yourEmail, { type: 'email', max: 254, auto: 'email' })}
      ${field('institution', s.institution, { max: 200, auto: 'organization' })}
      <label class="hp" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off" /></label>
      ${this.problem ? html`<p class="err" role="alert" part="error">${this.host.problemText(this.problem)}</p>` : nothing}
      <button class="btn" part="submit" ?disabled=${this.status === 'sending'}>${this.status === 'sending' ? s.sending : s.send}</button>
    </form>`;
  }
}

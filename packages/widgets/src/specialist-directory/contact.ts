import {
  type ContactPurpose,
  type ContactRequestAccepted,
  type ContactRequestInput,
  contactPurposeValues,
  type MahjarClient,
  PROBLEM_BASE,
  type Problem,
} from '@mahjar/sdk';
import { html, nothing, type ReactiveElement } from 'lit';
import { Submission } from '../shared/submission.js';
import type { specialistDirectory as En } from '../translations/en.js';

/** detail of `mahjar-contact-sent`. */
export interface ContactSentDetail {
  professionalId: string;
  requestId: string;
  purpose: ContactPurpose;
}

/** What the contact form needs from its element (closures over the element's own members). */
export interface ContactOptions {
  client(): MahjarClient | undefined;
  intl(): string;
  strings(): typeof En;
  problemText(problem: Problem): string;
  onSent(detail: ContactSentDetail): void;
  onError(problem: Problem): void;
}

type Field = 'message' | 'name' | 'email';
const leadingZeros = (digest: Uint8Array): number => {
  let zeros = 0;
  for (const byte of digest) {
    zeros += byte ? Math.clz32(byte) - 24 : 8;
    if (byte) break;
  }
  return zeros;
};

/**
 * Solves the API's proof-of-work challenge: the first nonce for which SHA-256(`token:nonce`) starts
 * with `difficulty` zero bits, hashed with `crypto.subtle` in batches so the page stays responsive.
 */
export async function solve(token: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += 512) {
    const batch = await Promise.all(
      Array.from({ length: 512 }, (_, i) =>
        crypto.subtle
          .digest('SHA-256', encoder.encode(`${token}:${start + i}`))
          .then((digest) => leadingZeros(new Uint8Array(digest))),
      ),
    );
    const found = batch.findIndex((zeros) => zeros >= difficulty);
    if (found >= 0) return String(start + found);
  }
}

/**
 * The "request contact" form of one profile: validation, the proof of work, the relay request as a
 * `Submission` (one Idempotency-Key and one solved challenge per unchanged request, so a retry after
 * a lost response is not sent twice; a spent challenge is solved again once), and a failure that
 * keeps what was typed.
 */
export class Contact {
  status: 'closed' | 'open' | 'sent' = 'closed';
  #host: ReactiveElement;
  #options: ContactOptions;
  #submission: Submission<Field>;

  constructor(host: ReactiveElement, options: ContactOptions) {
    this.#host = host;
    this.#options = options;
    this.#submission = new Submission(host);
  }

  reset(): void {
    this.status = 'closed';
    this.#submission.show({});
  }

  async submit(event: SubmitEvent, id: string): Promise<void> {
    event.preventDefault();
    const submission = this.#submission;
    if (submission.sending) return;
    const host = this.#host;
    const options = this.#options;
    const strings = options.strings();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const errors: Partial<Record<Field, string>> = {};
    if (value('message').length < 20) errors.message = strings.messageShort;
    if (!value('name')) errors.name = strings.nameRequired;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value('email'))) errors.email = strings.emailInvalid;
    if (Object.keys(errors).length) {
      submission.show(errors);
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    const input = {
      purpose: value('purpose') as ContactPurpose,
      message: value('message'),
      requesterName: value('name'),
      requesterEmail: value('email'),
      ...(value('institution') ? { requesterInstitution: value('institution') } : {}),
      website: String(form.get('website') ?? ''),
    };
    const client = options.client()!;
    const outcome = await submission.submit<ContactRequestInput, ContactRequestAccepted>({
      // The same request again (after a lost answer) reuses its key and solved challenge.
      basis: JSON.stringify([id, input]),
      body: async () => {
        const { data, error } = await client.GET('/v1/signups/challenge');
        if (!data) throw error;
        return { ...input, challenge: { token: data.token, nonce: await solve(data.token, data.difficulty) } };
      },
      send: (body, idempotencyKey) =>
        client.POST('/v1/professionals/{id}/contact-requests', {
          params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey, 'Accept-Language': options.intl() } },
          body,
        }),
      // An expired or already used challenge: once more with a fresh one.
      retryWhen: (problem) => problem.type === `${PROBLEM_BASE}challenge-failed`,
    });
    if (outcome && 'result' in outcome) {
      this.status = 'sent';
      host.requestUpdate();
      options.onSent({ professionalId: id, requestId: outcome.result.id, purpose: outcome.result.purpose });
    } else if (outcome) options.onError(outcome.problem);
  }

  #handleOpen = (): void => {
    this.status = 'open';
    this.#host.requestUpdate();
    this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('select[name="purpose"]')?.focus(),
    );
  };

  render(id: string): unknown {
    const strings = this.#options.strings();
    const { errors, problem, sending } = this.#submission;
    if (this.status === 'sent') return html`<p class="ok" role="status" part="contact-sent">${strings.sent}</p>`;
    if (this.status === 'closed')
      return html`<button class="btn" part="contact" @click=${this.#handleOpen}>${strings.contact}</button>`;
    const field = (
      name: Field | 'institution',
      label: string,
      attributes: { type?: string; max: number; autocomplete?: string },
    ) =>
      html`<label class="field">${label}${
        name === 'message'
          ? html`<textarea name="message" part="field" rows="5" minlength="20" maxlength=${attributes.max} aria-invalid=${!!errors.message} aria-describedby="message-err"></textarea>`
          : html`<input name=${name} part="field" type=${attributes.type ?? 'text'} maxlength=${attributes.max} autocomplete=${attributes.autocomplete ?? 'off'}
              aria-invalid=${!!errors[name as Field]} aria-describedby="${name}-err" />`
      }</label>${errors[name as Field] ? html`<p class="err" id="${name}-err">${errors[name as Field]}</p>` : nothing}`;
    return html`<form part="contact-form" novalidate @submit=${(event: SubmitEvent) => this.submit(event, id)}>
      <h3>${strings.contact}</h3>
      <p class="muted">${strings.privacy}</p>
      <label class="field">${strings.purpose}<select name="purpose" part="field">
        ${contactPurposeValues.map((purpose) => html`<option value=${purpose}>${strings.purposes[purpose]}</option>`)}
      </select></label>
      ${field('message', strings.message, { max: 2000 })}
      ${field('name', strings.yourName, { max: 120, autocomplete: 'name' })}
      ${field('email', strings.yourEmail, { type: 'email', max: 254, autocomplete: 'email' })}
      ${field('institution', strings.institution, { max: 200, autocomplete: 'organization' })}
      <label class="hp" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off" /></label>
      ${problem ? html`<p class="err" role="alert" part="error">${this.#options.problemText(problem)}</p>` : nothing}
      <button class="btn" part="submit" ?disabled=${sending}>${sending ? strings.sending : strings.send}</button>
    </form>`;
  }
}

import { type AdminProfessional, type CredentialReview, newIdempotencyKey, type Problem } from '@mahjar/sdk';
import { html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import {
  asProblem,
  confirmDialog,
  fieldError,
  formatDate,
  PagedList,
  problemText,
  type ScreenContext,
  screenStyles,
} from '../shared.js';

const nameOf = (p: AdminProfessional) => `${p.givenName} ${p.familyName}`;

/**
 * The review queue (`listPendingProfessionals`, reviewer): each signup waiting, approved or rejected
 * (`reviewProfessional`; rejecting asks first), and each of its credentials with its state, verified
 * with the evidence checked and an optional expiry, or rejected (`reviewCredential`).
 */
export class MahjarConsoleReview extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    open: { state: true },
    busy: { state: true },
    problems: { state: true },
  };

  context!: ScreenContext;
  /** The professional whose credentials are shown, and those credentials. */
  open?: { id: string; credentials?: CredentialReview[]; problem?: Problem };
  busy = '';
  /** A problem per form (`review:<id>` or `credential:<id>`). */
  problems: Record<string, Problem> = {};

  #queue = new PagedList<AdminProfessional>(this, (cursor) =>
    this.context.client.GET('/v1/admin/professionals/pending', {
      params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } },
    }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#queue.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #review(professional: AdminProfessional, decision: 'verify' | 'reject', form: HTMLFormElement) {
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (
      decision === 'reject' &&
      !(await confirmDialog(this.context.locale, this.#t('rejectConfirm', { name: nameOf(professional) }), 'reject'))
    )
      return;
    this.busy = professional.id;
    const { data, error } = await this.context.client
      .POST('/v1/admin/professionals/{id}/review', {
        params: { path: { id: professional.id } },
        body: { decision, ...(note ? { note } : {}) },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = '';
    if (data) {
      const { [`review:${professional.id}`]: _, ...rest } = this.problems;
      this.problems = rest;
      this.#queue.items = this.#queue.items.filter((p) => p.id !== professional.id);
      if (this.open?.id === professional.id) this.open = undefined;
      this.context.announce(this.#t(decision === 'verify' ? 'approved' : 'rejected', { name: nameOf(professional) }));
    } else this.problems = { ...this.problems, [`review:${professional.id}`]: asProblem(error) };
  }

  async #showCredentials(id: string) {
    if (this.open?.id === id) {
      this.open = undefined;
      return;
    }
    this.open = { id };
    const { data, error } = await this.context.client.GET('/v1/admin/professionals/{id}/credentials', {
      params: { path: { id } },
    });
    if (this.open?.id !== id) return;
    this.open = data ? { id, credentials: data.items } : { id, problem: asProblem(error) };
  }

  async #reviewCredential(credential: CredentialReview, decision: 'verify' | 'reject', form: HTMLFormElement) {
    const data = new FormData(form);
    const evidence = String(data.get('evidence') ?? '').trim();
    const expiresOn = String(data.get('expiresOn') ?? '');
    if (
      decision === 'reject' &&
      !(await confirmDialog(
        this.context.locale,
        this.#t('credentialRejectConfirm', { name: credential.name }),
        'reject',
      ))
    )
      return;
    this.busy = credential.id;
    const answer = await this.context.client
      .POST('/v1/admin/professionals/{id}/credentials/{credentialId}/review', {
        params: {
          path: { id: credential.professionalId, credentialId: credential.id },
          header: { 'Idempotency-Key': newIdempotencyKey() },
        },
        body: { decision, evidence, ...(decision === 'verify' && expiresOn ? { expiresOn } : {}) },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = '';
    const key = `credential:${credential.id}`;
    if (answer.data) {
      const updated = answer.data;
      const { [key]: _, ...rest } = this.problems;
      this.problems = rest;
      if (this.open?.credentials)
        this.open = {
          ...this.open,
          credentials: this.open.credentials.map((c) => (c.id === updated.id ? updated : c)),
        };
      this.context.announce(
        this.#t(decision === 'verify' ? 'credentialVerified' : 'credentialRejected', { name: credential.name }),
      );
    } else this.problems = { ...this.problems, [key]: asProblem(answer.error) };
  }

  #renderCredential(credential: CredentialReview) {
    const locale = this.context.locale;
    const problem = this.problems[`credential:${credential.id}`];
    const evidenceError = fieldError(problem, '/evidence');
    const expiresError = fieldError(problem, '/expiresOn');
    const id = credential.id;
    return html`<li class="card" data-credential=${id}>
      <h4>${credential.name} <span class="badge ${credential.state}">${this.#t(`state_${credential.state}`)}</span></h4>
      <p class="muted">
        ${[credential.issuer, credential.country, credential.year].filter(Boolean).join(' · ')}
        ${credential.expiresOn ? html` · ${formatDate(locale, credential.expiresOn, false)}` : nothing}
      </p>
      ${credential.evidence ? html`<p>${credential.evidence}</p>` : nothing}
      <form class="inline row" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
        <label
          >${this.#t('evidence')}
          <input
            name="evidence"
            required
            maxlength="2000"
            aria-invalid=${evidenceError ? 'true' : 'false'}
            aria-describedby="evidence-${id}"
          />
          <span id="evidence-${id}" class="field-error">${evidenceError ?? ''}</span>
        </label>
        <label
          >${this.#t('expiresOn')}
          <input name="expiresOn" type="date" aria-invalid=${expiresError ? 'true' : 'false'} aria-describedby="expires-${id}" />
          <span id="expires-${id}" class="field-error">${expiresError ?? ''}</span>
        </label>
        <button
          ?disabled=${this.busy === id}
          @click=${(e: Event) => this.#reviewCredential(credential, 'verify', (e.target as HTMLElement).closest('form')!)}
        >
          ${this.#t('verify')}
        </button>
        <button
          class="danger"
          ?disabled=${this.busy === id}
          @click=${(e: Event) => this.#reviewCredential(credential, 'reject', (e.target as HTMLElement).closest('form')!)}
        >
          ${this.#t('reject')}
        </button>
      </form>
      ${problem && !evidenceError && !expiresError ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
    </li>`;
  }

  #renderProfessional(professional: AdminProfessional) {
    const locale = this.context.locale;
    const problem = this.problems[`review:${professional.id}`];
    const open = this.open?.id === professional.id ? this.open : undefined;
    const arabic = [professional.givenNameAr, professional.familyNameAr].filter(Boolean).join(' ');
    return html`<li class="card" data-professional=${professional.id}>
      <h3>${nameOf(professional)} ${arabic ? html`<span lang="ar" class="muted">(${arabic})</span>` : nothing}</h3>
      <p class="muted">
        ${professional.email} · ${professional.specialties.join(', ')} · ${[professional.city, professional.country].filter(Boolean).join(', ')}
        · ${this.#t('joined', { date: formatDate(locale, professional.joinedAt, false) })}
      </p>
      <form class="inline row" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
        <label>${this.#t('note')} <input name="note" maxlength="2000" /></label>
        <button
          ?disabled=${this.busy === professional.id}
          @click=${(e: Event) => this.#review(professional, 'verify', (e.target as HTMLElement).closest('form')!)}
        >
          ${this.#t('approve')}
        </button>
        <button
          class="danger"
          ?disabled=${this.busy === professional.id}
          @click=${(e: Event) => this.#review(professional, 'reject', (e.target as HTMLElement).closest('form')!)}
        >
          ${this.#t('reject')}
        </button>
        <button
          class="secondary"
          aria-expanded=${open ? 'true' : 'false'}
          @click=${() => this.#showCredentials(professional.id)}
        >
          ${this.#t('credentials')} (${professional.credentials.length})
        </button>
      </form>
      ${problem ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
      ${
        open
          ? open.problem
            ? html`<p class="error" role="alert">${problemText(locale, open.problem)}</p>`
            : !open.credentials
              ? html`<p>${this.#t('loading')}</p>`
              : open.credentials.length === 0
                ? html`<p>${this.#t('noCredentials')}</p>`
                : html`<ul class="cards" aria-label=${this.#t('credentials')}>
                    ${open.credentials.map((c) => this.#renderCredential(c))}
                  </ul>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const queue = this.#queue;
    return html`${queue.status === 'error' && queue.problem ? html`<p class="error" role="alert">${problemText(this.context.locale, queue.problem)}</p>` : nothing}
      ${queue.status === 'done' && queue.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      <ul class="cards">
        ${queue.items.map((p) => this.#renderProfessional(p))}
      </ul>
      ${queue.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${queue.nextCursor && queue.status !== 'loading' ? html`<button class="secondary more" @click=${() => queue.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-review', MahjarConsoleReview);

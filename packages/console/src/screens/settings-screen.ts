import {
  type AdminRole,
  type ApiKey,
  type ApiKeyCreated,
  type ApiKeyKind,
  adminRoleValues,
  apiKeyKindValues,
  type Problem,
} from '@mahjar/sdk';
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

/**
 * Keys and websites (owner): the websites allowed to use the publishable keys
 * (`getAdminOrganisation`, `setAllowedOrigins`), the API keys (`listApiKeys`, paged), a new key shown
 * once (`createApiKey`), and a revocation that asks first (`revokeApiKey`).
 */
export class MahjarConsoleSettings extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    origins: { state: true },
    originsProblem: { state: true },
    created: { state: true },
    keyProblem: { state: true },
    busy: { state: true },
  };

  context!: ScreenContext;
  origins?: string[];
  originsProblem?: Problem;
  created?: ApiKeyCreated;
  keyProblem?: Problem;
  busy = false;

  #keys = new PagedList<ApiKey>(this, (cursor) =>
    this.context.client.GET('/v1/admin/api-keys', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#keys.reload();
    void this.context.client.GET('/v1/admin/organisation').then(({ data, error }) => {
      if (data) this.origins = data.allowedOrigins;
      else this.originsProblem = asProblem(error);
    });
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #saveOrigins(submit: SubmitEvent) {
    submit.preventDefault();
    const text = String(new FormData(submit.target as HTMLFormElement).get('origins') ?? '');
    const origins = text
      .split(/\s+/)
      .map((o) => o.trim())
      .filter(Boolean);
    this.busy = true;
    const { data, error } = await this.context.client
      .PUT('/v1/admin/organisation/allowed-origins', { body: { origins } })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = false;
    if (data) {
      this.origins = data.allowedOrigins;
      this.originsProblem = undefined;
      this.context.announce(this.#t('originsSaved'));
    } else this.originsProblem = asProblem(error);
  }

  async #createKey(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    const data = new FormData(form);
    const kind = String(data.get('kind')) as ApiKeyKind;
    this.busy = true;
    const answer = await this.context.client
      .POST('/v1/admin/api-keys', {
        body: {
          kind,
          name: String(data.get('name') ?? '').trim(),
          ...(kind === 'secret' ? { role: String(data.get('role')) as AdminRole } : {}),
        },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = false;
    if (answer.data) {
      this.created = answer.data;
      this.keyProblem = undefined;
      form.reset();
      this.#keys.items = [answer.data, ...this.#keys.items];
      this.context.announce(this.#t('keyCreated', { name: answer.data.name }));
    } else this.keyProblem = asProblem(answer.error);
  }

  async #revoke(key: ApiKey) {
    if (
      !(await confirmDialog(
        this.context.locale,
        this.#t('revokeConfirm', { name: key.name, prefix: key.prefix }),
        'revoke',
      ))
    )
      return;
    const { data, error } = await this.context.client.POST('/v1/admin/api-keys/{id}/revoke', {
      params: { path: { id: key.id } },
    });
    if (data) {
      this.#keys.items = this.#keys.items.map((k) => (k.id === data.id ? data : k));
      this.requestUpdate();
      this.context.announce(this.#t('keyRevoked', { name: key.name }));
    } else this.keyProblem = asProblem(error);
  }

  #renderOrigins() {
    const locale = this.context.locale;
    const problem = this.originsProblem;
    const pointed = problem?.errors?.filter((e) => e.pointer.startsWith('/origins')) ?? [];
    return html`<form class="card" novalidate @submit=${this.#saveOrigins} aria-labelledby="origins-heading">
      <h3 id="origins-heading">${this.#t('origins')}</h3>
      <label
        >${this.#t('originsHint')}
        <textarea name="origins" rows="4" cols="50" dir="ltr" aria-invalid=${pointed.length ? 'true' : 'false'} aria-describedby="origins-error"
          .value=${(this.origins ?? []).join('\n')}></textarea>
      </label>
      <p id="origins-error" class="field-error">
        ${pointed.map((e) => {
          const index = Number(e.pointer.split('/')[2]);
          return html`${Number.isInteger(index) ? html`<code>${e.pointer}</code> ` : nothing}${e.detail}<br />`;
        })}
      </p>
      ${problem && pointed.length === 0 ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
      <button ?disabled=${this.busy || !this.origins}>${this.#t('save')}</button>
    </form>`;
  }

  #renderKeys() {
    const locale = this.context.locale;
    const keys = this.#keys;
    const problem = this.keyProblem;
    const nameError = fieldError(problem, '/name');
    const roleError = fieldError(problem, '/role');
    return html`<form class="card" novalidate @submit=${this.#createKey} aria-labelledby="keys-heading">
        <h3 id="keys-heading">${this.#t('newKey')}</h3>
        <div class="row">
          <label
            >${this.#t('keyName')}
            <input name="name" required maxlength="100" aria-invalid=${nameError ? 'true' : 'false'} aria-describedby="key-name-error" />
            <span id="key-name-error" class="field-error">${nameError ?? ''}</span>
          </label>
          <label
            >${this.#t('keyKind')}
            <select name="kind">
              ${apiKeyKindValues.map((k) => html`<option value=${k}>${this.#t(`kind_${k}`)}</option>`)}
            </select>
          </label>
          <label
            >${this.#t('role')}
            <select name="role" aria-invalid=${roleError ? 'true' : 'false'}>
              ${adminRoleValues.map((r) => html`<option value=${r} ?selected=${r === 'viewer'}>${this.#t(`role_${r}`)}</option>`)}
            </select>
            <span class="field-error">${roleError ?? ''}</span>
          </label>
          <button ?disabled=${this.busy}>${this.#t('createKey')}</button>
        </div>
        ${problem && !nameError && !roleError ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
        ${
          this.created
            ? html`<p role="alert">${this.#t('keyOnce')} <code data-testid="new-key" dir="ltr">${this.created.key}</code></p>`
            : nothing
        }
      </form>
      <h3>${this.#t('keys')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">${this.#t('keyName')}</th>
            <th scope="col">${this.#t('keyKind')}</th>
            <th scope="col">${this.#t('lastUsed')}</th>
            <th scope="col"><span class="muted">${this.#t('statusLabel')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${keys.items.map(
            (k) =>
              html`<tr data-key=${k.prefix}>
                <td>${k.name}<br /><code class="muted" dir="ltr">${k.prefix}…</code></td>
                <td>${this.#t(`kind_${k.kind}`)}${k.role ? html` · ${this.#t(`role_${k.role}`)}` : nothing}</td>
                <td>${k.lastUsedAt ? formatDate(locale, k.lastUsedAt) : '—'}</td>
                <td>
                  ${
                    k.revokedAt
                      ? html`<span class="badge cancelled">${this.#t('revoked', { date: formatDate(locale, k.revokedAt, false) })}</span>`
                      : html`<button class="danger" @click=${() => this.#revoke(k)}>${this.#t('revoke')}</button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${keys.status === 'error' && keys.problem ? html`<p class="error" role="alert">${problemText(locale, keys.problem)}</p>` : nothing}
      ${keys.nextCursor && keys.status !== 'loading' ? html`<button class="secondary more" @click=${() => keys.more()}>${this.#t('more')}</button>` : nothing}`;
  }

  override render() {
    return html`${this.#renderOrigins()} ${this.#renderKeys()}`;
  }
}

customElements.define('mahjar-console-settings', MahjarConsoleSettings);

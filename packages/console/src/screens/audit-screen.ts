import type { AuditEntry } from '@mahjar/sdk';
import { html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import { formatDate, PagedList, problemText, type ScreenContext, screenStyles } from '../shared.js';

/** The audit log (owner): every admin write, newest first (`listAuditLog`, paged). */
export class MahjarConsoleAudit extends LitElement {
  static override styles = screenStyles;
  static override properties = { context: { attribute: false } };
  context!: ScreenContext;

  #entries = new PagedList<AuditEntry>(this, (cursor) =>
    this.context.client.GET('/v1/admin/audit', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#entries.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  #actor(entry: AuditEntry) {
    const { kind, label } = entry.actor;
    return kind === 'operator'
      ? this.#t('operator')
      : kind === 'key'
        ? this.#t('key', { label: label ?? '' })
        : (label ?? '');
  }

  override render() {
    const locale = this.context.locale;
    const entries = this.#entries;
    return html`${entries.status === 'error' && entries.problem ? html`<p class="error" role="alert">${problemText(locale, entries.problem)}</p>` : nothing}
      <table>
        <thead>
          <tr><th scope="col">${this.#t('when')}</th><th scope="col">${this.#t('who')}</th><th scope="col">${this.#t('what')}</th><th scope="col">${this.#t('target')}</th></tr>
        </thead>
        <tbody>
          ${entries.items.map(
            (e) =>
              html`<tr>
                <td>${formatDate(locale, e.at)}</td>
                <td>${this.#actor(e)}</td>
                <td><code>${e.operationId}</code></td>
                <td><code>${e.targetId ?? ''}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${entries.status === 'done' && entries.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      ${entries.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${entries.nextCursor && entries.status !== 'loading' ? html`<button class="secondary more" @click=${() => entries.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-audit', MahjarConsoleAudit);

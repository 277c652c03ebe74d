import type { Problem } from '@mahjar/sdk';
import { html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import { asProblem, problemText, type ScreenContext, screenStyles } from '../shared.js';

/** The members export (`exportMembers`, viewer): the verified members this organisation sees, as a CSV file. */
export class MahjarConsoleMembers extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    busy: { state: true },
    problem: { state: true },
  };

  context!: ScreenContext;
  busy = false;
  problem?: Problem;

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #download() {
    this.busy = true;
    this.problem = undefined;
    const { data, error } = await this.context.client
      .GET('/v1/admin/members/export', { params: { query: { format: 'csv' } }, parseAs: 'text' })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.busy = false;
    if (typeof data !== 'string') {
      this.problem = asProblem(error);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv;charset=utf-8' }));
    link.download = `members-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    const rows = Math.max(0, data.trim().split('\n').length - 1);
    this.context.announce(this.#t('exported', { count: rows }));
  }

  override render() {
    return html`<p>${this.#t('exportIntro')}</p>
      <button ?disabled=${this.busy} @click=${this.#download}>${this.#t(this.busy ? 'loading' : 'exportCsv')}</button>
      ${this.problem ? html`<p class="error" role="alert">${problemText(this.context.locale, this.problem)}</p>` : nothing}`;
  }
}

customElements.define('mahjar-console-members', MahjarConsoleMembers);

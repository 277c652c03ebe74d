import '@mahjar/widgets/impact-report';
import { html, LitElement } from 'lit';
import type { ScreenContext } from '../shared.js';

/** The impact report: the widgets' `<mahjar-impact-report>`, reading with the console's signed-in client. */
export class MahjarConsoleReport extends LitElement {
  static override properties = { context: { attribute: false } };
  context!: ScreenContext;

  override render() {
    return html`<mahjar-impact-report .adminClient=${this.context.client} locale=${this.context.locale}></mahjar-impact-report>`;
  }
}

customElements.define('mahjar-console-report', MahjarConsoleReport);

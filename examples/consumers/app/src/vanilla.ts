// A Vite + strict TypeScript app: one element, imported on its own, and the SDK.
import { type Campaign, createMahjarClient } from '@mahjar/sdk';
import '@mahjar/widgets/donate-button';
import { apiBase, campaign, publishableKey } from './config.js';

// HTMLElementTagNameMap types the element; GlobalEventHandlersEventMap types its events.
const button = document.createElement('mahjar-donate-button');
button.apiBase = apiBase;
button.publishableKey = publishableKey;
button.campaign = campaign;
button.addEventListener('mahjar-donation-start', (event) => {
  const amount: number = event.detail.amount;
  console.log('donation started', amount);
});
document.querySelector('#app')?.append(button);

const client = createMahjarClient({ baseUrl: apiBase, publishableKey });
client.GET('/v1/campaigns/{slug}', { params: { path: { slug: campaign } } }).then(({ data, error }) => {
  const output = document.createElement('output');
  output.id = 'sdk';
  const found: Campaign | undefined = data;
  output.textContent = found ? (found.title.en ?? '') : `error: ${error?.title ?? 'unknown'}`;
  document.body.append(output);
});

/** Never called: proves the element's properties are typed. */
export function wrongTypes(other: HTMLElementTagNameMap['mahjar-donate-button']): void {
  // @ts-expect-error campaign is a string
  other.campaign = 42;
}

import { ContextProvider } from '@lit/context';
import type { MahjarClient } from '@mahjar/sdk';
import { html, LitElement, unsafeCSS } from 'lit';
import { clientFor } from '../shared/client.js';
import { mahjarContext, type Theme } from '../shared/context.js';
import { VERSION } from '../shared/version.js';

declare global {
  interface HTMLElementTagNameMap {
    'mahjar-provider': MahjarProvider;
  }
}

/**
 * @summary Shares the API origin, publishable key, chapter, locale and theme — and one API
 * client — with every Mahjar element inside it. Renders nothing itself.
 * @tag mahjar-provider
 * @slot - Mahjar elements, and any other content.
 */
export class MahjarProvider extends LitElement {
  static version = VERSION;
  // `unsafeCSS` of a constant, not the `css` tag: the tag (and its checks of interpolated values) would be
  // part of the runtime all elements of the script-tag build share, though only the provider uses it;
  // `unsafeCSS` is in that runtime anyway (Lit's own fallback for browsers without adoptable sheets).
  static override styles = unsafeCSS(':host{display:contents}');
  static override properties = {
    apiBase: { attribute: 'api-base' },
    publishableKey: { attribute: 'publishable-key' },
    chapter: {},
    locale: {},
    theme: {},
    client: { attribute: false },
  };

  /** Origin of the Mahjar API, e.g. `https://api.example.org`. */
  apiBase = '';
  /** The chapter's publishable key (`pk_…`), safe in page source. */
  publishableKey = '';
  /** Slug of the chapter this site belongs to, e.g. `ilma-usa`. */
  chapter = '';
  /** BCP 47 language for the elements inside, unless they set their own. */
  locale = '';
  /** `light` (default), `dark`, or `auto` to follow the system. */
  theme: Theme | '' = '';
  /** A ready-made client (e.g. with a custom `fetch`); by default one is made from `api-base` and `publishable-key`. */
  client?: MahjarClient;

  private provider = new ContextProvider(this, { context: mahjarContext });

  protected override willUpdate(): void {
    const { apiBase, publishableKey, chapter, locale, theme } = this;
    this.provider.setValue({
      apiBase,
      publishableKey,
      chapter,
      locale,
      theme,
      client: this.client ?? (apiBase ? clientFor(apiBase, publishableKey) : undefined),
    });
  }

  protected override render(): unknown {
    return html`<slot></slot>`;
  }
}

import type { ContextCallback } from '@lit/context';
import { type MahjarClient, PROBLEM_BASE, type Problem } from '@mahjar/sdk';
import { html, LitElement, type PropertyDeclarations } from 'lit';
import { common } from '../translations/en/common.js';
import { clientFor } from './client.js';
import { type MahjarConfig, mahjarContext, type Theme } from './context.js';
import {
  formatMoney,
  formatPercent,
  intlTag,
  type Locale,
  langOf,
  load,
  type Plural,
  pick,
  plural,
  type Strings,
} from './localize.js';
import { VERSION } from './version.js';

/**
 * Base of every Mahjar element: configuration from attributes or the nearest `<mahjar-provider>`,
 * a shared API client, per-element locale (own `locale` → provider → nearest `lang` → browser)
 * with strings loaded on demand, `Intl` formatting, and the themed root.
 */
export class MahjarElement extends LitElement {
  /** Compared by `defineElement` when a tag is registered twice. */
  static version = VERSION;
  static override properties: PropertyDeclarations = {
    locale: {},
    apiBase: { attribute: 'api-base' },
    publishableKey: { attribute: 'publishable-key' },
    theme: {},
  };

  /** BCP 47 language of this element (`en`, `ar`, `fr`, `fr-CA`…); wins over the provider and the page's `lang`. */
  locale = '';
  /** Origin of the Mahjar API, e.g. `https://api.example.org`; wins over the provider's. */
  apiBase = '';
  /** The chapter's publishable key (`pk_…`); wins over the provider's. */
  publishableKey = '';
  /** `light` (default), `dark`, or `auto` to follow the system; wins over the provider's. */
  theme: Theme | '' = '';

  /** Configuration from the nearest provider, if any (kept up to date while connected). */
  protected providerConfig?: MahjarConfig;
  /**
   * Loads this element's strings in Arabic or French (its chunk per language, on first use);
   * `sharedStringsOnly` (shared-strings.ts) for an element with none of its own. Without one, the element shows English.
   */
  protected static strings?: Strings<unknown>;
  /** Strings of the shown language when it is not English: the shared ones and the element's own. */
  #translation?: { common: typeof common; element: unknown };
  /** The language shown. */
  protected ui: Locale = 'en';
  /** The tag `Intl` formats with (e.g. `fr-CA` when the page asks for it). */
  protected intl = 'en';
  #unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // Asks the nearest provider for its configuration, and for every later change: the context
    // protocol's `context-request` event, as @lit/context's `ContextEvent` builds it (the provider's
    // `ContextProvider` reads these four fields). Built here, so that an element without a provider
    // bundles nothing of @lit/context, whose license notices alone cost 158 B brotli per bundle.
    const callback: ContextCallback<MahjarConfig> = (value, unsubscribe) => {
      this.#unsubscribe = unsubscribe;
      this.providerConfig = value;
      this.requestUpdate();
    };
    const request = () =>
      this.dispatchEvent(
        Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
          context: mahjarContext,
          contextTarget: this,
          callback,
          subscribe: true,
        }),
      );
    request();
    // A provider upgraded after us (scripts loaded in another order) missed that request: ask again.
    if (this.closest('mahjar-provider:not(:defined)'))
      customElements.whenDefined('mahjar-provider').then(() => this.isConnected && !this.providerConfig && request());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  /** Resolves the locale before each render and waits for its strings, so no English flashes. */
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature of ReactiveElement.scheduleUpdate.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const language = this.resolveLocale();
    this.#translation = undefined;
    return language === 'en'
      ? super.scheduleUpdate()
      : load(language, (this.constructor as typeof MahjarElement).strings!)
          .then(
            (module) => (this.#translation = { common: module.common, element: module.default }),
            () => {}, // a chunk that did not load: English rather than nothing
          )
          .then(() => super.scheduleUpdate());
  }

  /** Sets `ui` and `intl` from the element's `locale`, the provider, the nearest `lang` or the browser. */
  protected resolveLocale(): Locale {
    const tag = this.locale || this.providerConfig?.locale || langOf(this) || navigator.language;
    const language = pick(tag);
    this.ui = language;
    this.intl = intlTag(tag, language);
    return language;
  }

  /** Strings shared by all elements, in the shown language. */
  protected get common(): typeof common {
    return this.#translation?.common ?? common;
  }

  /** The element's own strings in the shown language, given its English ones. */
  protected ownStrings<Strings>(english: Strings): Strings {
    return (this.#translation?.element as Strings | undefined) ?? english;
  }

  /** The provider's client, or a shared one for this element's own `api-base`; undefined until configured. */
  protected get client(): MahjarClient | undefined {
    const config = this.providerConfig;
    const base = this.apiBase || config?.apiBase;
    return config?.client && !this.apiBase && !this.publishableKey
      ? config.client
      : base
        ? clientFor(base, this.publishableKey || config?.publishableKey || '')
        : undefined;
  }

  /** A translated, human message for an API problem: by `type`, else the server's `title`. `{origin}`: this page's, isolated. */
  protected problemText(problem: Problem): string {
    return (
      (this.common.problems as Record<string, string | undefined>)[problem.type.replace(PROBLEM_BASE, '')] ??
      problem.title
    ).replace('{origin}', `\u2068${location.origin}\u2069`);
  }

  protected money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.intl);
  }

  protected percent(ratio: number): string {
    return formatPercent(ratio, this.intl);
  }

  protected plural(forms: Plural, count: number): string {
    return plural(forms, count, this.intl);
  }

  /** The themed, localised root every element renders into (`part="base"`). */
  protected frame(content: unknown, busy = false): unknown {
    return html`<div class="root" part="base" dir=${this.common.dir} lang=${this.intl} data-theme=${this.theme || this.providerConfig?.theme || 'light'} aria-busy=${busy}>${content}</div>`;
  }
}

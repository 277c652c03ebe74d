import type { Context } from '@lit/context';
import type { MahjarClient } from '@mahjar/sdk';

/** Light, dark, or follow `prefers-color-scheme`. */
export type Theme = 'light' | 'dark' | 'auto';

/** What `<mahjar-provider>` shares with every Mahjar element inside it. */
export interface MahjarConfig {
  apiBase: string;
  publishableKey: string;
  chapter: string;
  locale: string;
  theme: Theme | '';
  /** One client for every element under the provider. */
  client: MahjarClient | undefined;
}

/**
 * `Symbol.for` so two copies of the bundle on one page still find each other's provider
 * (context keys are compared with `===`). Typed as `createContext` types it (which returns its key
 * unchanged), without importing it: an element then bundles nothing of `@lit/context`.
 */
export const mahjarContext = Symbol.for('mahjar.config') as Context<symbol, MahjarConfig>;

import type { Strings } from './localize.js';

/**
 * The loader of an element that says nothing of its own: the shared strings only. Its own module, so
 * the chunks it names never enter the graph of an element that does not use it.
 */
export const sharedStringsOnly: Strings<Record<string, never>> = async (l) => ({
  default: {},
  common: (await (l === 'ar' ? import('../translations/ar/common.js') : import('../translations/fr/common.js')))
    .default,
});

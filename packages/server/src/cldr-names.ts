import type { components } from '@mahjar/sdk';

type LocalizedText = components['schemas']['LocalizedText'];

/** The languages the API names things in. */
const LANGUAGES = ['en', 'ar', 'fr'] as const;

/** CLDR's name of each code, per kind, in each language; built once per code (at most 26² of each kind). */
const cache = { region: new Map<string, LocalizedText | null>(), language: new Map<string, LocalizedText | null>() };
const namers = {
  region: LANGUAGES.map((l) => [l, new Intl.DisplayNames(l, { type: 'region', fallback: 'none' })] as const),
  language: LANGUAGES.map((l) => [l, new Intl.DisplayNames(l, { type: 'language', fallback: 'none' })] as const),
};
const shape = { region: /^[A-Z]{2}$/, language: /^[a-z]{2}$/ };

/**
 * The names of country (ISO 3166-1 alpha-2) or language (ISO 639-1) codes in English, Arabic and
 * French, as the directory's labels carry them. Codes CLDR does not name (or not of that shape) are
 * left out, so a client falls back to the code.
 */
export function cldrNames(type: 'region' | 'language', codes: Iterable<string>): Record<string, LocalizedText> {
  const names: Record<string, LocalizedText> = {};
  for (const code of codes) {
    if (!shape[type].test(code)) continue;
    let name = cache[type].get(code);
    if (name === undefined) {
      const entries = namers[type].flatMap(([l, namer]) => {
        const text = namer.of(code);
        return text && text !== code ? [[l, text] as const] : [];
      });
      name = entries.length ? Object.fromEntries(entries) : null;
      cache[type].set(code, name);
    }
    if (name) names[code] = name;
  }
  return names;
}

import type { common } from '../translations/en.js';

/** Every language Mahjar ships. English is bundled; the others load on first use. */
export type Locale = 'en' | 'ar' | 'fr';
/** Plural forms chosen with `Intl.PluralRules`; `#` is replaced by the formatted count. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/**
 * Loads one element's strings in a language other than English, with the shared ones (`common`):
 * one chunk per element and language, so an Arabic page loads only what its elements say.
 */
export type Strings<T> = (l: 'ar' | 'fr') => Promise<{ default: T; common: typeof common }>;

type Loaded = Awaited<ReturnType<Strings<unknown>>>;
const loaded = new Map<Strings<unknown>, Partial<Record<'ar' | 'fr', Promise<Loaded>>>>();
/**
 * Loads strings once per copy of Mahjar. Per element, never page-wide: nothing global is configured,
 * so two locales (or two copies) coexist; a chunk that failed to load is asked for again next time.
 */
export function load(l: 'ar' | 'fr', from: Strings<unknown>): Promise<Loaded> {
  const mine = loaded.get(from) ?? {};
  loaded.set(from, mine);
  // (an element without strings of its own, `from` undefined, shows English)
  mine[l] ??= Promise.resolve(l)
    .then(from)
    .catch((e) => {
      delete mine[l];
      throw e;
    });
  return mine[l];
}

/** The value of the nearest `lang` attribute, from `el` outwards, crossing shadow roots. */
export const langOf = (el?: Element | null): string =>
  el ? el.getAttribute('lang') || langOf(el.parentElement ?? (el.getRootNode() as ShadowRoot).host) : '';

const language = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();

/** The shipped language for a BCP 47 tag (`ar-LB` → `ar`), English when we lack it. */
export const pick = (tag: string): Locale => {
  const l = language(tag);
  return l === 'ar' || l === 'fr' ? l : 'en';
};

/** The tag `Intl` formats with: the full tag when its language is the one shown (`fr-CA`), else the shown language. */
export function intlTag(tag: string, l: Locale): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.replace('_', '-'));
    return language(canonical!) === l ? canonical! : l;
  } catch {
    return l;
  }
}

const nf = (locale: string, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, o);

/**
 * Minor-unit digits of a currency as ISO 4217 (and so the API) counts them: USD 2, JPY 0, KWD 3.
 * `Intl` (CLDR) shows fewer for some currencies that have no coins in use, but the API still
 * counts their minor units (piastres for LBP, fils for IQD), so those are corrected here.
 */
export const currencyDigits = (currency: string): number =>
  currency === 'IQD'
    ? 3
    : /^(ALL|AFN|IRR|KPW|LAK|LBP|MGA|MMK|RSD|SLE|SLL|SOS|SYP|YER)$/.test(currency)
      ? 2
      : nf('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits!;

/**
 * Formats an amount in minor units (`12345`, `USD` → `$123.45`; whole amounts drop `.00`).
 * Raising only the maximum is enough: ISO never counts fewer digits than `Intl` shows.
 * Arabic names the currency in Arabic (`٧٬٣٤٠ دولار أمريكي`): its Latin symbols (`US$`) are
 * reordered by right-to-left text into `$US`.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return nf(locale, {
    style: 'currency',
    currency,
    currencyDisplay: locale.startsWith('ar') ? 'name' : 'symbol',
    maximumFractionDigits: digits,
    trailingZeroDisplay: 'stripIfInteger',
  }).format(minor / 10 ** digits);
}

/** A text in one language, and that language (for the `lang` attribute). */
export interface LocalText {
  text: string;
  lang: Locale;
}

/**
 * A text of the API's `LocalizedText` in `language`, falling back en → fr → ar (ar → fr → en for
 * Arabic readers), with the language it is actually in.
 */
export function localText(text: Partial<Record<Locale, string>>, language: Locale): LocalText {
  const found =
    ([language, ...(language === 'ar' ? ['fr', 'en'] : ['en', 'fr', 'ar'])] as Locale[]).find((each) => text[each]) ??
    language;
  return { text: text[found] ?? '', lang: found };
}

export const formatNumber = (n: number, locale: string): string => nf(locale).format(n);

/** `0.25` → `25%` (or `٢٥٪`). */
export const formatPercent = (ratio: number, locale: string): string =>
  nf(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

export const plural = (forms: Plural, n: number, locale: string): string =>
  (forms[new Intl.PluralRules(locale).select(n)] ?? forms.other).replace('#', formatNumber(n, locale));

/**
 * Reads an amount typed in any of our locales (`1,000`, `1.000,50`, `١٢٫٥`, `€ 20`) into minor units.
 * The last separator followed by no more than `digits` digits is the decimal one. NaN when unreadable.
 */
export function parseAmount(text: string, digits: number): number {
  const cleaned = text.replace(/[٠-٩۰-۹]/g, (digit) => String(digit.charCodeAt(0) & 0xf)).replace(/[^\d.,٫-]/g, '');
  if (!/\d/.test(cleaned) || cleaned.includes('-')) return NaN;
  const decimal = /^(.*)[.,٫](\d*)$/.exec(cleaned);
  const isDecimal = decimal && decimal[2]!.length <= digits;
  const whole = isDecimal ? decimal[1]! : cleaned;
  const fraction = isDecimal ? decimal[2]! : '';
  return Math.round(Number(`${whole.replace(/\D/g, '') || 0}.${fraction || 0}`) * 10 ** digits);
}

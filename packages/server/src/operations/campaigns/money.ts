/**
 * ISO 4217 minor-unit exponents that differ from 2. The contract counts amounts in ISO minor units
 * (piastres for LBP), which is not always what Intl (CLDR) displays, so the exponent comes from here.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export const minorUnitExponent = (currency: string): number => EXPONENTS[currency] ?? 2;

const SUPPORTED = new Set(Intl.supportedValuesOf('currency'));
export const isKnownCurrency = (currency: string): boolean => SUPPORTED.has(currency);

/**
 * `5000, 'USD', 'fr'` → `50,00 $US`: minor units shown in the reader's language. Arabic names the
 * currency in Arabic (`50.00 دولار أمريكي`): right-to-left text reorders a Latin `US$` into `$US`.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = minorUnitExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: locale.startsWith('ar') ? 'name' : 'symbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

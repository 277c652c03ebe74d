import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { Locale } from './http/input.js';

type Localize = (errors: ErrorObject[]) => void;
// ajv-i18n is CommonJS whose typings claim an ES default export: required, it is the function itself.
const require = createRequire(import.meta.url);
const localizeAr = require('ajv-i18n/localize/ar') as Localize;
const localizeFr = require('ajv-i18n/localize/fr') as Localize;

/**
 * How a validation problem's `errors[].detail` reads in each language the API speaks: Ajv's own
 * messages through `ajv-i18n` (English is Ajv's, as it always was), and the server's phrasings of
 * the keywords it words itself (a missing field, an unknown one, a value outside a list).
 */
export interface ValidationMessages {
  /** Rewrites Ajv's `message` of each error in place; none for English, Ajv's own language. */
  localize?: Localize;
  required: string;
  unknownField: string;
  oneOf: (values: string) => string;
  invalid: string;
  illFormed: string;
}

export const validationMessages: Record<Locale, ValidationMessages> = {
  en: {
    required: 'is required',
    unknownField: 'is not a known field',
    oneOf: (values) => `must be one of: ${values}`,
    invalid: 'is invalid',
    illFormed: 'must be well-formed Unicode text without U+0000',
  },
  ar: {
    localize: localizeAr,
    required: 'مطلوب',
    unknownField: 'ليس حقلًا معروفًا',
    oneOf: (values) => `يجب أن يكون أحد: ${values}`,
    invalid: 'غير صالح',
    illFormed: 'يجب أن يكون نص يونيكود سليمًا بلا U+0000',
  },
  fr: {
    localize: localizeFr,
    required: 'est obligatoire',
    unknownField: 'n’est pas un champ connu',
    oneOf: (values) => `doit être l’une des valeurs : ${values}`,
    invalid: 'n’est pas valide',
    illFormed: 'doit être un texte Unicode bien formé, sans U+0000',
  },
};

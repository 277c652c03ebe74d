import { formatNumber } from '../shared/localize.js';
import { type Data, type FieldsView, get } from './fields.js';

/**
 * Client-side checks mirrored by hand from `openapi/mahjar.yaml` (SignupRequest, Affiliation,
 * CredentialInput, MedicalSchool, Offer): the generated types carry no constraints at runtime.
 * `constraints.test.ts` reads the contract at test time and fails when these drift from it.
 * Keys are draft paths with `#` for a row index; value: [maxLength (0: none), flags] where
 * r = required, a = non-empty list, e = e-mail, y = year 1940–2100.
 */
export const rules: Record<string, [number, string]> = {
  profession: [0, 'r'],
  givenName: [100, 'r'],
  familyName: [100, 'r'],
  givenNameAr: [100, ''],
  familyNameAr: [100, ''],
  email: [254, 're'],
  specialties: [0, 'a'],
  country: [0, 'r'],
  city: [100, 'r'],
  languages: [0, 'a'],
  'affiliations.#.institution': [200, 'r'],
  'affiliations.#.role': [120, ''],
  'credentials.#.kind': [0, 'r'],
  'credentials.#.name': [200, 'r'],
  'credentials.#.issuer': [200, 'r'],
  'credentials.#.country': [0, 'r'],
  'credentials.#.year': [0, 'y'],
  'medicalSchool.name': [200, 'r'],
  'medicalSchool.country': [0, 'r'],
  'medicalSchool.graduationYear': [0, 'ry'],
  bio: [2000, ''],
  'offers.#.availability': [300, 'r'],
};

/** Why `value` breaks the rule of `path` (a key into the translations), or undefined. */
export function check(path: string, value: unknown, active: boolean): string | undefined {
  const [max, flags] = rules[path.replace(/\.\d+\.|\.[a-z_]+\.(?=availability)/, '.#.')] ?? [0, ''];
  if (flags.includes('a'))
    return (value as string[] | undefined)?.length
      ? undefined
      : path === 'specialties'
        ? 'pickSpecialty'
        : 'pickLanguage';
  const text = String(value ?? '').trim();
  if (!text) return flags.includes('r') && active ? 'required' : undefined;
  if (max && text.length > max) return 'tooLong';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the contract's pattern forbids exactly these.
  if (path !== 'bio' ? /[\0-\x1f\x7f]/.test(text) : /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) return 'invalid';
  if (flags.includes('e') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'emailInvalid';
  if (flags.includes('y') && !(/^\d{4}$/.test(text) && +text >= 1940 && +text <= 2100)) return 'yearInvalid';
  return undefined;
}

/** Checks the fields shown in `root` (the visible step) against the contract's constraints: messages by field path. */
export function validate(root: ParentNode, view: FieldsView): Record<string, string> {
  const { answers, strings } = view;
  const errors: Record<string, string> = {};
  const fields = root.querySelectorAll<HTMLInputElement>('form [name],[data-k]');
  const byRule = strings as unknown as Record<string, string>;
  for (const path of new Set([...fields].map((field) => field.dataset.k ?? field.name))) {
    const parent = path.replace(/\.[^.]+$/, '');
    const row = get(answers, parent) as Data | undefined;
    const active =
      parent === path ||
      (!!row && (path.startsWith('offers.') ? !!row.on : Object.values(row).some((value) => String(value).trim())));
    const why = check(path, get(answers, path), active);
    if (why)
      errors[path] =
        why === 'tooLong'
          ? strings.tooLong(
              formatNumber(+(root.querySelector(`[name="${path}"]`) as HTMLInputElement).maxLength, view.intl),
            )
          : byRule[why]!;
  }
  return errors;
}

// The client-side rules mirror the contract by hand (constraints.ts): this reads openapi/mahjar.yaml
// (served by the test runner from the repository root) and fails when they drift apart.
import { expect } from '@open-wc/testing';
import { check, rules } from './constraints.js';

/** The text of one component schema's definition. */
const definition = (yaml: string, name: string): string =>
  yaml.split(new RegExp(`\\n    ${name}:\\n`))[1]!.split(/\n {4}[A-Za-z]+:\n/)[0]!;

/**
 * The signup's own field definitions, named in the contract so the member profile shares them: a
 * `$ref` to one of these is read as the definition it names. Other references (codes such as
 * `CountryCode`) are chosen from lists in the form and carry no rule of their own here.
 */
const SHARED =
  /^(NameLatin|NameArabic|CityName|Bio|SpecialtyCodeList|LanguageList|AffiliationList|CredentialInputList|OfferList)$/;

/** Properties of one schema: name → its `{…}` definition (a shared field's definition for its `$ref`). */
function schema(yaml: string, name: string): { required: string[]; props: Record<string, string> } {
  const block = definition(yaml, name);
  const required = /\n {6}required: \[([^\]]*)\]/
    .exec(block)![1]!
    .split(',')
    .map((s) => s.trim());
  const props: Record<string, string> = {};
  for (const m of block.matchAll(/\n {8}(\w+):(.*(?:\n {10}.*)*)/g)) {
    const ref = /^ \{\$ref: '#\/components\/schemas\/(\w+)'\}$/.exec(m[2]!);
    props[m[1]!] = ref && SHARED.test(ref[1]!) ? definition(yaml, ref[1]!) : m[2]!;
  }
  return { required, props };
}

const where: Record<string, [string, string]> = {
  'affiliations.#': ['Affiliation', ''],
  'credentials.#': ['CredentialInput', ''],
  medicalSchool: ['MedicalSchool', ''],
  'offers.#': ['Offer', ''],
};

describe('constraints mirror the contract', () => {
  it('has the maxLength and required of every rule', async () => {
    const yaml = await (await fetch('/openapi/mahjar.yaml')).text();
    for (const [path, [max, flags]] of Object.entries(rules)) {
      const dot = path.lastIndexOf('.');
      const [name] = dot < 0 ? ['SignupRequest'] : where[path.slice(0, dot)]!;
      const prop = path.slice(dot + 1);
      const { required, props } = schema(yaml, name!);
      const def = props[prop];
      expect(def, `${name}.${prop}`).to.be.a('string');
      const m = /maxLength: (\d+)/.exec(def!);
      if (max || m) expect(max, `${name}.${prop} maxLength`).to.equal(Number(m?.[1] ?? 0));
      expect(/r|a/.test(flags), `${name}.${prop} required`).to.equal(required.includes(prop));
      if (flags.includes('y')) expect(def).to.contain('minimum: 1940').and.to.contain('maximum: 2100');
      if (flags.includes('a')) expect(def).to.contain('minItems: 1');
    }
  });

  it('checks values as the server would', () => {
    const cases: [string, unknown, boolean, string | undefined][] = [
      ['givenName', '', true, 'required'],
      ['givenName', 'x'.repeat(101), true, 'tooLong'],
      ['givenName', 'a\u0007b', true, 'invalid'],
      ['givenNameAr', '', true, undefined],
      ['email', 'a@b', true, 'emailInvalid'],
      ['email', 'rania@example.org', true, undefined],
      ['specialties', [], true, 'pickSpecialty'],
      ['languages', ['ar'], true, undefined],
      ['affiliations.2.institution', '', false, undefined],
      ['affiliations.2.institution', '', true, 'required'],
      ['medicalSchool.graduationYear', '1939', true, 'yearInvalid'],
      ['credentials.0.year', '2014', true, undefined],
      ['offers.mentoring.availability', '', true, 'required'],
      ['bio', 'line one\nline two', true, undefined],
    ];
    for (const [path, value, active, why] of cases) expect(check(path, value, active), path).to.equal(why);
  });
});

/**
 * A validation problem's details in the reader's language: the contract's checks answer in the
 * language Accept-Language prefers among en/ar/fr (by `q=` weight), say so in Content-Language,
 * and fall back to English, byte for byte what they always said.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachApiEngine } from './harness.js';

type Problem = { type: string; title: string; detail: string; errors: Array<{ pointer: string; detail: string }> };

const good = {
  amount: 2500,
  currency: 'USD',
  frequency: 'one_off',
  donorName: 'Test Donor',
  donorEmail: 'donor@example.net',
};
const { donorEmail: _, ...withoutEmail } = good;

/** One fault each (Ajv stops at the first), and what it is called in each language. */
const cases = [
  {
    name: 'a missing field',
    body: withoutEmail,
    pointer: '/donorEmail',
    en: 'is required',
    ar: 'مطلوب',
    fr: 'est obligatoire',
  },
  {
    name: 'an unknown field',
    body: { ...good, colour: 'red' },
    pointer: '/colour',
    en: 'is not a known field',
    ar: 'ليس حقلًا معروفًا',
    fr: 'n’est pas un champ connu',
  },
  {
    name: 'a value outside the list',
    body: { ...good, frequency: 'weekly' },
    pointer: '/frequency',
    en: 'must be one of: one_off, monthly',
    ar: 'يجب أن يكون أحد: one_off, monthly',
    fr: 'doit être l’une des valeurs : one_off, monthly',
  },
  {
    name: 'a malformed address (Ajv’s own message)',
    body: { ...good, donorEmail: 'not-an-address' },
    pointer: '/donorEmail',
    en: 'must match format "email"',
    ar: 'يجب أن يوافق الصيغة "email"',
    fr: 'doit correspondre au format "email"',
  },
] as const;

forEachApiEngine('validation in the reader’s language', (env) => {
  const donate = (body: unknown, acceptLanguage?: string) =>
    env().fetch('/v1/campaigns/mental-health-lines/donations', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
        'Idempotency-Key': randomUUID(),
        ...(acceptLanguage ? { 'Accept-Language': acceptLanguage } : {}),
      },
      body: JSON.stringify(body),
    });

  describe.each(cases)('$name', (c) => {
    it.each([
      [undefined, 'en', c.en],
      ['ar', 'ar', c.ar],
      ['fr-CA, ar;q=0.5', 'fr', c.fr],
      ['de, ar;q=0.8, fr;q=0.3', 'ar', c.ar],
      ['de', 'en', c.en],
    ] as const)('Accept-Language %s → %s', async (header, language, detail) => {
      const response = await donate(c.body, header);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('content-language')).toBe(language);
      const problem = (await response.json()) as Problem;
      expect(problem.type).toBe('https://mahjar.dev/problems/validation');
      expect(problem.errors).toEqual([{ pointer: c.pointer, detail }]);
      expect(problem.detail).toBe(`${c.pointer} ${detail}`);
    });
  });

  it('phrases a bad query parameter too, and English stays as it was', async () => {
    const answers = await Promise.all(
      ['en', 'ar', 'fr'].map(async (language) => {
        const response = await env().fetch('/v1/campaigns?limit=0', {
          headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'Accept-Language': language },
        });
        expect(response.status).toBe(400);
        return ((await response.json()) as Problem).errors[0];
      }),
    );
    expect(answers).toEqual([
      { pointer: '/query/limit', detail: 'must be >= 1' },
      { pointer: '/query/limit', detail: 'يجب أن يكون >= 1' },
      { pointer: '/query/limit', detail: 'doit être >= 1' },
    ]);
  });
});

/**
 * Every field detail a handler writes has an Arabic and a French phrasing: the server's sources
 * are read for the `detail:` literals of its field errors, and each must be phrased by the
 * catalogue (exactly, or by a template whose values carry over). A new English detail without
 * one fails here, not in front of a chapter chair reading Arabic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldMessages, phraseFieldDetail } from '../src/field-messages.js';

const SRC = join(import.meta.dirname, '../src');

/** `detail: '…'` and `` detail: `…` `` in the sources, with each `${…}` replaced by VALUE0, VALUE1, … */
function handlerDetails(): { file: string; detail: string; values: string[] }[] {
  const found: { file: string; detail: string; values: string[] }[] = [];
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/\bdetail:\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g)) {
      const values: string[] = [];
      const detail = (m[1] ?? m[2] ?? m[3]!).replace(/\$\{[^}]*\}/g, () => {
        values.push(`VALUE${values.length}`);
        return values.at(-1)!;
      });
      found.push({ file, detail, values });
    }
  }
  return found;
}

const details = handlerDetails();

describe('field details in the reader’s language', () => {
  it('finds the handlers’ details (the scan itself works)', () => {
    expect(details.length).toBeGreaterThanOrEqual(45);
    expect(details.map((d) => d.detail)).toContain('must not be before startsOn');
    expect(details.map((d) => d.detail)).toContain('VALUE0 is not a specialty code');
  });

  it.each(details.map((d) => [d.detail, d.file, d.values] as const))(
    '“%s” (%s) is phrased in Arabic and French, its values kept',
    (detail, _file, values) => {
      for (const locale of ['ar', 'fr'] as const) {
        const phrased = phraseFieldDetail(detail, locale);
        expect(phrased, `${locale}: no catalogue entry`).toBeDefined();
        expect(phrased).not.toBe(detail);
        for (const value of values) expect(phrased).toContain(value);
      }
      expect(phraseFieldDetail(detail, 'en')).toBe(detail);
    },
  );

  it('has no entry that no handler writes', () => {
    const unused = Object.keys(fieldMessages).filter((english) => {
      const source = english
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('VALUE\\d+');
      return !details.some((d) => new RegExp(`^${source}$`).test(d.detail));
    });
    expect(unused).toEqual([]);
  });

  it('carries a template’s values over unchanged, and leaves an unknown detail to English', () => {
    expect(phraseFieldDetail('astro-logy is not a specialty code', 'fr')).toBe(
      'astro-logy n’est pas un code de spécialité',
    );
    expect(phraseFieldDetail('is not within 2026-Q3 (2026-07-01 to 2026-09-30)', 'ar')).toBe(
      'ليس ضمن 2026-Q3 (من 2026-07-01 إلى 2026-09-30)',
    );
    expect(phraseFieldDetail("must be EUR, the campaign's currency", 'fr')).toBe(
      'doit être EUR, la devise de la campagne',
    );
    expect(phraseFieldDetail('{code} is not a specialty code', 'ar')).toBe('{code} ليس رمز تخصص');
    expect(phraseFieldDetail('is a detail nobody has written yet', 'ar')).toBeUndefined();
    expect(phraseFieldDetail('is taken', 'en')).toBe('is taken');
  });
});

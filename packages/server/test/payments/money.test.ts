import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/operations/campaigns/money.js';

describe('formatMoney in receipts and the checkout page', () => {
  it('names the currency in Arabic, with no Latin symbol for right-to-left text to reorder', () => {
    const text = formatMoney(734_000, 'USD', 'ar');
    expect(text).toContain('دولار أمريكي');
    expect(text).not.toMatch(/US\$|\$US|\$/);
  });

  it.each([
    ['en', '$7,340.00'],
    ['fr', '7\u202f340,00\u00a0$US'],
  ])('keeps the symbol in %s', (locale, expected) => {
    expect(formatMoney(734_000, 'USD', locale)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../src/http/input.js';

describe('locale negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ar', 'ar'],
    ['fr-CA,fr;q=0.9', 'fr'],
    // weights decide, not the order sent
    ['en;q=0.5, ar;q=0.9', 'ar'],
    ['de, en;q=0.3, fr;q=0.7', 'fr'],
    ['EN;Q=0.2, AR-iq;q=0.8', 'ar'],
    // equal weights keep the order sent; no weight means 1
    ['fr;q=0.8, ar;q=0.8', 'fr'],
    ['ar;q=0.99, fr', 'fr'],
    // q=0 means "not this one"
    ['fr;q=0, ar;q=0.1', 'ar'],
    ['fr;q=0', 'en'],
    // nothing we speak, or anything at all
    ['de, ja;q=0.5', 'en'],
    ['*', 'en'],
    ['fr;q=abc, ar;q=0.5', 'ar'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

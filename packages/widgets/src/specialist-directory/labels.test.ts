// What the directory says about the data it shows (issue 10): estimated facet counts read as
// estimates, and chapters by their names, in every language.
import { expect } from '@open-wc/testing';
import { until } from '../../test/demo.js';
import { $, $$, api, type D, mount, settled, setup, text } from './support.test.js';

before(async function () {
  this.timeout(120_000);
  await setup();
});

/** The real server's answers, with `facetsExact: false` as a very large directory would send. */
const estimated: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname !== '/v1/professionals' || !response.ok) return response;
  const body = await response.json();
  return new Response(JSON.stringify({ ...body, facetsExact: false }), {
    status: response.status,
    headers: response.headers,
  });
};

const counts = async (el: D) => {
  await until(() => $$(el, '.opt .n').length > 0, 8000);
  await el.updateComplete;
  return $$(el, '.opt .n').map(text);
};

describe('mahjar-specialist-directory: estimated facet counts', () => {
  for (const [locale, word] of [
    ['en', 'about'],
    ['ar', 'نحو'],
    ['fr', 'environ'],
  ] as const)
    it(`shows them as estimates when facetsExact is false (${locale})`, async function () {
      this.timeout(60_000);
      const el = await mount({ locale }, estimated);
      const shown = await counts(el);
      expect(shown.length).to.be.greaterThan(0);
      for (const c of shown) expect(c, c).to.contain(word);
      await expect(el).to.be.accessible();
    });

  it('keeps exact counts exact', async function () {
    this.timeout(60_000);
    const el = await mount({ locale: 'en' });
    for (const c of await counts(el)) expect(c).to.match(/^\d[\d,]*$/);
  });
});

describe('mahjar-specialist-directory: chapters by name', () => {
  for (const locale of ['en', 'ar', 'fr'] as const)
    it(`names the chapters of a profile, not their slugs (${locale})`, async function () {
      this.timeout(60_000);
      const el = await mount({ locale });
      await until(() => el.search.names, 8000);
      $(el, '[part="name"]')!.click();
      await until(() => el.profile.value && 'chapters' in el.profile.value, 8000);
      await el.updateComplete;
      const slugs = (el.profile.value as { chapters: string[] }).chapters;
      const { data } = await api().GET('/v1/organisations', { params: { query: { limit: 100 } } });
      const dd = $$(el, 'dialog dt').find((dt) => /^(Chapter|الفرع|Section)$/.test(text(dt)))!.nextElementSibling!;
      for (const slug of slugs) {
        const org = data!.items.find((o) => o.slug === slug)!;
        expect(text(dd)).to.contain(org.name[locale] ?? org.name.en);
      }
      expect(text(dd)).not.to.contain(slugs[0]!);
      await expect(el).to.be.accessible();
      await settled(el);
    });
});

// Runs against the real demo server (web-test-runner.config.mjs), seeded with 200 synthetic
// professionals. Expected counts come from the API itself, plus independent recounts.
import { createMahjarClient, type ProfessionalCard } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { focusNothing, tabTo, until } from '../../test/demo.js';
import { $, $$, api, checkbox, type D, demo, mount, names, settled, setup, text, type } from './support.test.js';

before(async function () {
  this.timeout(120_000);
  await setup();
});

/** Every card matching a search, page by page (for independent recounts). */
async function all(query: Record<string, unknown>): Promise<ProfessionalCard[]> {
  const out: ProfessionalCard[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api().GET('/v1/professionals', { params: { query: { ...query, limit: 100, cursor } } });
    out.push(...data!.items);
    cursor = data!.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const total = async (query: Record<string, unknown>) =>
  (await api().GET('/v1/professionals', { params: { query: { ...query, limit: 1 } } })).data!.total;
const count = (el: D) => text($(el, '[part="count"]'));

describe('mahjar-specialist-directory: search', () => {
  it('shows a skeleton, then the first page and the announced count', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const wait = mount({}, async (input, init) => {
      await gate;
      return fetch(input, init);
    });
    await until(() => document.querySelector('mahjar-specialist-directory')?.shadowRoot?.querySelector('.sk'));
    const loading = document.querySelector('mahjar-specialist-directory')!;
    expect($(loading, '.root')!.getAttribute('aria-busy')).to.equal('true');
    await expect(loading).to.be.accessible();
    release();
    const d = await wait;
    const expected = await total({});
    expect(expected).to.be.greaterThan(50);
    expect($(d, '[part="count"]')!.getAttribute('role')).to.equal('status');
    expect(count(d)).to.equal(`${expected} specialists found`);
    expect($$(d, '[part="item"]')).to.have.length(24);
    await expect(d).to.be.accessible();
  });

  it('searches as you type, one request at a time, and only the latest query wins', async () => {
    const urls: URL[] = [];
    const el = await mount({}, (input, init) => {
      const r = new Request(input, init);
      if (r.url.includes('/v1/professionals')) urls.push(new URL(r.url));
      return fetch(r);
    });
    urls.length = 0;
    const seen: string[] = [];
    el.addEventListener('mahjar-search', (e) => seen.push(e.detail.q));
    await type(el, 'cardio');
    expect(urls.length).to.be.lessThan(3); // six keystrokes: the first, then the latest once it answered
    expect(urls.at(-1)!.searchParams.get('q')).to.equal('cardio');
    expect(seen).to.deep.equal(['cardio']);
    expect(count(el)).to.equal(`${await total({ q: 'cardio' })} specialists found`);
    expect(el.search.total).to.be.greaterThan(0);
  });

  it('finds the same people for "Haddad" and "حداد"', async () => {
    const el = await mount();
    await type(el, 'Haddad');
    const latin = el.search.items.map((p) => p.id).sort();
    expect(latin.length).to.be.greaterThan(0);
    expect(names(el).every((n) => /Haddad/.test(n))).to.be.true;
    await type(el, 'حداد');
    expect(el.search.items.map((p) => p.id).sort()).to.deep.equal(latin);
    await expect(el).to.be.accessible();
  });

  it('combines facets with the counts the server computes, and recounts one independently', async () => {
    const el = await mount();
    const specialty = el.search.facets!.specialty[0]!;
    checkbox(el, 'specialty', specialty.value).click();
    await settled(el);
    expect(el.search.total).to.equal(specialty.count);
    const language = el.search.facets!.language.find((l) => l.value === 'ar')!;
    checkbox(el, 'language', 'ar').click();
    await settled(el);
    expect(el.search.total).to.equal(language.count);
    const filters = { specialty: [specialty.value], language: ['ar'] };
    expect(el.search.total).to.equal(await total(filters));
    expect(count(el)).to.equal(`${el.search.total} specialist${el.search.total === 1 ? '' : 's'} found`);
    // Independent recount of one facet: the offer counts shown = cards (paged) offering each kind.
    const cards = await all(filters);
    expect(cards).to.have.length(el.search.total);
    for (const { value, count: n } of el.search.facets!.offer) {
      expect(cards.filter((c) => c.offers?.some((o) => o.kind === value)).length, value).to.equal(n);
      const shown = checkbox(el, 'offer', value).closest('label')!;
      expect(text(shown.querySelector('.n'))).to.equal(String(n));
    }
    // The chips show the active filters and remove them.
    const chips = $$(el, '[part="chip"]');
    expect(chips.map((c) => c.getAttribute('aria-label'))).to.deep.equal([
      `Remove filter: ${el.label('specialty', specialty.value)}`,
      'Remove filter: Arabic',
    ]);
    await expect(el).to.be.accessible();
    chips[1]!.click();
    await settled(el);
    expect(el.search.total).to.equal(specialty.count);
    $<HTMLButtonElement>(el, '.chips .link')!.click();
    await settled(el);
    expect(el.search.total).to.equal(await total({}));
    expect($(el, '[part="chip"]')).to.be.null;
  });

  it('paints results before the labels load, then names chapters from the organisations', async () => {
    const el = await mount();
    await until(() => el.search.names);
    const { data } = await api().GET('/v1/organisations', { params: { query: { limit: 100 } } });
    const chapter = el.search.facets!.chapter.find((c) => data!.items.some((o) => o.slug === c.value))!;
    const org = data!.items.find((o) => o.slug === chapter.value)!;
    expect(text(checkbox(el, 'chapter', chapter.value).closest('label')!.querySelector('bdi'))).to.equal(org.name.en);
  });

  it('presets and locks facets from attributes', async () => {
    const el = await mount({ offer: 'telehealth', locked: 'offer', country: 'US' });
    expect(el.search.total).to.equal(await total({ offer: ['telehealth'], country: ['US'] }));
    expect(el.search.items.every((p) => p.offers?.some((o) => o.kind === 'telehealth'))).to.be.true;
    expect($(el, 'input[name="offer"]')).to.be.null; // locked: not offered to the visitor
    expect($$(el, '[part="chip"]').map((c) => text(c))).to.deep.equal(['United States×']);
    $<HTMLButtonElement>(el, '.chips .link')!.click();
    await settled(el);
    expect(el.search.total).to.equal(await total({ offer: ['telehealth'] })); // the lock stays
  });

  it("sorts by name in the server's order for the reader's language", async () => {
    const el = await mount({ locale: 'ar' });
    const { data } = await api().GET('/v1/professionals', {
      params: { query: { sort: 'name', limit: 24 } },
      headers: { 'Accept-Language': 'ar' },
    });
    expect(el.search.items.map((p) => p.id)).to.deep.equal(data!.items.map((p) => p.id));
    // The Arabic-script family names (where public) come in Arabic alphabetical order.
    const family = data!.items.map((p) => p.familyNameAr).filter((n): n is string => !!n);
    const collator = new Intl.Collator('ar');
    const sorted = [...family].sort(collator.compare);
    expect(family.slice(0, 10)).to.deep.equal(sorted.slice(0, 10));
    $<HTMLSelectElement>(el, '[part="sort"]')!.value = 'recent';
    $(el, '[part="sort"]')!.dispatchEvent(new Event('change'));
    await settled(el);
    const recent = await api().GET('/v1/professionals', { params: { query: { sort: 'recent', limit: 24 } } });
    expect(el.search.items.map((p) => p.id)).to.deep.equal(recent.data!.items.map((p) => p.id));
  });

  it('paints the first twelve cards of its first answer first, without Intl, the rest and the counts by updateComplete', async () => {
    // the first frame after an answer (rendered in the microtask after its event): how many cards are in it
    const cardsInFrame = (target: EventTarget) =>
      new Promise<number>((resolve) =>
        target.addEventListener(
          'mahjar-search',
          (event) => requestAnimationFrame(() => resolve($$(event.target as D, '[part="item"]').length)),
          { once: true },
        ),
      );
    // Which `Intl` formatters the element builds, and what the first frame shows: the first formatter of
    // a page loads ICU's locale data, so the first cards are painted without any.
    const built: string[] = [];
    const originals = { NumberFormat: Intl.NumberFormat, ListFormat: Intl.ListFormat, DisplayNames: Intl.DisplayNames };
    for (const [name, original] of Object.entries(originals))
      Object.assign(Intl, {
        [name]: new Proxy(original, {
          construct: (target, args) => {
            built.push(name);
            return Reflect.construct(target, args);
          },
        }),
      });
    let firstFrame: { built: string[]; count: string; more: boolean } | undefined;
    document.addEventListener(
      'mahjar-search',
      (event) =>
        requestAnimationFrame(() => {
          const d = event.target as D;
          firstFrame = { built: [...built], count: count(d), more: !!$(d, '[part="more"]') };
        }),
      { once: true },
    );
    const first = cardsInFrame(document);
    let el: D;
    try {
      el = await mount();
    } finally {
      Object.assign(Intl, originals);
    }
    expect(await first).to.equal(12);
    expect(firstFrame).to.deep.equal({ built: [], count: '', more: false });
    expect($$(el, '[part="item"]')).to.have.length(24);
    expect($(el, '.root')!.getAttribute('aria-busy')).to.equal('false');
    expect(count(el)).to.equal(`${el.search.total} specialists found`);
    expect($(el, '[part="more"]')).to.exist;
    expect(built).to.include('NumberFormat').and.not.to.include('ListFormat');
    // later answers arrive whole, and "load more" adds every card of the next page
    const next = cardsInFrame(el);
    const select = $<HTMLSelectElement>(el, '[part="sort"]')!;
    select.value = 'recent';
    select.dispatchEvent(new Event('change'));
    expect(await next).to.equal(24);
    await settled(el);
    $(el, '[part="more"]')!.click();
    await settled(el);
    expect($$(el, '[part="item"]')).to.have.length(Math.min(48, el.search.total));
  });

  it('resolves updateComplete, awaited right after connecting, with the first results on screen', async () => {
    // `fixture` awaits the element's updateComplete and nothing else
    const el = await fixture<D>(
      html`<mahjar-specialist-directory api-base=${demo.url} publishable-key=${demo.publishableKey}></mahjar-specialist-directory>`,
    );
    expect(el.search.status).to.equal('ready');
    expect($$(el, '[part="item"]')).to.have.length(24);
    expect(count(el)).to.equal(`${el.search.total} specialists found`);
    expect($$(el, '[part="facet"]').length).to.be.greaterThan(0);
    expect($(el, '.root')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('sends nothing more once removed, before its first answer or before the catch-up after it', async () => {
    const sent: string[] = [];
    const client = createMahjarClient({
      baseUrl: demo.url,
      publishableKey: demo.publishableKey,
      retry: false,
      fetch: (input, init) => {
        sent.push(new Request(input, init).url);
        return fetch(input, init);
      },
    });
    const provider = await fixture(html`<mahjar-provider .client=${client}></mahjar-provider>`);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 300)); // past the skeleton's delay and the catch-up
    // removed well within the skeleton's delay (100 ms), its first answer not rendered
    const early = provider.appendChild(document.createElement('mahjar-specialist-directory'));
    await until(() => sent.length === 1);
    early.remove();
    await pause();
    expect(sent).to.have.length(1);
    expect(early.search.busy).to.equal(false);
    // removed in the frame that paints its first cards, before the steps that follow that paint
    const late = provider.appendChild(document.createElement('mahjar-specialist-directory'));
    await until(() => $(late, '[part="item"]'));
    late.remove();
    await pause();
    expect(sent).to.have.length(2);
  });

  it('sends its first request before it reads the member session from storage', async () => {
    // A fresh page's first `localStorage` read can block for several ms: the server works meanwhile.
    const order: string[] = [];
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key: string) {
      if (key.startsWith('mahjar-member:')) order.push('session read');
      return getItem.call(this, key);
    };
    try {
      await mount({}, (input, init) => {
        if (new Request(input, init).url.includes('/v1/professionals')) order.push('search sent');
        return fetch(input, init);
      });
    } finally {
      Storage.prototype.getItem = getItem;
    }
    expect(order.slice(0, 2)).to.deep.equal(['search sent', 'session read']);
  });

  it('loads more with the cursor and moves focus to the first new result', async () => {
    const el = await mount();
    const first = el.search.items.map((p) => p.id);
    $(el, '[part="more"]')!.click();
    await settled(el);
    expect(el.search.items.length).to.equal(Math.min(48, el.search.total));
    expect(el.search.items.slice(0, 24).map((p) => p.id)).to.deep.equal(first);
    expect(new Set(el.search.items.map((p) => p.id)).size).to.equal(el.search.items.length);
    expect(el.shadowRoot!.activeElement).to.equal($$(el, '[part="name"]')[24]);
  });

  it('offers a compact list layout', async () => {
    const el = await mount({ layout: 'list' });
    expect(getComputedStyle($(el, '[part="list"]')!).gridTemplateColumns.split(' ')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('renders each result with the shared card renderer, the name opening the profile', async () => {
    const el = await mount();
    const i = el.search.items.findIndex((p) => p.offers?.length && p.specialties?.length && p.country);
    const p = el.search.items[i]!;
    const item = $$(el, '[part="item"]')[i]!;
    expect(item.matches('ul.list[part="list"][role="list"] > li.item')).to.equal(true);
    expect(item.querySelector('h2 > button.name[part="name"][aria-haspopup="dialog"] > span.clamp bdi')).to.exist;
    expect(text(item.querySelector('p.muted.clamp > bdi'))).to.contain(el.label('country', p.country!));
    // countries and languages are named by the answer's labels (CLDR's names, from the server)
    expect(el.label('country', 'US')).to.equal('United States');
    expect(el.label('language', 'ar')).to.equal('Arabic');
    expect(text(item.querySelector('p.clamp:not(.muted)'))).to.equal(
      p.specialties!.map((c) => el.label('specialty', c)).join(' · '),
    );
    const withLanguages = el.search.items.findIndex((x) => (x.languages?.length ?? 0) > 1);
    const languages = new Intl.DisplayNames('en', { type: 'language' });
    expect(text($$(el, '[part="item"]')[withLanguages]!.querySelector('p.muted:not(.clamp)'))).to.equal(
      el.search.items[withLanguages]!.languages!.map((l) => languages.of(l)).join(' · '),
    );
    const tags = item.querySelector('ul.tags')!;
    expect(tags.getAttribute('aria-label')).to.equal('Offers');
    expect([...tags.children].map(text)).to.deep.equal(p.offers!.map((o) => el.label('offer', o.kind)));
    (item.querySelector('[part="name"]') as HTMLElement).click();
    await until(() => el.profile.id === p.id);
  });
});

describe('mahjar-specialist-directory: faults', () => {
  it('keeps the results and offers a retry when an update fails', async () => {
    let fail = false;
    const errors: unknown[] = [];
    const el = await mount({}, (input, init) =>
      fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    );
    el.addEventListener('mahjar-error', (e) => errors.push(e.detail.problem));
    const before = names(el);
    fail = true;
    await type(el, 'cardio');
    expect(names(el)).to.deep.equal(before);
    expect(text($(el, '.banner'))).to.contain("We couldn't reach the server");
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '.banner [part="retry"]')!.click();
    await settled(el);
    expect($(el, '.banner')).to.be.null;
    expect(el.search.total).to.equal(await total({ q: 'cardio' }));
  });

  it('shows a translated error with a retry when nothing could load', async () => {
    let fail = true;
    const el = await mount({}, (input, init) =>
      fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    );
    expect(text($(el, '[part="error"]'))).to.contain("We couldn't reach the server");
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part="retry"]')!.click();
    await settled(el);
    expect($$(el, '[part="item"]').length).to.equal(24);
  });

  it('says when nothing matches, with a way back', async () => {
    const el = await mount();
    await type(el, 'zzqxv');
    expect(count(el)).to.equal('No specialists found');
    expect(text($(el, '.state'))).to.contain('No specialists match');
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-specialist-directory: URL state', () => {
  const base = location.pathname;
  afterEach(() => history.replaceState(null, '', base));

  it('restores a linked search and profile, and follows the back button', async () => {
    const { data } = await api().GET('/v1/professionals', { params: { query: { q: 'Haddad', limit: 1 } } });
    const id = data!.items[0]!.id;
    history.replaceState(null, '', `${base}?keep=1&mahjar-q=Haddad&mahjar-profile=${id}`);
    const el = await mount({ 'url-state': '' });
    expect($<HTMLInputElement>(el, '[part="search"]')!.value).to.equal('Haddad');
    expect(el.search.total).to.equal(data!.total);
    await until(() => el.profile.value);
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.be.true;
    await expect(el).to.be.accessible();
    $<HTMLDialogElement>(el, 'dialog')!.close();
    await until(() => !location.search.includes('profile'));
    expect(location.search).to.equal('?keep=1&mahjar-q=Haddad');
    // A facet is a history entry; back undoes it.
    const value = el.search.facets!.country[0]!.value;
    checkbox(el, 'country', value).click();
    await settled(el);
    expect(new URLSearchParams(location.search).getAll('mahjar-country')).to.deep.equal([value]);
    history.back();
    await until(() => !new URLSearchParams(location.search).has('mahjar-country'));
    await until(() => !el.search.query.filters.country.length);
    await settled(el);
    expect(el.search.total).to.equal(data!.total);
    expect(new URLSearchParams(location.search).get('keep')).to.equal('1');
  });

  it('leaves the URL alone without url-state', async () => {
    const el = await mount();
    await type(el, 'card');
    expect(location.search).to.equal('');
  });
});

describe('mahjar-specialist-directory: keyboard and languages', () => {
  it('can be used with the keyboard alone: search, filter, open a profile, close it', async () => {
    const el = await mount();
    focusNothing();
    await tabTo(el, 'the search box', (f) => f.getAttribute('part') === 'search');
    await sendKeys({ type: 'Haddad' });
    await until(() => el.search.query.q === 'Haddad' && !el.search.busy);
    await settled(el);
    await sendKeys({ press: 'Tab' }); // sort
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="sort"]'));
    await sendKeys({ press: 'Tab' }); // clear all
    await sendKeys({ press: 'Tab' }); // first facet's summary
    expect(el.shadowRoot!.activeElement!.localName).to.equal('summary');
    await sendKeys({ press: 'Tab' }); // its first checkbox
    await sendKeys({ press: 'Space' });
    await until(() => el.search.query.filters.specialty.length === 1);
    await settled(el);
    const first = $(el, '[part="name"]')!;
    // On through the other filters to the first result, with Tab alone.
    await tabTo(el, 'the first result', (f) => f === first, 120);
    await sendKeys({ press: 'Enter' });
    await until(() => el.profile.value);
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.matches(':modal')).to.be.true;
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.be.false;
    expect(el.shadowRoot!.activeElement).to.equal(first);
  });

  it('renders Arabic right to left, accessibly, with Arabic names first', async () => {
    const el = await mount({ locale: 'ar' });
    const root = $(el, '.root')!;
    expect(getComputedStyle(root).direction).to.equal('rtl');
    expect(count(el)).to.match(/اختصاصي/);
    expect(text($(el, 'summary'))).to.equal('الاختصاص');
    await type(el, 'حداد');
    expect(names(el)[0]).to.match(/^(د\.|أ\.د\.|السيد|السيدة)?\s*\S*\s*حداد/);
    await expect(el).to.be.accessible();
    $(el, '[part="name"]')!.click();
    await until(() => el.profile.value);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('renders French and the dark theme accessibly', async () => {
    const el = await mount({ locale: 'fr', theme: 'dark' });
    expect(count(el)).to.match(/spécialistes trouvés/);
    expect(getComputedStyle($(el, '.root')!).colorScheme).to.equal('dark');
    await expect(el).to.be.accessible();
  });
});

// Runs against the real demo server (started by web-test-runner.config.mjs, seeded with the
// synthetic campaigns): beirut-er-2026 (hosted, USD, presets $25/$50/$100/$250, monthly),
// lrc-ambulances (link-out), insulin-access-2026 (closed).

import { createMahjarClient, type MahjarClient } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ariaSnapshot, type DemoServer, demoServer, until } from '../../test/demo.js';
import '../mahjar-donate-button.js';
import '../mahjar-provider.js';
import type { DonationRedirectDetail, DonationStartDetail, MahjarDonateButton } from './donate-button.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000); // the first test file to ask starts (and seeds) the server
  demo = await demoServer();
});

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: Element) => $(el, '.root')!.textContent!.replace(/\s+/g, ' ').trim();
const settled = (el: MahjarDonateButton) => until(() => $(el, '.root[aria-busy="false"]'));
const dialog = (el: Element) => $<HTMLDialogElement>(el, 'dialog')!;
const field = (el: Element, name: string) => $<HTMLInputElement>(el, `input[name="${name}"]`)!;

/** Listens for redirects and stops them, so the test page stays where it is. */
function captureRedirects(el: HTMLElement): DonationRedirectDetail[] {
  const seen: DonationRedirectDetail[] = [];
  el.addEventListener('mahjar-donation-redirect', (e) => {
    e.preventDefault();
    seen.push(e.detail);
  });
  return seen;
}

async function mount(campaign: string, locale = 'en'): Promise<MahjarDonateButton> {
  const el = await fixture<MahjarDonateButton>(html`<mahjar-donate-button
    api-base=${demo.url}
    publishable-key=${demo.publishableKey}
    campaign=${campaign}
    locale=${locale}
    ><a href="https://ilma.example.org/donate">Donate on our website</a></mahjar-donate-button
  >`);
  await settled(el);
  return el;
}

/** Mounts inside a provider whose client uses `fetch` (which still talks to the real server). */
async function mountWith(fetcher: typeof fetch, campaign = 'beirut-er-2026'): Promise<MahjarDonateButton> {
  const client: MahjarClient = createMahjarClient({
    baseUrl: demo.url,
    publishableKey: demo.publishableKey,
    fetch: fetcher,
    retry: { baseDelayMs: 5 },
  });
  const wrap = await fixture<HTMLElement>(html`<mahjar-provider .client=${client}>
    <mahjar-donate-button campaign=${campaign}><a href="https://ilma.example.org/donate">Donate on our website</a></mahjar-donate-button>
  </mahjar-provider>`);
  const el = wrap.querySelector('mahjar-donate-button')!;
  await el.updateComplete;
  return el;
}

async function fillAndOpen(el: MahjarDonateButton) {
  $(el, '[part="button"]')!.click();
  await el.updateComplete;
  field(el, 'name').value = 'Rania Haddad';
  field(el, 'email').value = 'rania@example.org';
}

describe('mahjar-donate-button: states', () => {
  it('shows a skeleton while loading', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const el = await mountWith(async (input, init) => {
      await gate;
      return fetch(input, init);
    });
    expect($(el, '.root')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.sk')).to.exist;
    expect(text(el)).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await settled(el);
  });

  it('shows the campaign, its progress and the donate button when ready', async () => {
    const el = await mount('beirut-er-2026');
    expect($(el, '[part="title"]')!.textContent).to.equal('Beirut emergency rooms 2026');
    const progress = $<HTMLProgressElement>(el, 'progress')!;
    expect(progress.max).to.equal(25_000_000);
    expect(progress.value).to.be.greaterThan(0);
    expect(progress.getAttribute('aria-valuetext')).to.match(/^\d+% of the goal$/);
    expect(text(el)).to.match(/\$[\d,.]+ raised of \$250,000/);
    expect(text(el)).to.match(/\d+ donors/);
    expect($(el, 'button[part="button"]')!.textContent!.trim()).to.equal('Donate');
    await expect(el).to.be.accessible();
  });

  it('gives screen readers names for every control', async () => {
    const el = await mount('beirut-er-2026');
    el.id = 'sr';
    const closed = await ariaSnapshot('#sr');
    expect(closed).to.contain('heading "Beirut emergency rooms 2026"');
    expect(closed).to.match(/progressbar "Progress toward the goal"/);
    expect(closed).to.contain('button "Donate"');
    $(el, '[part="button"]')!.click();
    await el.updateComplete;
    const open = await ariaSnapshot('#sr');
    for (const name of [
      'dialog "Donate to Beirut emergency rooms 2026"',
      'button "Close"',
      'group "Amount (USD)"',
      'radio "$25"',
      'radio "$50" [checked]',
      'textbox "Other amount"',
      'group "How often"',
      'radio "Monthly"',
      'textbox "Your name"',
      'textbox "E-mail, for your receipt"',
      'checkbox "Don\'t show my name publicly"',
      'button "Donate $50"',
    ])
      expect(open, name).to.contain(name);
  });

  it('shows a translated error, a retry and the fallback link when the campaign does not exist', async () => {
    const errors: unknown[] = [];
    document.addEventListener('mahjar-error', (e) => errors.push(e.detail.problem), { once: true });
    const el = await mount('no-such-campaign');
    expect($(el, '[role="alert"]')!.textContent).to.equal("We couldn't find this.");
    expect($(el, '[part="retry"]')!.textContent!.trim()).to.equal('Try again');
    const link = $<HTMLSlotElement>(el, 'slot')!.assignedElements()[0] as HTMLAnchorElement;
    expect(link.href).to.equal('https://ilma.example.org/donate');
    expect(link.getClientRects().length).to.be.greaterThan(0);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ status: 404, type: 'https://mahjar.dev/problems/not-found' });
    await expect(el).to.be.accessible();
  });

  it('says so when offline, and recovers by itself when the connection is back', async () => {
    let offline = true;
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline });
    try {
      // The network layer is down (as the browser reports it); the server itself is real.
      const el = await mountWith((input, init) =>
        offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
      );
      await settled(el);
      expect(text(el)).to.contain("You're offline.");
      await expect(el).to.be.accessible();
      offline = false;
      window.dispatchEvent(new Event('online'));
      await until(() => $(el, '[part="title"]'));
      expect($(el, '[part="title"]')!.textContent).to.equal('Beirut emergency rooms 2026');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')).to.deep.equal(onLine);
    }
  });

  it('retries after a network error when asked', async () => {
    let fail = true;
    const el = await mountWith((input, init) =>
      fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    );
    await settled(el);
    expect($(el, '[role="alert"]')!.textContent).to.contain("couldn't reach the server");
    fail = false;
    $(el, '[part="retry"]')!.click();
    await until(() => $(el, '[part="title"]'));
  });

  it('shows a closed campaign without a donate button', async () => {
    const el = await mount('insulin-access-2026');
    expect(text(el)).to.contain('This campaign has closed.');
    expect($(el, '[part="button"]')).to.be.null;
    expect($(el, 'progress')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('links straight out for a link-out campaign, unless the host stops it', async () => {
    const el = await mount('lrc-ambulances');
    const link = $<HTMLAnchorElement>(el, 'a[part="button"]')!;
    expect(link.href).to.match(/^https:\/\//);
    const redirects = captureRedirects(el);
    link.click();
    expect(redirects).to.deep.equal([{ campaign: 'lrc-ambulances', url: link.href }]);
    await expect(el).to.be.accessible();
  });

  it('renders Arabic right to left', async () => {
    const el = await mount('beirut-er-2026', 'ar');
    const root = $(el, '.root')!;
    expect(root.dir).to.equal('rtl');
    expect(getComputedStyle(root).direction).to.equal('rtl');
    expect($(el, '[part="title"]')!.textContent).to.equal('غرف الطوارئ في بيروت 2026');
    expect($(el, '[part="button"]')!.textContent!.trim()).to.equal('تبرّع');
    expect(text(el)).to.contain('من أصل');
    await expect(el).to.be.accessible();
    $(el, '[part="button"]')!.click();
    await el.updateComplete;
    expect($(el, '#dt')!.textContent).to.equal('تبرّع لـغرف الطوارئ في بيروت 2026');
    await expect(el).to.be.accessible();
  });

  it('renders the dark theme accessibly', async () => {
    const el = await mount('beirut-er-2026');
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle($(el, '.root')!).colorScheme).to.equal('dark');
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-donate-button: the dialog', () => {
  it('is a modal that Escape closes, returning focus to the button', async () => {
    const el = await mount('beirut-er-2026');
    const open = $(el, '[part="button"]')!;
    open.focus();
    await sendKeys({ press: 'Enter' });
    expect(dialog(el).open).to.be.true;
    expect(dialog(el).matches(':modal')).to.be.true;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(dialog(el).open).to.be.false;
    expect(el.shadowRoot!.activeElement).to.equal(open);
  });

  it('can be used with the keyboard alone, from opening to checkout', async () => {
    const el = await mount('beirut-er-2026');
    const redirects = captureRedirects(el);
    const starts: DonationStartDetail[] = [];
    el.addEventListener('mahjar-donation-start', (e) => starts.push(e.detail));
    $(el, '[part="button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    // Focus starts on the chosen amount; arrows move through the amounts.
    expect(el.shadowRoot!.activeElement?.closest('label')?.textContent).to.equal('$50');
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement?.closest('label')?.textContent).to.equal('$100');
    await sendKeys({ press: 'Tab' }); // other amount
    await sendKeys({ press: 'Tab' }); // how often: once
    await sendKeys({ press: 'ArrowRight' }); // monthly
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Rania Haddad' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'rania@example.org' });
    expect($(el, '[part="submit"]')!.textContent!.trim()).to.equal('Donate $100 a month');
    await sendKeys({ press: 'Enter' });
    await until(() => redirects.length);
    expect(starts).to.deep.equal([
      { campaign: 'beirut-er-2026', amount: 10000, currency: 'USD', frequency: 'monthly' },
    ]);
    expect(redirects[0]!.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/v1\/payments\/sandbox\/checkout\//);
    expect(redirects[0]!.donationId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('explains invalid input inline and focuses it', async () => {
    const el = await mount('beirut-er-2026');
    $(el, '[part="button"]')!.click();
    await el.updateComplete;
    field(el, 'custom').value = '0.50';
    field(el, 'custom').dispatchEvent(new InputEvent('input'));
    field(el, 'email').value = 'not-an-address';
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '#amount-err'));
    expect($(el, '#amount-err')!.textContent).to.equal('Enter at least $1.');
    expect($(el, '#name-err')!.textContent).to.equal('Enter your name, or choose not to show it publicly.');
    expect($(el, '#email-err')!.textContent).to.equal('Enter an e-mail address like name@example.org.');
    expect(field(el, 'custom').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'custom'));
    await expect(el).to.be.accessible();
  });

  it("shows the server's validation errors at the fields", async () => {
    const el = await mount('beirut-er-2026');
    const errors: unknown[] = [];
    el.addEventListener('mahjar-error', (e) => errors.push(e.detail.problem));
    await fillAndOpen(el);
    field(el, 'email').value = 'rania@example..org'; // passes the element's check, not the contract's
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '[part="error"]'));
    expect($(el, '[part="error"]')!.textContent).to.equal('Some details need fixing.');
    expect($(el, '#email-err')!.textContent).to.equal('Enter an e-mail address like name@example.org.');
    expect(errors[0]).to.include({ status: 400, type: 'https://mahjar.dev/problems/validation' });
    await expect(el).to.be.accessible();
  });

  it('keeps to max-amount', async () => {
    const el = await mount('beirut-er-2026');
    el.maxAmount = 100_000;
    $(el, '[part="button"]')!.click();
    await el.updateComplete;
    field(el, 'custom').value = '5000';
    field(el, 'custom').dispatchEvent(new InputEvent('input'));
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '#amount-err'));
    expect($(el, '#amount-err')!.textContent).to.equal('Enter at most $1,000.');
  });

  it('reads amounts typed the Arabic way', async () => {
    const el = await mount('beirut-er-2026', 'ar');
    $(el, '[part="button"]')!.click();
    await el.updateComplete;
    field(el, 'custom').value = '٧٥';
    field(el, 'custom').dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect($(el, '[part="submit"]')!.textContent!.trim()).to.match(/^تبرّع بـ.*(75|٧٥)/);
  });
});

describe('mahjar-donate-button: never two donations', () => {
  it('sends one request however fast the donor clicks', async () => {
    const posts: Request[] = [];
    const el = await mountWith((input, init) => {
      const r = new Request(input, init);
      if (r.method === 'POST') posts.push(r.clone());
      return fetch(r);
    });
    await settled(el);
    const redirects = captureRedirects(el);
    await fillAndOpen(el);
    const submit = $<HTMLButtonElement>(el, '[part="submit"]')!;
    submit.click();
    submit.click();
    await el.updateComplete;
    expect(submit.disabled).to.be.true;
    expect(submit.textContent!.trim()).to.equal('Sending…');
    submit.click();
    await until(() => redirects.length);
    expect(posts).to.have.length(1);
    expect(redirects).to.have.length(1);
  });

  it('retries with the same Idempotency-Key, so the server returns the same donation', async () => {
    const keys: string[] = [];
    const ids: string[] = [];
    let failures = 100;
    // Every POST reaches the real server; the first ones "lose" their response on the way back.
    const el = await mountWith(async (input, init) => {
      const r = new Request(input, init);
      const res = await fetch(r);
      if (r.method !== 'POST') return res;
      keys.push(r.headers.get('Idempotency-Key')!);
      ids.push((await res.clone().json()).id);
      if (failures-- > 0) throw new TypeError('Failed to fetch');
      return res;
    });
    await settled(el);
    const redirects = captureRedirects(el);
    await fillAndOpen(el);
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '[part="error"]'));
    expect($(el, '[part="error"]')!.textContent).to.contain("couldn't reach the server");
    expect(keys.length).to.be.greaterThan(1); // the SDK retried by itself first
    await expect(el).to.be.accessible();
    failures = 0;
    $(el, '[part="submit"]')!.click();
    await until(() => redirects.length);
    expect(new Set(keys).size).to.equal(1);
    expect(new Set(ids).size).to.equal(1);
    expect(redirects[0]!.donationId).to.equal(ids[0]);
  });

  it('uses a new key once the donor changes the donation', async () => {
    const keys: string[] = [];
    let fail = true;
    const el = await mountWith(async (input, init) => {
      const r = new Request(input, init);
      if (r.method === 'POST') {
        keys.push(r.headers.get('Idempotency-Key')!);
        if (fail) throw new TypeError('Failed to fetch');
      }
      return fetch(r);
    });
    await settled(el);
    const redirects = captureRedirects(el);
    await fillAndOpen(el);
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '[part="error"]'));
    const first = keys[0]!;
    expect(new Set(keys)).to.deep.equal(new Set([first])); // the SDK's own retries kept the key
    ($(el, 'input[name="amount"]') as HTMLInputElement).click(); // $25 instead of $50
    await el.updateComplete;
    fail = false;
    $(el, '[part="submit"]')!.click();
    await until(() => redirects.length);
    expect(keys.at(-1)).to.not.equal(first);
    // The donation the server stored is the changed one: $25, not the $50 that never arrived.
    const client = createMahjarClient({ baseUrl: demo.url, publishableKey: demo.publishableKey });
    const { data: donation } = await client.GET('/v1/donations/{id}', {
      params: { path: { id: redirects[0]!.donationId! } },
    });
    expect(donation).to.include({ amount: 2500, currency: 'USD', frequency: 'one_off', status: 'pending' });
    expect(donation!.id).to.equal(redirects[0]!.donationId);
  });
});

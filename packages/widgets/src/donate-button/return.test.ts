// A donor back from hosted checkout (issue 10): thanked, told when the payment is still being
// processed, and shown the campaign's new total, not the browser's cached one. Against the real demo
// server and its sandbox provider, whose webhook counts the gift.
import type { Campaign, Donation } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { type DemoServer, demoServer, until } from '../../test/demo.js';
import '../mahjar-donate-button.js';
import { formatMoney } from '../shared/localize.js';
import type { MahjarDonateButton } from './donate-button.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});
const page = location.href;
afterEach(() => history.replaceState(null, '', page));

const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s);
const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
const settled = (el: MahjarDonateButton) => until(() => $(el, '.root[aria-busy="false"]'), 8000);

async function mount(campaign: string, locale = 'en'): Promise<MahjarDonateButton> {
  const el = await fixture<MahjarDonateButton>(html`<mahjar-donate-button api-base=${demo.url}
    publishable-key=${demo.publishableKey} campaign=${campaign} locale=${locale}></mahjar-donate-button>`);
  await settled(el);
  return el;
}

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const r = await fetch(`${demo.url}${path}`, {
    cache: 'no-store',
    ...init,
    headers: { 'Mahjar-Publishable-Key': demo.publishableKey, ...init.headers },
  });
  return r.json() as Promise<T>;
};

/** A donation as the dialog makes it, back to this page; still pending (checkout not completed). */
const donate = (amount: number, frequency: 'one_off' | 'monthly') =>
  api<Donation>('/v1/campaigns/beirut-er-2026/donations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      amount,
      currency: 'USD',
      frequency,
      anonymous: false,
      donorName: 'Rania Haddad',
      donorEmail: 'rania@example.org',
      returnUrl: page,
    }),
  });

/** Pays (or fails) on the sandbox checkout page, as the donor does: its webhook settles the donation. */
const checkout = (d: Donation, outcome: 'succeeded' | 'failed') =>
  fetch(`${d.checkoutUrl}/complete`, { method: 'POST', body: new URLSearchParams({ outcome }), redirect: 'manual' });

/** The address checkout sends the donor back to. */
const back = (d: Donation, outcome: string) =>
  history.replaceState(null, '', `?mahjar-donation=${d.id}&mahjar-donation-status=${outcome}&utm_source=x`);

describe('mahjar-donate-button: back from checkout', () => {
  it('thanks the donor, says while the payment is processing, then shows the new total', async function () {
    this.timeout(60_000);
    // A visit before the gift: the browser now holds the campaign in its HTTP cache (max-age).
    const before = await mount('beirut-er-2026');
    const was = text($(before, '.stats'));
    const gift = await donate(5000, 'monthly');
    back(gift, 'succeeded');
    // Back before the provider's webhook: the gift is still pending.
    const el = await mount('beirut-er-2026');
    const other = await mount('mental-health-lines');
    await until(() => $(el, '[part="thanks"]'), 8000);
    expect(text($(el, '[part="thanks"]'))).to.contain('Thank you for your monthly gift of $50.');
    expect(text($(el, '[part="thanks"]'))).to.contain('still being processed');
    expect($(el, '[part="thanks"]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    // The parameters leave the address bar (the host's own stay).
    expect(location.search).to.equal('?utm_source=x');

    await checkout(gift, 'succeeded');
    await until(() => text($(el, '[part="thanks"]')).includes('receipt'), 30_000);
    const fresh = await api<Campaign>('/v1/campaigns/beirut-er-2026');
    await until(() => text($(el, '.stats')) !== was, 8000);
    expect(text($(el, '.stats'))).to.contain(formatMoney(fresh.raisedAmount, 'USD', 'en'));
    expect(text($(el, '.stats'))).to.contain(`${fresh.donorCount}`);
    await expect(el).to.be.accessible();
    // Only the donation's own campaign answers.
    expect($(other, '[part="thanks"]')).to.equal(null);
  });

  it('thanks in Arabic, with the amount named in Arabic', async function () {
    this.timeout(60_000);
    const gift = await donate(2500, 'one_off');
    await checkout(gift, 'succeeded');
    back(gift, 'succeeded');
    const el = await mount('beirut-er-2026', 'ar');
    await until(() => $(el, '[part="thanks"]'), 8000);
    const thanks = text($(el, '[part="thanks"]'));
    expect(thanks).to.contain('شكرًا لتبرعك').and.contain('دولار أمريكي').and.contain('إيصالك');
    expect(text($(el, '.root'))).not.to.match(/US\$|\$US/);
    await expect(el).to.be.accessible();
  });

  it('says so when the payment did not go through', async function () {
    this.timeout(60_000);
    const gift = await donate(2500, 'one_off');
    await checkout(gift, 'failed');
    back(gift, 'failed');
    const el = await mount('beirut-er-2026');
    await until(() => $(el, '[part="thanks"]'), 8000);
    expect(text($(el, '[part="thanks"]'))).to.contain("wasn't completed");
    await expect(el).to.be.accessible();
  });
});

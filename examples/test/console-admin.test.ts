/**
 * The console's writing screens, in real Chromium against a real API, on a browser whose own clock
 * is in Tokyo (so nothing passes by reading times in the browser's zone): an owner edits an event's
 * times on the event's own clocks (Chicago, on the night its clocks go back) and only the changed
 * fields are sent; creates a campaign after the contract's refusals are shown at their fields, its
 * amounts typed in dollars and stored in cents, and edits its goal; a treasurer reads a campaign's
 * donations, sends a receipt again and downloads them as CSV. Screens are photographed in English and Arabic
 * (CONSOLE_SCREENSHOTS, default the system's temporary directory).
 */

import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoOwnerEmail, type StartedServer } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';
import {
  consoleStatus,
  photograph as photographBoth,
  signInToConsole,
  startConsoleDemo,
  withSecretKey,
} from './console-helpers.js';

const SECRET = 'sk_demo_ilma-usa';
const OWNER = demoOwnerEmail('ilma-usa');
const screenshots = process.env.CONSOLE_SCREENSHOTS || join(tmpdir(), 'mahjar-console-screens');

let api: StartedServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ api, site, siteUrl } = await startConsoleDemo(50, screenshots));
  browser = await launchChromium(chromium);
  page = await browser.newPage({ viewport: { width: 1100, height: 900 }, timezoneId: 'Asia/Tokyo' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

const status = () => consoleStatus(page);
const photograph = (name: string) => photographBoth(page, screenshots, name);
const asOwnerKey = <T>(method: string, path: string, body?: unknown) =>
  withSecretKey<T>(api, SECRET, method, path, body);
/** Signs `email` in to ilma-usa through the link the outbox holds, as a person would. */
const signIn = (email: string) => signInToConsole(page, api, { consoleUrl: siteUrl, email, organisation: 'ilma-usa' });

/** A locator's text with Intl's narrow and thin spaces (`1:30\u202fPM`, `12:00\u2009–\u20091:30`) read as spaces. */
const spaced = async (locator: ReturnType<Page['locator']>) => (await locator.textContent())?.replace(/\s/g, ' ');

/** The JSON bodies the console sends with `method` to paths matching `path`, from now on. */
function bodiesOf(method: string, path: RegExp) {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname))
      bodies.push(request.postDataJSON() as Record<string, unknown>);
  });
  return bodies;
}

describe('the console’s event and campaign forms, and the treasurer’s donations', () => {
  it('edits an event on its own clocks, creates and edits a campaign, and shows a treasurer the donations and resends a receipt', async () => {
    // An event in Chicago, moved to the night Chicago's clocks go back (1:30 happens twice: the first, CDT, is meant).
    const event = await asOwnerKey<{ id: string }>('POST', '/v1/admin/events', {
      kind: 'webinar',
      title: { en: 'Console zone webinar' },
      startsAt: '2027-10-14T17:00:00Z',
      endsAt: '2027-10-14T18:30:00Z',
      timeZone: 'America/Chicago',
      mode: 'online',
      joinUrl: 'https://meet.example.org/j/77',
      language: 'en',
    });
    await signIn(OWNER);
    const patches = bodiesOf('PATCH', /^\/v1\/admin\/events\//);
    await page.locator('nav a[href="#events"]').click();
    const card = page.locator(`li[data-event="${event.id}"]`);
    await card.waitFor();
    // shown on Chicago's clocks, the zone named, though the browser is in Tokyo
    await expect.poll(() => spaced(card.locator('time'))).toBe('Thu, Oct 14, 2027, 12:00 – 1:30 PM CDT');
    await expect(card.locator('.zone').textContent()).resolves.toBe('(America/Chicago)');
    await card.getByRole('button', { name: 'Edit' }).click();
    const form = page.locator('mahjar-console-events form');
    await expect.poll(() => form.getByLabel('Starts (on the event’s clocks)').inputValue()).toBe('2027-10-14T12:00');
    await expect(form.getByLabel('Event’s time zone').inputValue()).resolves.toBe('America/Chicago');
    // refused at its field: an end before the start
    await form.getByLabel('Starts (on the event’s clocks)').fill('2027-11-07T01:30');
    await form.getByLabel('Ends (on the event’s clocks)').fill('2027-11-07T01:00');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect
      .poll(() => form.locator('[data-field="endsAt"] .field-error').textContent())
      .toBe('must be after startsAt');
    await photograph('event-edit-refused');
    await form.getByLabel('Ends (on the event’s clocks)').fill('2027-11-07T03:00');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect
      .poll(() => status().textContent())
      .toBe('“Console zone webinar” is saved; registrants are told of a new time or place.');
    // only what changed is sent, as the contract's merge-patch wants
    expect(patches.at(-1)).toEqual({ startsAt: '2027-11-07T06:30:00Z', endsAt: '2027-11-07T09:00:00Z' });
    const stored = await api.ctx.db
      .selectFrom('events')
      .select(['starts_at', 'ends_at', 'time_zone'])
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(new Date(stored.starts_at).toISOString()).toBe('2027-11-07T06:30:00.000Z');
    expect(new Date(stored.ends_at).toISOString()).toBe('2027-11-07T09:00:00.000Z');
    expect(stored.time_zone).toBe('America/Chicago');
    await expect.poll(() => spaced(card.locator('time'))).toBe('Sun, Nov 7, 2027, 1:30 AM CDT – 3:00 AM CST');
    await photograph('events-edited');

    // Moved to Baghdad's clocks (no daylight saving): the same wall times, other instants.
    await card.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel('Event’s time zone').selectOption('Asia/Baghdad');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect.poll(() => card.locator('.zone').textContent()).toBe('(Asia/Baghdad)');
    expect(patches.at(-1)).toEqual({
      startsAt: '2027-11-06T22:30:00Z',
      endsAt: '2027-11-07T00:00:00Z',
      timeZone: 'Asia/Baghdad',
    });
    await expect(spaced(card.locator('time'))).resolves.toBe('Sun, Nov 7, 2027, 1:30 – 3:00 AM GMT+3');

    // A new campaign: refused at its fields (a partner's page missing, a last day before the first), then created.
    const slug = `console-made-${crypto.randomUUID().slice(0, 8)}`;
    const created = bodiesOf('POST', /^\/v1\/admin\/campaigns$/);
    await page.locator('nav a[href="#campaigns"]').click();
    await page.getByText('New campaign').click();
    const campaign = page.locator('mahjar-console-campaigns details form');
    await campaign.getByLabel(/^Short name/).fill(slug);
    await campaign.locator('[data-field="title-en"] input').fill('Console-made campaign');
    await campaign.locator('[data-field="title-ar"] input').fill('حملة من لوحة التحكم');
    await campaign.locator('[data-field="summary-en"] textarea').fill('Made in the console test.');
    await campaign.getByLabel('Goal').fill('2,500.50');
    await campaign.getByLabel('Currency').selectOption('USD');
    await campaign.getByLabel(/^Suggested amounts/).fill('25 50.5');
    // the priority areas by name, read with the console's session
    const area = campaign.getByLabel(/^Priority area/);
    await area.locator('option[value="mental-health"]').waitFor({ state: 'attached' });
    expect(await area.locator('option[value="mental-health"]').textContent()).toBe('Mental health');
    await area.selectOption('mental-health');
    await campaign.getByLabel('First day').fill('2027-01-10');
    await campaign.getByLabel(/^Last day/).fill('2027-01-01');
    await campaign.getByLabel('Donations').selectOption('link_out');
    await campaign.getByRole('button', { name: 'Create the campaign' }).click();
    await expect
      .poll(() => campaign.locator('[data-field="linkOutUrl"] .field-error').textContent())
      .toBe('is required when checkoutMode is link_out');
    await expect(campaign.locator('[data-field="endsOn"] .field-error').textContent()).resolves.toBe(
      'endsOn must not be before startsOn',
    );
    await expect(campaign.getByLabel(/^Partner’s donation page/).getAttribute('aria-invalid')).resolves.toBe('true');
    await photograph('campaign-new-refused');
    await campaign.getByLabel(/^Partner’s donation page/).fill('https://partner.example.org/give');
    await campaign.getByLabel(/^Last day/).fill('2027-06-30');
    await campaign.getByRole('button', { name: 'Create the campaign' }).click();
    await expect.poll(() => status().textContent()).toBe('“Console-made campaign” is created.');
    expect(created.at(-1)).toMatchObject({ goalAmount: 250050, presetAmounts: [2500, 5050], currency: 'USD' });
    const listed = page.locator(`li[data-campaign="${slug}"]`);
    await expect.poll(() => listed.locator('[data-title]').textContent()).toContain('Console-made campaign');
    await expect(listed.textContent()).resolves.toContain('$0 raised of $2,500.50');
    await expect(listed.textContent()).resolves.toContain('Jan 10, 2027 – Jun 30, 2027');
    const row = await api.ctx.db
      .selectFrom('campaigns')
      .select(['goal_amount', 'preset_amounts', 'status', 'checkout_mode'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', checkout_mode: 'link_out' });
    expect(Number(row.goal_amount)).toBe(250050);
    await photograph('campaigns-created');

    // Its goal raised: only the goal is sent, in cents.
    const edits = bodiesOf('PATCH', /^\/v1\/admin\/campaigns\//);
    await listed.getByRole('button', { name: 'Edit' }).click();
    const edit = page.locator('mahjar-console-campaigns form');
    await expect.poll(() => edit.getByLabel('Goal').inputValue()).toBe('2500.5');
    await edit.getByLabel('Goal').fill('3000');
    await photograph('campaign-edit');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await expect.poll(() => status().textContent()).toBe('“Console-made campaign” is saved.');
    expect(edits).toEqual([{ goalAmount: 300000 }]);
    await expect.poll(() => listed.textContent()).toContain('$0 raised of $3,000');

    // A treasurer: the sections a treasurer's role opens, a campaign's donations, and the CSV.
    const treasurer = 'hana.treasurer@example.org';
    await asOwnerKey('POST', '/v1/admin/users', { email: treasurer, role: 'treasurer', locale: 'en' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(treasurer);
    await expect.poll(() => page.locator('[data-testid="who"]').textContent()).toContain('Treasurer at ILMA-USA');
    expect(await page.locator('nav a').allTextContents()).toEqual(['Events', 'Campaigns', 'Members', 'Impact report']);
    const newest = await api.ctx.db
      .selectFrom('donations as d')
      .innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
      .select(['d.id', 'd.amount', 'd.currency', 'c.slug'])
      .where('c.organiser_slug', '=', 'ilma-usa')
      .where('d.status', '=', 'succeeded')
      .orderBy('d.created_at', 'desc')
      .executeTakeFirstOrThrow();
    await page.locator('nav a[href="#campaigns"]').click();
    const funded = page.locator(`li[data-campaign="${newest.slug}"]`);
    await funded.waitFor();
    // a treasurer neither edits nor closes campaigns (an editor's job)
    await expect(funded.getByRole('button', { name: /^Edit/ }).count()).resolves.toBe(0);
    await expect(funded.getByRole('button', { name: 'Close' }).count()).resolves.toBe(0);
    await funded.getByRole('button', { name: 'Donations' }).click();
    const donation = page.locator(`tr[data-donation="${newest.id}"]`);
    await donation.waitFor();
    const money = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: newest.currency,
      trailingZeroDisplay: 'stripIfInteger',
    });
    await expect(donation.locator('td.amount').textContent()).resolves.toBe(
      money.format(Number(newest.amount) / 10 ** money.resolvedOptions().maximumFractionDigits!),
    );
    await expect(donation.locator('.badge').textContent()).resolves.toBe('Succeeded');
    await photograph('donations');
    // a lost receipt, sent again with its number
    const receipt = await api.ctx.db
      .selectFrom('donations')
      .select(['receipt_number', 'donor_email'])
      .where('id', '=', newest.id)
      .executeTakeFirstOrThrow();
    const receipts = () =>
      api.ctx.db
        .selectFrom('outbox')
        .select('text')
        .where('to_address', '=', receipt.donor_email)
        .where('kind', '=', 'donation_receipt')
        .orderBy('created_at', 'desc')
        .execute();
    const before = (await receipts()).length;
    await donation.getByRole('button', { name: 'Send the receipt again' }).click();
    await expect
      .poll(() => status().textContent())
      .toBe(`Receipt ${receipt.receipt_number} is sent again to ${receipt.donor_email}.`);
    const after = await receipts();
    expect(after).toHaveLength(before + 1);
    expect(after[0]!.text).toContain(receipt.receipt_number!);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^donations-${newest.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = Buffer.concat((await (await download.createReadStream()).toArray()) as Buffer[]).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^id,campaignSlug,amount,currency,/);
    expect(csv).toContain(newest.id);
    await expect.poll(() => status().textContent()).toMatch(/^\d+ donations downloaded\.$/);
  });
});

/**
 * The console (packages/console), built and served by the examples server under /console/ as the demo
 * serves it, in real Chromium against a real API: an owner signs in through the link in the outbox,
 * approves a signup in the review queue and verifies one of a professional's credentials, checks a
 * registrant in by the code from their mail twice (the second scan says it was already used),
 * invites a user, and reads the impact report. Every screen is photographed in English and Arabic
 * (CONSOLE_SCREENSHOTS, default the system's temporary directory) for a person to look at.
 */

import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminProfessional, CredentialReview } from '@mahjar/sdk';
import { demoOwnerEmail, type StartedServer } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';
import {
  consoleStatus,
  newestMailTo as newestMailOf,
  photograph as photographBoth,
  startConsoleDemo,
  withSecretKey,
} from './console-helpers.js';

const SECRET = 'sk_demo_ilma-usa';
const OWNER = demoOwnerEmail('ilma-usa');
const CODE = /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/;
const screenshots = process.env.CONSOLE_SCREENSHOTS || join(tmpdir(), 'mahjar-console-screens');

let api: StartedServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The console's origin is a console origin of this server, as the demo's examples origin is.
  ({ api, site, siteUrl } = await startConsoleDemo(200, screenshots));
  const orgs = await api.ctx.db.selectFrom('organisations').select(['id', 'allowed_origins']).execute();
  for (const o of orgs)
    await api.ctx.db
      .updateTable('organisations')
      .set({ allowed_origins: [...o.allowed_origins, siteUrl] })
      .where('id', '=', o.id)
      .execute();
  browser = await launchChromium(chromium);
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

const newestMailTo = (to: string, kind: string) => newestMailOf(api, to, kind);
const asOwnerKey = <T>(method: string, path: string, body?: unknown) =>
  withSecretKey<T>(api, SECRET, method, path, body);

const status = () => consoleStatus(page);
const photograph = (name: string) => photographBoth(page, screenshots, name);

describe('the console, on the demo’s examples origin', () => {
  it('signs in through the outbox link, reviews, verifies a credential, checks in twice, invites, and reports', async () => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });

    // Sign in: the form, the link in the outbox, the exchange.
    await page.goto(`${siteUrl}/console/`);
    await page.getByLabel('E-mail address').fill(OWNER);
    await page.getByLabel(/^Organisation/).fill('ilma-usa');
    await photograph('sign-in');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect.poll(() => status().textContent()).toContain('a link is on its way');
    const mail = await newestMailTo(OWNER, 'admin_sign_in');
    const link = /https?:\/\/\S+#mahjar-sign-in=[\w-]+/.exec(mail.text)?.[0];
    expect(link, 'a sign-in link in the mail').toBeDefined();
    expect(link!.startsWith(`${siteUrl}/console/`)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.locator('[data-testid="who"]').textContent()).toContain(`${OWNER}, Owner at ILMA-USA`);
    expect(page.url()).not.toContain('mahjar-sign-in');
    expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('mahjar-console:')))).toBe(
      true,
    );

    // The review queue: approve the oldest signup.
    const queue = await asOwnerKey<{ items: AdminProfessional[] }>('GET', '/v1/admin/professionals/pending?limit=20');
    expect(queue.items.length).toBeGreaterThan(1);
    const [first] = queue.items;
    await page.locator('nav a[href="#review"]').click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent))
      .toBe('Review queue');
    const card = page.locator(`li[data-professional="${first!.id}"]`);
    await card.waitFor();
    await photograph('review');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => status().textContent()).toBe(`${first!.givenName} ${first!.familyName} is approved.`);
    await expect(card.count()).resolves.toBe(0);
    const approved = await api.ctx.db
      .selectFrom('professionals')
      .select('status')
      .where('id', '=', first!.id)
      .executeTakeFirstOrThrow();
    expect(approved.status).toBe('verified');

    // A credential of another waiting professional: verified with the evidence, until the end of next year.
    // (the seed's queue is short and its credentials mostly reviewed: one of the second signup's is
    // put back to "stated, not yet reviewed", as a signup's new credential is)
    const professional = queue.items[1]!;
    const { items: stated } = await asOwnerKey<{ items: CredentialReview[] }>(
      'GET',
      `/v1/admin/professionals/${professional.id}/credentials`,
    );
    expect(stated.length).toBeGreaterThan(0);
    await api.ctx.db
      .updateTable('professional_credentials')
      .set({ state: 'pending', evidence: null, expires_on: null, reviewed_at: null, reviewed_by_key_id: null })
      .where('id', '=', stated[0]!.id)
      .execute();
    const target = { professional, credential: stated[0]! };
    const owner = page.locator(`li[data-professional="${target!.professional.id}"]`);
    await owner.getByRole('button', { name: /^Credentials/ }).click();
    const credential = owner.locator(`li[data-credential="${target!.credential.id}"]`);
    await credential.waitFor();
    // the contract's message for a missing evidence, at its field
    await credential.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => credential.locator('.field-error').first().textContent()).not.toBe('');
    const expiresOn = `${new Date().getUTCFullYear() + 1}-12-31`;
    await credential.getByLabel('Evidence checked').fill('Register entry 4471 checked on the board’s website.');
    await credential.getByLabel('Valid until (optional)').fill(expiresOn);
    await credential.scrollIntoViewIfNeeded();
    await photograph('review-credentials');
    await credential.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => credential.locator('.badge').textContent()).toBe('Verified');
    const stored = await api.ctx.db
      .selectFrom('professional_credentials')
      .select(['state', 'evidence', 'reviewed_by_user_id'])
      .select((eb) => eb.cast<string>('expires_on', 'text').as('expires'))
      .where('id', '=', target!.credential.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'verified', expires: expiresOn });
    expect(stored.reviewed_by_user_id).not.toBeNull();

    // Events: a registrant of a new workshop checked in by the code in their mail, twice.
    const start = new Date(Date.now() + 3_600_000);
    start.setUTCSeconds(0, 0);
    const event = await asOwnerKey<{ id: string }>('POST', '/v1/admin/events', {
      kind: 'workshop',
      title: { en: 'Console check-in workshop', ar: 'ورشة تسجيل الحضور' },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      timeZone: 'Asia/Beirut',
      mode: 'in_person',
      location: { venue: 'Hôtel-Dieu de France', city: 'Beirut', country: 'LB' },
      language: 'ar',
    });
    const registrant = `door-${crypto.randomUUID().slice(0, 8)}@example.net`;
    const registered = await fetch(`${api.url}/v1/events/${event.id}/registrations`, {
      method: 'POST',
      headers: {
        'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        Origin: siteUrl,
      },
      body: JSON.stringify({ name: 'Maya Khoury', email: registrant, locale: 'ar' }),
    });
    expect(registered.status).toBe(201);
    const code = CODE.exec((await newestMailTo(registrant, 'registration_confirmed')).text)![0];
    await page.locator('nav a[href="#events"]').click();
    // A new event: refused at its fields first (no title, an end before the start), then created.
    await page.getByText('New event').click();
    const newEvent = page.locator('details form');
    await newEvent.getByLabel('Starts (on the event’s clocks)').fill('2027-03-10T18:00');
    await newEvent.getByLabel('Ends (on the event’s clocks)').fill('2027-03-10T17:00');
    await newEvent.getByLabel('Where').selectOption('online');
    await newEvent.getByLabel('Online link (https://…)').fill('https://meet.example.org/j/42');
    await newEvent.getByRole('button', { name: 'Create the event' }).click();
    await expect.poll(() => newEvent.locator('[data-field="title"] .field-error').textContent()).not.toBe('');
    await newEvent.getByLabel('Title').fill('Console-made webinar');
    await newEvent.getByRole('button', { name: 'Create the event' }).click();
    await expect
      .poll(() => newEvent.locator('[data-field="endsAt"] .field-error').textContent())
      .toBe('must be after startsAt');
    await expect.poll(() => newEvent.locator('[data-field="title"] .field-error').textContent()).toBe('');
    await photograph('events-new');
    await newEvent.getByLabel('Ends (on the event’s clocks)').fill('2027-03-10T19:30');
    await newEvent.getByRole('button', { name: 'Create the event' }).click();
    await expect.poll(() => status().textContent()).toBe('“Console-made webinar” is created.');
    await page.getByRole('link', { name: 'Console-made webinar' }).waitFor();
    const made = (
      await api.ctx.db.selectFrom('events').select(['title', 'organiser_slug', 'mode', 'join_url']).execute()
    ).filter((e) => (e.title as { en?: string }).en === 'Console-made webinar');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      organiser_slug: 'ilma-usa',
      mode: 'online',
      join_url: 'https://meet.example.org/j/42',
    });
    await page.getByRole('link', { name: 'Console check-in workshop' }).click();
    const input = page.getByLabel('Check-in code');
    await photograph('events-detail');
    await input.fill('ZZZZ-ZZZZ-ZZZZ');
    await input.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="check-in-result"]').textContent())
      .toContain('No registration of this event has this code.');
    await input.fill(code.toLowerCase().replaceAll('-', ' '));
    await input.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="check-in-result"]').textContent())
      .toContain('Maya Khoury is checked in. 1 attended so far.');
    await input.fill(code);
    await input.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="check-in-result"]').textContent())
      .toMatch(/Already used at .+ \(Maya Khoury\)\./);
    await photograph('events-check-in');
    await page.getByRole('link', { name: /All events/ }).click();
    await page.getByRole('link', { name: 'Console check-in workshop' }).waitFor();
    await photograph('events');

    // Cancelling an event asks first, then tells its registrants.
    const seminar = await asOwnerKey<{ id: string }>('POST', '/v1/admin/events', {
      kind: 'webinar',
      title: { en: 'Console seminar to cancel' },
      startsAt: new Date(start.getTime() + 86_400_000).toISOString(),
      endsAt: new Date(start.getTime() + 90_000_000).toISOString(),
      timeZone: 'Asia/Beirut',
      mode: 'online',
      joinUrl: 'https://meet.example.org/j/1',
      language: 'en',
    });
    await page.reload();
    await page.locator('nav a[href="#events"]').waitFor();
    await page.getByRole('link', { name: 'Console seminar to cancel' }).click();
    await page.getByText('Cancel this event').first().click();
    await page.getByLabel('Reason, mailed to the registrants (optional)').fill('The speaker is on a medical mission.');
    await page.locator('details form').getByRole('button', { name: 'Cancel this event' }).click();
    await page.locator('dialog.mahjar-console-confirm').getByRole('button', { name: 'Cancel this event' }).click();
    await expect.poll(() => status().textContent()).toBe('“Console seminar to cancel” is cancelled.');
    const cancelled = await api.ctx.db
      .selectFrom('events')
      .select(['status', 'cancellation_reason'])
      .where('id', '=', seminar.id)
      .executeTakeFirstOrThrow();
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(JSON.stringify(cancelled.cancellation_reason)).toContain('medical mission');

    // Campaigns: the organisation's own, drafts too; closing one asks first.
    const campaignSlug = `console-close-${crypto.randomUUID().slice(0, 8)}`;
    await asOwnerKey('POST', '/v1/admin/campaigns', {
      slug: campaignSlug,
      title: { en: 'Console campaign to close' },
      summary: { en: 'Made by the console test.' },
      goalAmount: 1_000_000,
      currency: 'USD',
      priorityArea: 'mental-health',
      startsOn: '2020-01-01',
      checkoutMode: 'link_out',
      linkOutUrl: 'https://partner.example.org/donate',
      status: 'active',
    });
    await page.locator('nav a[href="#campaigns"]').click();
    const campaignCard = page.locator(`li[data-campaign="${campaignSlug}"]`);
    await campaignCard.waitFor();
    await photograph('campaigns');
    await campaignCard.getByRole('button', { name: 'Close' }).click();
    await page.locator('dialog.mahjar-console-confirm').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => campaignCard.locator('.badge').textContent()).toBe('Closed');
    const closed = await api.ctx.db
      .selectFrom('campaigns')
      .select('status')
      .where('slug', '=', campaignSlug)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');

    // Users and roles: an invitation, refused first for an address that is no address.
    await page.locator('nav a[href="#users"]').click();
    const invite = page.locator('form[aria-labelledby="invite-heading"]');
    await invite.getByLabel('E-mail address').fill('not-an-address');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => invite.locator('#invite-email-error').textContent()).not.toBe('');
    await invite.getByLabel('E-mail address').fill('nadia.reviewer@example.org');
    await invite.getByLabel('Role').selectOption('reviewer');
    await invite.getByLabel('Their language').selectOption('ar');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await expect
      .poll(() => status().textContent())
      .toBe('nadia.reviewer@example.org is invited; the invitation is in their mailbox.');
    await page.locator('li[data-user="nadia.reviewer@example.org"]').waitFor();
    const invited = await api.ctx.db
      .selectFrom('admin_users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.role', 'u.locale'])
      .where('u.email', '=', 'nadia.reviewer@example.org')
      .where('o.slug', '=', 'ilma-usa')
      .executeTakeFirstOrThrow();
    expect(invited).toEqual({ role: 'reviewer', locale: 'ar' });
    await photograph('users');

    // Removing asks first, in a modal dialog: cancelled, nothing happens; confirmed, the user goes.
    const nadia = page.locator('li[data-user="nadia.reviewer@example.org"]');
    await nadia.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.locator('dialog.mahjar-console-confirm');
    await expect(
      dialog.getByText('Remove nadia.reviewer@example.org? Their sessions end at once.').isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: join(screenshots, 'users-remove-dialog-en.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect(nadia.count()).resolves.toBe(1);
    await nadia.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => nadia.count()).toBe(0);
    await expect.poll(() => status().textContent()).toBe('nadia.reviewer@example.org is removed.');
    const removed = await api.ctx.db
      .selectFrom('admin_users')
      .select('removed_at')
      .where('email', '=', 'nadia.reviewer@example.org')
      .executeTakeFirstOrThrow();
    expect(removed.removed_at).not.toBeNull();

    // The impact report: the widget, reading with the console's session.
    await page.locator('nav a[href="#report"]').click();
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (
                document
                  .querySelector('mahjar-console')
                  ?.shadowRoot?.querySelector('mahjar-console-report')
                  ?.shadowRoot?.querySelector('mahjar-impact-report') as {
                  report?: { organisationSlug: string };
                } | null
              )?.report?.organisationSlug,
          ),
        { timeout: 20_000 },
      )
      .toBe('ilma-usa');
    await page.locator('mahjar-impact-report [part="chart"]').first().waitFor();
    await photograph('report');

    // The audit log names this session's writes.
    await page.locator('nav a[href="#audit"]').click();
    await page.getByRole('cell', { name: 'inviteAdminUser' }).first().waitFor();
    await expect(page.getByRole('cell', { name: OWNER }).count()).resolves.toBeGreaterThanOrEqual(3);
    await photograph('audit');

    // Members: the export downloads as a CSV file.
    await page.locator('nav a[href="#members"]').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the members (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString('utf8');
    expect(text.split('\n')[0]).toContain('id');
    await expect.poll(() => status().textContent()).toMatch(/^\d+ members downloaded\.$/);
    await photograph('members');

    // Keys and websites: an origin that is no origin is refused at its line; a list is saved; a key is
    // created, shown once, and revoked after the confirmation.
    await page.locator('nav a[href="#settings"]').click();
    const origins = page.getByLabel(/^One web origin a line/);
    await expect.poll(() => origins.inputValue()).toContain('http');
    const kept = await origins.inputValue();
    await origins.fill(`${kept}\nftp://files.example.org`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#origins-error').textContent()).toContain('/origins/');
    await origins.fill(`${kept}\nhttps://www.ilma-usa.example.org/`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status().textContent()).toBe('The websites are saved.');
    const saved = await api.ctx.db
      .selectFrom('organisations')
      .select('allowed_origins')
      .where('slug', '=', 'ilma-usa')
      .executeTakeFirstOrThrow();
    expect(saved.allowed_origins).toContain('https://www.ilma-usa.example.org');
    expect(saved.allowed_origins).toContain(siteUrl);
    await page.getByLabel('Name', { exact: true }).fill('Quarterly report script');
    await page.getByLabel('Kind').selectOption('secret');
    await page.locator('form[aria-labelledby="keys-heading"]').getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create the key' }).click();
    const shown = await page.locator('[data-testid="new-key"]').textContent();
    expect(shown).toMatch(/^sk_/);
    const row = page.locator(`tr[data-key="${shown!.slice(0, 12)}"]`);
    await photograph('settings');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('dialog.mahjar-console-confirm').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toMatch(/^Revoked /);
    const revoked = await fetch(`${api.url}/v1/admin/organisation`, { headers: { 'Mahjar-Secret-Key': shown! } });
    expect(revoked.status).toBe(401);

    // Signing out ends the session on the server.
    const token = await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('mahjar-console:'))!;
      return (JSON.parse(sessionStorage.getItem(key)!) as { token: string }).token;
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const after = await fetch(`${api.url}/v1/admin/organisation`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);

    // A reviewer sees the sections their role opens, and no check-in at the door (an editor's job).
    const reviewer = 'samir.reviewer@example.org';
    await asOwnerKey('POST', '/v1/admin/users', { email: reviewer, role: 'reviewer', locale: 'fr' });
    await page.getByLabel('E-mail address').fill(reviewer);
    await page.getByLabel(/^Organisation/).fill('ilma-usa');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect.poll(() => status().textContent()).toContain('a link is on its way');
    await page.goto(
      /https?:\/\/\S+#mahjar-sign-in=[\w-]+/.exec((await newestMailTo(reviewer, 'admin_sign_in')).text)![0],
    );
    await expect
      .poll(() => page.locator('[data-testid="who"]').textContent())
      .toContain(`${reviewer}, Reviewer at ILMA-USA`);
    expect(await page.locator('nav a').allTextContents()).toEqual([
      'Review queue',
      'Events',
      'Campaigns',
      'Members',
      'Impact report',
    ]);
    await page.locator('nav a[href="#events"]').click();
    await page.getByRole('link', { name: 'Console check-in workshop' }).click();
    await page.getByRole('heading', { name: 'Console check-in workshop' }).waitFor();
    await expect(page.getByLabel('Check-in code').count()).resolves.toBe(0);
    await page.locator('nav a[href="#campaigns"]').click();
    await page.locator(`li[data-campaign="${campaignSlug}"]`).waitFor();
    await expect(page.getByRole('button', { name: 'Close' }).count()).resolves.toBe(0);
    expect(violations).toEqual([]);
  });
});

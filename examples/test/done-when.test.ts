/**
 * Issue 16's "Done when", as one scenario in real Chromium, on an empty database: the operator's
 * command (a real process) creates the umbrella ILMA and its owner; the server starts on that data
 * directory, unseeded; ILMA's owner signs in to the console through the link in the outbox and creates
 * the chapter ALMA with its website and owner; ALMA's owner signs in and invites a reviewer and an
 * editor; a visitor signs up as a professional with a credential on ALMA's website (a page of its own
 * origin, with the key shown once at ALMA's creation) and confirms the address; the reviewer verifies
 * the credential and approves the signup, and ALMA's directory shows the credential verified; the
 * editor creates an event, a visitor registers for it on ALMA's page, the editor checks them in by
 * the code in their mail, and ALMA's impact report counts them. People act through the browser only;
 * the test reads the outbox (the mailbox) and the database to check.
 */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StartedServer, startExamplesServer, startServer, testServerConfig } from '@mahjar/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';
import {
  consoleStatus,
  freePort,
  newestMailTo as newestMailOf,
  photograph as photographBoth,
  signInToConsole,
} from './console-helpers.js';

const serverDir = fileURLToPath(new URL('../../packages/server/', import.meta.url));
const widgetsDist = fileURLToPath(new URL('../../packages/widgets/dist/', import.meta.url));
const CODE = /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/;
/** Set to a directory to photograph the chapters screen in English and Arabic. */
const screenshots = process.env.DONE_WHEN_SCREENSHOTS;

const ILMA_OWNER = 'rima.owner@ilma.example.org';
const ALMA_OWNER = 'chair@alma.example.org';
const REVIEWER = 'nadia.reviewer@alma.example.org';
const EDITOR = 'karim.editor@alma.example.org';
const PROFESSIONAL = 'maya.khoury@example.net';
const ATTENDEE = 'samir.haddad@example.net';

let dataDir: string;
let api: StartedServer;
let consoleSite: Server;
let consoleUrl: string;
let almaSite: Server;
let almaUrl: string;
let almaKey = '';
let browser: Browser;
/** Added to the server's clock: the report counts events once they have started. */
let clockOffset = 0;

/** The operator's command line, as an operator runs it: its own process, on the data directory. */
function operator(args: string[]): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/admin-cli.ts', ...args, '--data-dir', dataDir], {
    cwd: serverDir,
    env: { ...env, CONSOLE_URL: `${consoleUrl}/console/` },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** ALMA's website: its pages embed the widgets with the key ALMA's creation showed, from its own origin. */
function almaPage(body: string) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ALMA</title>
  <script type="module" src="/widgets/mahjar.js"></script>
</head>
<body>
  <h1>ALMA</h1>
  <mahjar-provider api-base="${api.url}" publishable-key="${almaKey}" chapter="alma">${body}</mahjar-provider>
</body>
</html>`;
}
const ALMA_PAGES: Record<string, string> = {
  '/join.html': '<mahjar-member-signup></mahjar-member-signup>',
  '/directory.html': '<mahjar-specialist-directory></mahjar-specialist-directory>',
  '/events.html': '<mahjar-event-calendar view="list"></mahjar-event-calendar>',
};

function startAlmaSite(port: number): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = ALMA_PAGES[path];
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(almaPage(body));
      return;
    }
    const file = normalize(join(widgetsDist, path.replace(/^\/widgets\//, '')));
    if (!path.startsWith('/widgets/') || !file.startsWith(widgetsDist)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const type = extname(file) === '.js' ? 'text/javascript' : 'application/json';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

beforeAll(async () => {
  for (const built of ['packages/console/dist/index.html', 'packages/widgets/dist/mahjar.js'])
    readFileSync(new URL(`../../${built}`, import.meta.url));
  dataDir = mkdtempSync(join(tmpdir(), 'mahjar-done-when-'));
  const consolePort = await freePort();
  consoleUrl = `http://127.0.0.1:${consolePort}`;
  const almaPort = await freePort();
  // another host name than the console's: ALMA's website is another origin
  almaUrl = `http://localhost:${almaPort}`;
  almaSite = await startAlmaSite(almaPort);
  browser = await launchChromium(chromium);
  if (screenshots) mkdirSync(screenshots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  almaSite?.close();
  consoleSite?.close();
  await api?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const newestMailTo = (to: string, kind: string) => newestMailOf(api, to, kind);

const status = consoleStatus;
/** Signs `email` in to `organisation`'s console through the link mailed to them. */
const signIn = (page: Page, email: string, organisation: string, who: RegExp) =>
  signInToConsole(page, api, { consoleUrl, email, organisation, who });
/** Photographs the page in English and in Arabic (right to left), when DONE_WHEN_SCREENSHOTS is set. */
const photograph = async (page: Page, name: string) => {
  if (screenshots) await photographBoth(page, screenshots, name);
};

/** A person's own browser (cookies, storage and tabs of their own), in UTC. */
const person = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ timezoneId: 'UTC', viewport: { width: 1100, height: 900 } });
  return { context, page: await context.newPage() };
};

/** A `datetime-local` value (the browsers here are in UTC). */
const local = (date: Date) => date.toISOString().slice(0, 16);

describe('issue 16, done when', () => {
  it('runs from an empty database to the report, every person through the browser', async () => {
    // 1. The operator's command, on an empty data directory: ILMA and its owner.
    const created = await operator([
      'create-organisation',
      ...['--slug', 'ilma', '--name', 'ILMA', '--kind', 'umbrella', '--country', 'LB'],
      ...['--owner', ILMA_OWNER, '--origin', 'https://ilma.example.org'],
    ]);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain('Created umbrella ilma');

    // The server on that directory, unseeded, with the demo's examples origin serving the console.
    api = await startServer({
      dataDir,
      seed: false,
      now: () => new Date(Date.now() + clockOffset),
      config: { ...testServerConfig, consoleUrl: `${consoleUrl}/console/`, consoleOrigins: [consoleUrl] },
    });
    consoleSite = await startExamplesServer(Number(new URL(consoleUrl).port), '127.0.0.1', api.url);
    expect(
      (await api.ctx.db.selectFrom('organisations').select('slug').execute()).map((o) => o.slug),
      'nothing but what the operator made',
    ).toEqual(['ilma']);

    // 2. ILMA's owner signs in and creates ALMA, with its website and owner.
    const ilma = await person();
    await signIn(ilma.page, ILMA_OWNER, 'ilma', /Owner at ILMA/);
    await ilma.page.locator('nav a[href="#chapters"]').click();
    const form = ilma.page.locator('form[aria-labelledby="new-chapter-heading"]');
    await ilma.page.locator('mahjar-console-chapters').getByText('Nothing here yet.').waitFor();
    // refused first, each message at its field: a slug that is no slug, an origin that is no origin
    await form.getByLabel(/^Short name/).fill('ALMA!');
    await form.getByLabel('Name in English').fill('ALMA');
    await form.getByLabel('Name in Arabic (optional)').fill('ألما');
    await form.getByLabel('Country').fill('AU');
    await form.getByLabel(/^Currency/).fill('AUD');
    await form.getByRole('checkbox', { name: 'العربية' }).check();
    await form.getByLabel('Website (optional)').fill(almaUrl);
    await form.getByLabel(/^Websites allowed to use its key/).fill('ftp://alma.example.org');
    await form.getByLabel(/^First owner/).fill(ALMA_OWNER);
    await form.getByRole('button', { name: 'Create the chapter' }).click();
    await expect.poll(() => form.locator('[data-field="slug"] .field-error').textContent()).not.toBe('');
    await photograph(ilma.page, 'chapters-form-errors');
    await form.getByLabel(/^Short name/).fill('alma');
    await form.getByRole('button', { name: 'Create the chapter' }).click();
    await expect
      .poll(() => form.locator('[data-field="allowedOrigins"] .field-error').textContent())
      .toBe('line 1: is not a web origin like https://example.org');
    await expect.poll(() => form.locator('[data-field="slug"] .field-error').textContent()).toBe('');
    await form.getByLabel(/^Websites allowed to use its key/).fill(`${almaUrl}/`);
    await form.getByRole('button', { name: 'Create the chapter' }).click();
    await expect
      .poll(() => status(ilma.page).textContent())
      .toBe(`ALMA is created; ${ALMA_OWNER} is invited as its owner.`);
    almaKey = (await ilma.page.locator('[data-testid="chapter-key"]').textContent()) ?? '';
    expect(almaKey).toMatch(/^pk_/);
    await expect(ilma.page.getByText('shown here this once').count()).resolves.toBe(1);
    expect(await ilma.page.locator('[data-testid="chapter-snippet"]').textContent()).toContain(
      `publishable-key="${almaKey}" chapter="alma"`,
    );
    await ilma.page.locator('li[data-chapter="alma"]').waitFor();
    expect(await ilma.page.locator('li[data-chapter="alma"]').textContent()).toContain(almaUrl);
    await photograph(ilma.page, 'chapters-key-once');
    await ilma.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
    await ilma.page.getByRole('button', { name: 'Copy the key' }).click();
    await expect.poll(() => status(ilma.page).textContent()).toBe('The key is copied.');
    expect(await ilma.page.evaluate(() => navigator.clipboard.readText())).toBe(almaKey);
    await ilma.page.getByRole('button', { name: 'I have kept the key' }).click();
    await expect.poll(() => ilma.page.locator('[data-testid="chapter-key"]').count()).toBe(0);
    await photograph(ilma.page, 'chapters-list');
    const alma = await api.ctx.db
      .selectFrom('organisations')
      .select(['kind', 'parent_slug', 'allowed_origins', 'website'])
      .where('slug', '=', 'alma')
      .executeTakeFirstOrThrow();
    expect(alma).toEqual({ kind: 'chapter', parent_slug: 'ilma', allowed_origins: [almaUrl], website: almaUrl });

    // 3. ALMA's owner signs in and invites a reviewer and an editor.
    const chair = await person();
    await signIn(chair.page, ALMA_OWNER, 'alma', /Owner at ALMA/);
    expect(await chair.page.locator('nav a').allTextContents()).not.toContain('Chapters');
    // a chapter's owner typing the umbrella's section: told it is not theirs, still signed in
    await chair.page.evaluate(() => {
      location.hash = '#chapters';
    });
    await chair.page.getByTestId('not-yours').waitFor();
    expect(await chair.page.locator('mahjar-console-chapters').count()).toBe(0);
    await chair.page.locator('nav a[href="#users"]').click();
    const invite = chair.page.locator('form[aria-labelledby="invite-heading"]');
    for (const [email, role] of [
      [REVIEWER, 'reviewer'],
      [EDITOR, 'editor'],
    ] as const) {
      await invite.getByLabel('E-mail address').fill(email);
      await invite.getByLabel('Role').selectOption(role);
      await invite.getByRole('button', { name: 'Send the invitation' }).click();
      await expect
        .poll(() => status(chair.page).textContent())
        .toBe(`${email} is invited; the invitation is in their mailbox.`);
      await chair.page.locator(`li[data-user="${email}"]`).waitFor();
    }

    // 4. A professional signs up on ALMA's website, stating a licence, and confirms the address.
    const visitor = await person();
    await visitor.page.goto(`${almaUrl}/join.html`);
    const signup = visitor.page.locator('mahjar-member-signup');
    await signup.locator('[name="givenName"]').waitFor({ timeout: 30_000 });
    await signup.locator('[name="profession"]').selectOption('physician');
    await signup.locator('[name="givenName"]').fill('Maya');
    await signup.locator('[name="familyName"]').fill('Khoury');
    await signup.locator('[name="email"]').fill(PROFESSIONAL);
    await signup.locator('[part="submit"]').click();
    await signup.locator('#specialties').fill('card');
    await signup.locator('[role="option"]').first().click();
    await signup.locator('[name="country"]').selectOption('AU');
    await signup.locator('[name="city"]').fill('Sydney');
    await signup.locator('[name="languages"][value="en"]').check();
    await signup
      .locator('fieldset', { hasText: 'Board certifications and licences' })
      .getByRole('button', { name: 'Add another' })
      .click();
    await signup.locator('[name="credentials.0.kind"]').selectOption('licence');
    await signup.locator('[name="credentials.0.name"]').fill('Medical licence');
    await signup.locator('[name="credentials.0.issuer"]').fill('Medical Board of Australia');
    await signup.locator('[name="credentials.0.country"]').selectOption('AU');
    await signup.locator('[name="credentials.0.year"]').fill('2015');
    // on to the privacy step, where the credentials are made public
    for (let step = 0; step < 4; step++) await signup.locator('[part="submit"]').click();
    await signup.locator('[name="visibility.credentials"]').selectOption('public');
    await signup.locator('[part="submit"]').click();
    await expect.poll(() => signup.locator('h2').textContent()).toContain('Review');
    await signup.locator('[part="submit"]').click();
    await expect.poll(() => signup.locator('h2').textContent(), { timeout: 30_000 }).toBe('Check your e-mail');
    const verification = /https?:\/\/\S+mahjar-verify=[\w-]+/.exec(
      (await newestMailTo(PROFESSIONAL, 'signup_verification')).text,
    )?.[0];
    expect(verification?.startsWith(`${almaUrl}/join.html`), verification).toBe(true);
    await visitor.page.goto(verification!);
    await expect
      .poll(
        async () =>
          (
            await api.ctx.db
              .selectFrom('professionals')
              .select('status')
              .where('email', '=', PROFESSIONAL)
              .executeTakeFirst()
          )?.status,
      )
      .toBe('pending_review');

    // 5. The reviewer verifies the licence and approves the signup.
    const reviewer = await person();
    await signIn(reviewer.page, REVIEWER, 'alma', /Reviewer at ALMA/);
    await reviewer.page.locator('nav a[href="#review"]').click();
    const card = reviewer.page.locator('li[data-professional]', { hasText: 'Maya' });
    await card.waitFor();
    await card.getByRole('button', { name: /^Credentials/ }).click();
    const credential = card.locator('li[data-credential]', { hasText: 'Medical licence' });
    await credential.waitFor();
    await credential.getByLabel('Evidence checked').fill('Register entry MED0001234567 on the board’s website.');
    await credential.getByLabel('Valid until (optional)').fill(`${new Date().getUTCFullYear() + 1}-12-31`);
    await credential.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => credential.locator('.badge').textContent()).toBe('Verified');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => status(reviewer.page).textContent()).toMatch(/^(Dr )?Maya Khoury is approved\.$/);

    // ALMA's directory shows her, her licence verified.
    await visitor.page.goto(`${almaUrl}/directory.html`);
    const directory = visitor.page.locator('mahjar-specialist-directory');
    await directory.locator('[part="name"]', { hasText: 'Khoury' }).click({ timeout: 30_000 });
    await directory.locator('[part="dialog"]').waitFor();
    await expect
      .poll(() => directory.locator('[part="dialog"]').textContent())
      .toContain('Medical licence (Medical Board of Australia, 2015) · verified');

    // 6. The editor creates an event in the console.
    const editor = await person();
    await signIn(editor.page, EDITOR, 'alma', /Editor at ALMA/);
    await editor.page.locator('nav a[href="#events"]').click();
    await editor.page.getByText('New event').click();
    const newEvent = editor.page.locator('details form');
    const start = new Date(Date.now() + 10 * 60_000);
    start.setUTCSeconds(0, 0);
    await newEvent.getByLabel('Title').fill('ALMA cardiology evening');
    await newEvent.getByLabel('Starts (on the event’s clocks)').fill(local(start));
    await newEvent.getByLabel('Ends (on the event’s clocks)').fill(local(new Date(start.getTime() + 3_600_000)));
    await newEvent.getByLabel('Where').selectOption('online');
    await newEvent.getByLabel('Online link (https://…)').fill('https://meet.example.org/j/alma');
    await newEvent.getByRole('button', { name: 'Create the event' }).click();
    await expect.poll(() => status(editor.page).textContent()).toBe('“ALMA cardiology evening” is created.');

    // 7. A visitor registers for it on ALMA's page.
    const attendee = await person();
    await attendee.page.goto(`${almaUrl}/events.html`);
    const calendar = attendee.page.locator('mahjar-event-calendar');
    await calendar.locator('[part="event"]', { hasText: 'ALMA cardiology evening' }).click({ timeout: 30_000 });
    await calendar.locator('input[name="name"]').fill('Samir Haddad');
    await calendar.locator('input[name="email"]').fill(ATTENDEE);
    await calendar.locator('[part="submit"]').click();
    await expect.poll(() => calendar.locator('.ok').textContent()).toContain("You're registered");
    const code = CODE.exec((await newestMailTo(ATTENDEE, 'registration_confirmed')).text)?.[0];
    expect(code, 'a check-in code in the registration mail').toBeDefined();

    // 8. The editor checks them in by that code.
    await editor.page.getByRole('link', { name: 'ALMA cardiology evening' }).click();
    const input = editor.page.getByLabel('Check-in code');
    await input.fill(code!);
    await input.press('Enter');
    await expect
      .poll(() => editor.page.locator('[data-testid="check-in-result"]').textContent())
      .toContain('Samir Haddad is checked in. 1 attended so far.');

    // 9. Once the event has started, ALMA's report counts them.
    clockOffset = start.getTime() + 60_000 - Date.now();
    await chair.page.locator('nav a[href="#report"]').click();
    const report = () =>
      chair.page.evaluate(() => {
        const element = document
          .querySelector('mahjar-console')
          ?.shadowRoot?.querySelector('mahjar-console-report')
          ?.shadowRoot?.querySelector('mahjar-impact-report') as {
          report?: { organisationSlug: string; registrations: { total: number; attended: number } };
        } | null;
        return element?.report;
      });
    await expect.poll(report, { timeout: 20_000 }).toMatchObject({
      organisationSlug: 'alma',
      registrations: { total: 1, attended: 1 },
    });
    await chair.page.locator('mahjar-impact-report [part="chart"]').first().waitFor();

    for (const each of [ilma, chair, visitor, reviewer, editor, attendee]) await each.context.close();
  }, 180_000);
});

/**
 * The embedding proof: the built bundle, loaded by one script tag into pages served from another
 * origin than the API, with a strict CSP and a deliberately hostile stylesheet, in real Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type StartedServer, startExamplesServer, startServer, testServerConfig } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const bundle = new URL('../../packages/widgets/dist/mahjar.js', import.meta.url);

let api: StartedServer;
let site: Server;
let siteUrl: string;
let browser: Browser;

beforeAll(async () => {
  try {
    readFileSync(bundle);
  } catch {
    throw new Error('packages/widgets/dist/mahjar.js is missing: run `pnpm --filter @mahjar/widgets build` first');
  }
  // Its limits are the test servers' own, on purpose (packages/server/src/testing.ts).
  api = await startServer({ seed: { professionals: 20 }, config: testServerConfig });
  site = await startExamplesServer(0, '127.0.0.1', api.url);
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  // The chapter's publishable key is limited to its site's origin; this test's site is that origin.
  const orgs = await api.ctx.db.selectFrom('organisations').select(['id', 'allowed_origins']).execute();
  for (const o of orgs) {
    await api.ctx.db
      .updateTable('organisations')
      .set({ allowed_origins: [...o.allowed_origins, siteUrl] })
      .where('id', '=', o.id)
      .execute();
  }
  browser = await launchChromium(chromium);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

interface Loaded {
  page: Page;
  violations: string[];
}

/** Opens a page, recording every CSP violation and every refused resource. */
async function open(path: string): Promise<Loaded> {
  const page = await browser.newPage();
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(`${siteUrl}${path}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.locator('mahjar-donate-button').first().locator('[part="button"]').waitFor({ timeout: 30_000 });
  return { page, violations };
}

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
      };
    };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}

/** The focused element, looking through shadow roots. */
function deepFocus(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), part: el.getAttribute('part'), name: el.getAttribute('name') } : null;
  });
}

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof deepFocus>>) => boolean, max = 25) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (match(await deepFocus(page))) return;
  }
  throw new Error(`focus never reached the target; last: ${JSON.stringify(await deepFocus(page))}`);
}

describe.each([
  ['chapter site', '/chapter-site/'],
  ['hostile host page', '/hostile/'],
])('%s', (_name, path) => {
  it('renders the campaign under a strict CSP with no violations', async () => {
    const { page, violations } = await open(path);
    const button = page.locator('mahjar-donate-button').first();
    await expect.poll(() => button.locator('[part="title"]').textContent()).toBeTruthy();
    const box = await button.locator('[part="button"]').boundingBox();
    expect(box?.width).toBeGreaterThan(40);
    expect(box?.height).toBeGreaterThan(20);
    // Host CSS reaches only what inherits, and the element resets what it must not inherit: the
    // hostile page sets `uppercase`, `0.2em` letter spacing and `1em` word spacing on <body>. Read
    // on the campaign's title, plain text (a <button> gets these from the browser's own stylesheet).
    expect(await button.locator('[part="button"]').evaluate((b) => getComputedStyle(b).display)).toBe('inline-flex');
    const look = await button.locator('[part="title"]').evaluate((t) => {
      const s = getComputedStyle(t);
      return { textTransform: s.textTransform, letterSpacing: s.letterSpacing, wordSpacing: s.wordSpacing };
    });
    expect(look).toEqual({ textTransform: 'none', letterSpacing: 'normal', wordSpacing: '0px' });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe violations, closed and open', async () => {
    const { page } = await open(path);
    expect(await axe(page)).toEqual([]);
    await page.locator('mahjar-donate-button').first().locator('[part="button"]').click();
    await page.locator('mahjar-donate-button').first().locator('[part="dialog"]').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});

describe('keyboard-only donation', () => {
  it('opens the dialog, picks an amount, submits, pays in the sandbox and comes back', async () => {
    const { page, violations } = await open('/hostile/');
    const email = `keyboard-${Date.now()}@example.org`;
    await tabUntil(page, (f) => f?.part === 'button');
    await page.keyboard.press('Enter');
    await page.locator('mahjar-donate-button [part="dialog"]').waitFor();
    expect((await deepFocus(page))?.name).toBe('amount');
    const presetIndex = () =>
      page.locator('mahjar-donate-button').evaluate((el) => {
        const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="amount"]')];
        return radios.findIndex((r) => r.checked);
      });
    const start = await presetIndex();
    await page.keyboard.press('ArrowRight'); // the next preset amount
    expect(await presetIndex()).toBe(start + 1);
    await tabUntil(page, (f) => f?.name === 'name');
    await page.keyboard.type('Rania Haddad');
    await page.keyboard.press('Tab');
    expect((await deepFocus(page))?.name).toBe('email');
    await page.keyboard.type(email);
    await Promise.all([page.waitForURL(/\/v1\/payments\/sandbox\/checkout\//), page.keyboard.press('Enter')]);
    expect(violations).toEqual([]);

    // The provider's hosted page (the sandbox): pay with the keyboard too.
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(`${siteUrl}/**`), page.keyboard.press('Enter')]);
    const donation = await api.ctx.db
      .selectFrom('donations')
      .select(['status', 'amount', 'currency'])
      .where('donor_email', '=', email)
      .execute();
    expect(donation).toHaveLength(1);
    expect(donation[0]).toMatchObject({ status: 'succeeded', currency: 'USD' });
    const campaign = await api.ctx.db
      .selectFrom('campaigns')
      .select('preset_amounts')
      .where('slug', '=', 'mental-health-lines')
      .executeTakeFirstOrThrow();
    expect(donation[0]!.amount).toBe(campaign.preset_amounts[start + 1]);
    await page.close();
  });
});

describe('Arabic', () => {
  it.each([['/chapter-site/ar.html'], ['/hostile/ar.html']])('%s renders right to left', async (path) => {
    const { page, violations } = await open(path);
    const el = page.locator('mahjar-donate-button').first();
    const dir = await el.locator('[part="base"]').evaluate((b) => getComputedStyle(b).direction);
    expect(dir).toBe('rtl');
    await expect.poll(() => el.locator('[part="button"]').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(violations).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});

describe('event calendar on the chapter site', () => {
  /** Opens an events page, recording CSP violations, once the calendar has loaded. */
  async function openEvents(path: string, ready: string) {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await page.goto(`${siteUrl}${path}`);
    const cal = page.locator('mahjar-event-calendar');
    await cal.locator(ready).first().waitFor({ timeout: 30_000 });
    return { page, cal, violations };
  }

  it('renders the month grid under the strict CSP, with no violations and no serious axe findings', async () => {
    const { page, cal, violations } = await openEvents('/chapter-site/events.html', '[role="grid"]');
    expect(await cal.locator('th').count()).toBe(7);
    expect(await cal.locator('[role="gridcell"][tabindex="0"]').count()).toBe(1);
    expect(await page.locator('nav a[href="/chapter-site/events.html"]').count()).toBe(1);
    expect(violations).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('opens an event from the list with its registration form, still accessible', async () => {
    const { page, cal, violations } = await openEvents('/chapter-site/events.html', '[role="grid"]');
    await cal.getByRole('button', { name: 'List' }).click();
    await cal.locator('[part="event"]').first().waitFor();
    await cal.locator('[part="event"]').first().click();
    await cal.locator('dialog[open]').waitFor();
    expect(await cal.locator('dialog dl').textContent()).toMatch(/When/);
    expect(violations).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('renders Arabic right to left', async () => {
    const { page, cal, violations } = await openEvents('/chapter-site/events-ar.html', '.root[aria-busy="false"]');
    expect(await cal.locator('.root').getAttribute('dir')).toBe('rtl');
    expect(await cal.locator('.root').evaluate((r) => getComputedStyle(r).direction)).toBe('rtl');
    expect(await cal.getByRole('button', { name: 'قائمة' }).getAttribute('aria-pressed')).toBe('true');
    expect(violations).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});

describe('member signup on the chapter site', () => {
  /** Opens a join page, recording CSP violations, and waits for the first step. */
  async function openJoin(path: string): Promise<Loaded> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction('__reportSignupCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __reportSignupCsp(v: string): void }).__reportSignupCsp(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await page.goto(`${siteUrl}${path}`);
    await page.locator('mahjar-member-signup [part="form"] input[name="givenName"]').waitFor({ timeout: 30_000 });
    return { page, violations };
  }
  const signup = (page: Page) => page.locator('mahjar-member-signup');

  it('renders the first step under the strict CSP, and signs up with no violations', async () => {
    const { page, violations } = await openJoin('/chapter-site/join.html');
    expect(await signup(page).locator('h2').textContent()).toBe('Step 1 of 7: About you');
    expect(await axe(page)).toEqual([]);
    const email = `join-${Date.now()}@example.org`;
    const el = signup(page);
    await el.locator('[name="profession"]').selectOption('nurse');
    await el.locator('[name="givenName"]').fill('Maya');
    await el.locator('[name="familyName"]').fill('Khoury');
    await el.locator('[name="email"]').fill(email);
    await el.locator('[part="submit"]').click();
    await el.locator('#specialties').fill('card');
    await el.locator('[role="option"]').first().click();
    await el.locator('[name="country"]').selectOption('AU');
    await el.locator('[name="city"]').fill('Sydney');
    await el.locator('[name="languages"][value="en"]').check();
    expect(await axe(page)).toEqual([]);
    for (let i = 0; i < 5; i++) await el.locator('[part="submit"]').click();
    await expect.poll(() => el.locator('h2').textContent()).toContain('Review');
    expect(await axe(page)).toEqual([]);
    await el.locator('[part="submit"]').click();
    await expect.poll(() => el.locator('h2').textContent(), { timeout: 20_000 }).toBe('Check your e-mail');
    const consent = await api.ctx.db
      .selectFrom('consent_records as c')
      .innerJoin('professionals as p', 'p.id', 'c.professional_id')
      .select(['c.source_site', 'c.locale', 'p.chapters'])
      .where('p.email', '=', email)
      .execute();
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ source_site: `${siteUrl}/chapter-site/join.html`, locale: 'en-US' });
    expect(consent[0]!.chapters).toContain('ilma-usa');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lays the Arabic page out right to left', async () => {
    const { page, violations } = await openJoin('/chapter-site/join-ar.html');
    const el = signup(page);
    expect(await el.locator('[part="base"]').evaluate((b) => getComputedStyle(b).direction)).toBe('rtl');
    await expect.poll(() => el.locator('h2').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await axe(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('member account on the chapter site', () => {
  /** Opens an account page, recording CSP violations, and waits for the sign-in form. */
  async function openAccount(path: string): Promise<Loaded> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction('__reportAccountCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __reportAccountCsp(v: string): void }).__reportAccountCsp(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await page.goto(`${siteUrl}${path}`);
    await page.locator('mahjar-member-account #email').waitFor({ timeout: 30_000 });
    return { page, violations };
  }

  it.each([
    ['/chapter-site/account.html', 'ltr'],
    ['/chapter-site/account-ar.html', 'rtl'],
  ])('%s: a member signs in from the mailed link and sees their account, under the strict CSP', async (path, dir) => {
    const { page, violations } = await openAccount(path);
    const el = page.locator('mahjar-member-account');
    expect(await el.locator('[part="base"]').evaluate((b) => getComputedStyle(b).direction)).toBe(dir);
    expect(await axe(page)).toEqual([]);
    const member = await api.ctx.db
      .selectFrom('professionals')
      .select(['email', 'given_name'])
      .where('status', '=', 'verified')
      .where('email', 'not in', (eb) =>
        eb.selectFrom('outbox').select('to_address').where('kind', '=', 'member_sign_in'),
      )
      .orderBy('email')
      .executeTakeFirstOrThrow();
    await el.locator('#email').fill(member.email);
    await el.locator('[part="submit"]').click();
    await el.locator('[part="status"]').waitFor();
    const mail = await api.ctx.db
      .selectFrom('outbox')
      .select('text')
      .where('to_address', '=', member.email)
      .where('kind', '=', 'member_sign_in')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+#mahjar-sign-in=\S+/.exec(mail.text)![0];
    expect(new URL(link).pathname).toBe(path);
    await page.goto(link);
    await el.locator('section').first().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).hash, 'the code leaves the address').toBe('');
    expect(await el.locator('.head + p').textContent()).toContain(member.given_name);
    expect(await axe(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('ministry directory (mahjar-specialist-directory)', () => {
  /** Opens a ministry page, recording CSP violations, and waits for the first results. */
  async function openDirectory(path: string): Promise<Loaded> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    const response = await page.goto(`${siteUrl}${path}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('mahjar-specialist-directory [part="item"]').first().waitFor({ timeout: 30_000 });
    return { page, violations };
  }

  it('renders the directory with the ministry key under a strict CSP, searchable and accessible', async () => {
    const { page, violations } = await openDirectory('/ministry-directory/');
    const dir = page.locator('mahjar-specialist-directory');
    const { total } = await (
      await fetch(`${api.url}/v1/professionals?limit=1`, {
        headers: { 'Mahjar-Publishable-Key': 'pk_demo_moph-lebanon' },
      })
    ).json();
    await expect.poll(() => dir.locator('[part="count"]').textContent()).toBe(`${total} specialists found`);
    expect(await axe(page)).toEqual([]);
    // Search for the family name of the first result shown.
    const word = ((await dir.locator('[part="name"] bdi').first().textContent()) ?? '').trim().split(/\s+/).at(-1)!;
    await dir.locator('[part="search"]').fill(word);
    await expect.poll(() => page.url()).toContain(`mahjar-q=${encodeURIComponent(word)}`);
    await expect.poll(() => dir.locator('[part="count"]').textContent()).not.toBe(`${total} specialists found`);
    await dir.locator('[part="name"]').first().click();
    await dir.locator('[part="dialog"]').waitFor();
    await expect.poll(() => page.url()).toContain('mahjar-profile=');
    expect(await axe(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('renders the Arabic page right to left with no violations', async () => {
    const { page, violations } = await openDirectory('/ministry-directory/ar.html');
    const dir = page.locator('mahjar-specialist-directory');
    expect(await dir.locator('[part="base"]').evaluate((b) => getComputedStyle(b).direction)).toBe('rtl');
    await expect.poll(() => dir.locator('[part="count"]').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await axe(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

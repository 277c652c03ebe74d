/**
 * The embedding proof: the built bundle, loaded by one script tag into pages served from another
 * origin than the API, with a strict CSP and a deliberately hostile stylesheet, in real Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { type StartedServer, startExamplesServer, startServer } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
  api = await startServer({ seed: { professionals: 20 }, config: { rateLimit: false } });
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
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
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
      axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
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
    // Host CSS reaches only what inherits; the element keeps its own look.
    const look = await button.locator('[part="button"]').evaluate((b) => {
      const s = getComputedStyle(b);
      return { display: s.display, transform: s.textTransform };
    });
    expect(look.display).not.toBe('none');
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

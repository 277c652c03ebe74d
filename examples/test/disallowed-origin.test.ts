/**
 * A chapter site on a website its key does not allow (a new domain, another port), as the browser
 * sees it: the preflight passes, the refusal is readable (no CORS error in the console), and each
 * widget tells the webmaster exactly which origin to have added, in the page's language.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type StartedServer, startExamplesServer, startServer } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';

const bundle = new URL('../../packages/widgets/dist/mahjar.js', import.meta.url);

let api: StartedServer;
let site: Server;
let siteUrl: string;
let browser: Browser;

beforeAll(async () => {
  readFileSync(bundle); // run `pnpm --filter @mahjar/widgets build` first
  api = await startServer({ seed: { professionals: 20 }, config: { rateLimit: false } });
  // Served on a port no organisation allows (the seed allows :5173 only): nothing is added here.
  site = await startExamplesServer(0, '127.0.0.1', api.url);
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium(chromium);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

async function open(path: string): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await page.goto(`${siteUrl}${path}`);
  return { page, console };
}

describe('a website its key does not allow', () => {
  it('is told, in English, which origin the owner must add (no CORS error, no "couldn\'t reach")', async () => {
    const { page, console } = await open('/chapter-site/');
    const alert = page.locator('mahjar-donate-button').first().getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent())!.replace(/[\u2068\u2069]/g, '');
    expect(text).toContain(`${siteUrl} may not use this Mahjar key`);
    expect(text).toContain('its owner must add this website');
    expect(text).not.toMatch(/couldn't reach/i);
    expect(console.filter((m) => /CORS|Access-Control/i.test(m))).toEqual([]);
    await page.close();
  });

  it('is told in Arabic too, the Latin origin isolated in the right-to-left sentence', async () => {
    const { page } = await open('/chapter-site/ar.html');
    const alert = page.locator('mahjar-donate-button').first().getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent())!;
    expect(text).toContain(`\u2068${siteUrl}\u2069`);
    expect(text).toContain('غير مسموح له');
    await page.close();
  });

  it('gets a preflight answer and a refusal it can read for a write with custom headers', async () => {
    const { page } = await open('/chapter-site/');
    const answer = await page.evaluate(async (base) => {
      // Custom headers and JSON: the browser sends a preflight first; a failed one would throw here.
      const r = await fetch(`${base}/v1/campaigns/beirut-er-2026/donations`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify({ amount: 5000, currency: 'USD', frequency: 'one_off', donorEmail: 'a@example.org' }),
      });
      return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
    }, api.url);
    expect(answer.status).toBe(403);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.type).toBe('https://mahjar.dev/problems/origin-not-allowed');
    expect(answer.body.detail).toContain(siteUrl);
    await page.close();
  });
});

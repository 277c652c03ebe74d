/**
 * The script-tag loader in real Chromium: a page with one donate button loads the runtime and that
 * button only, and how many bytes that is. Files are served brotli-compressed, as a CDN serves them,
 * and every response body is counted. The all-in-one bundle's first load is measured the same way and
 * reported beside it. `pnpm bench` runs this file for the figures.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { type StartedServer, startServer } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';

const dist = new URL('../../packages/widgets/dist/', import.meta.url).pathname;
const LOADER_PAGE_BUDGET = 14.5 * 1024; // brotli bytes of script, issue 12
const LOADER_BUDGET = 1.5 * 1024;

let api: StartedServer;
let site: Server;
let origin: string;
let browser: Browser;
/** Brotli body bytes of every script the site served, in order. */
let served: { path: string; bytes: number }[] = [];
const compressed = new Map<string, Buffer>();

/** A chapter page: `scripts` are the script tags, `body` the markup. */
function page(scripts: string[], body: string) {
  const tags = scripts.map((s) => `<script type="module" src="/widgets/${s}"></script>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chapter</title>${tags}</head><body>${body}</body></html>`;
}
const button = () =>
  `<mahjar-donate-button campaign="beirut-er-2026" api-base="${api.url}" publishable-key="${api.demoKeys.ilma.publishable}"></mahjar-donate-button>`;
const pages: Record<string, () => string> = {
  '/loader.html': () => page(['mahjar-loader.js'], button()),
  '/bundle.html': () => page(['mahjar.js'], button()),
  '/both.html': () => page(['mahjar-loader.js', 'mahjar.js', 'mahjar-loader.js'], button()),
  '/empty.html': () => page(['mahjar-loader.js'], '<main></main>'),
};

beforeAll(async () => {
  try {
    readFileSync(join(dist, 'mahjar-loader.js'));
  } catch {
    throw new Error(
      'packages/widgets/dist/mahjar-loader.js is missing: run `pnpm --filter @mahjar/widgets build` first',
    );
  }
  api = await startServer({ seed: { professionals: 5 }, config: { rateLimit: false } });
  site = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (pages[path]) return void res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]());
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = normalize(join(dist, path.replace(/^\/widgets\//, '')));
    if (!path.startsWith('/widgets/') || !file.startsWith(dist)) return void res.writeHead(404).end();
    let body = compressed.get(file);
    try {
      body ??= brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    } catch {
      return void res.writeHead(404).end();
    }
    compressed.set(file, body);
    if (extname(file) === '.js') served.push({ path, bytes: body.length });
    res
      .writeHead(200, {
        'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/json',
        'content-encoding': 'br',
        'cache-control': 'no-store',
      })
      .end(body);
  });
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  for (const o of await api.ctx.db.selectFrom('organisations').select(['id', 'allowed_origins']).execute())
    await api.ctx.db
      .updateTable('organisations')
      .set({ allowed_origins: [...o.allowed_origins, origin] })
      .where('id', '=', o.id)
      .execute();
  browser = await launchChromium(chromium);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

/** Opens a page, waits for the donate button's campaign, and returns the tab, its messages and script bytes. */
async function load(path: string): Promise<{ tab: Page; messages: string[]; bytes: number; files: number }> {
  served = [];
  const tab = await browser.newPage();
  const messages: string[] = [];
  tab.on('pageerror', (e) => messages.push(e.message));
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(m.text());
  });
  await tab.goto(`${origin}${path}`);
  if (path !== '/empty.html')
    await expect
      .poll(() => tab.locator('mahjar-donate-button [part="title"]').first().textContent(), { timeout: 30_000 })
      .toContain('Beirut');
  return { tab, messages, bytes: served.reduce((n, s) => n + s.bytes, 0), files: served.length };
}

const defined = (tab: Page) =>
  tab.evaluate(() =>
    [
      'mahjar-provider',
      'mahjar-donate-button',
      'mahjar-specialist-directory',
      'mahjar-event-calendar',
      'mahjar-member-signup',
      'mahjar-member-account',
      'mahjar-needs-board',
      'mahjar-impact-report',
    ].filter((t) => customElements.get(t)),
  );

describe('script-tag loader', () => {
  it(`is at most ${LOADER_BUDGET} B brotli`, () => {
    const bytes = brotliCompressSync(readFileSync(join(dist, 'mahjar-loader.js')), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    console.log(`mahjar-loader.js: ${bytes} B brotli (budget ${LOADER_BUDGET})`);
    expect(bytes).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`a page with one donate button loads only the runtime and the button, at most ${LOADER_PAGE_BUDGET} B brotli`, async () => {
    const { tab, messages, bytes, files } = await load('/loader.html');
    console.log(`loader page, one donate button: ${bytes} B brotli in ${files} scripts (budget ${LOADER_PAGE_BUDGET})`);
    expect(await defined(tab)).toEqual(['mahjar-donate-button']);
    expect(bytes).toBeLessThanOrEqual(LOADER_PAGE_BUDGET);
    expect(messages).toEqual([]);
    await tab.close();
  });

  it('defines an element added to the page later, and nothing before', async () => {
    const { tab } = await load('/empty.html');
    expect(await defined(tab)).toEqual([]);
    await tab.evaluate((html) => {
      const holder = document.createElement('div');
      holder.innerHTML = html;
      document.querySelector('main')?.append(holder);
    }, button());
    await expect
      .poll(() => tab.locator('mahjar-donate-button [part="title"]').textContent(), { timeout: 30_000 })
      .toContain('Beirut');
    expect(await defined(tab)).toEqual(['mahjar-donate-button']);
    await tab.close();
  });

  it('stays safe beside the all-in-one bundle and a second copy of itself', async () => {
    const { tab, messages } = await load('/both.html');
    expect((await defined(tab)).length).toBe(8);
    expect(await tab.locator('mahjar-donate-button [part="button"]').count()).toBe(1);
    expect(messages).toEqual([]);
    await tab.close();
  });

  it('reports the all-in-one bundle’s first load', async () => {
    const { tab, bytes, files } = await load('/bundle.html');
    console.log(`all-in-one page (mahjar.js), first load: ${bytes} B brotli in ${files} scripts`);
    expect((await defined(tab)).length).toBe(8);
    await tab.close();
  });
});

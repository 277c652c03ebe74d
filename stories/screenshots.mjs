// Screenshots from the built Storybook, with Debian's Chromium, in English and Arabic: every
// donate-button story (closed, with the dialog open, and with an invalid amount), the signup's first
// step and its invalid answers, and the calendar's month grid. `pnpm build && node screenshots.mjs [outdir]`.
import { createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { launchChromium } from '../packages/devtools/chromium.mjs';

// playwright-core comes from @mahjar/widgets' devDependencies (not a dependency of stories yet).
const { chromium } = createRequire(new URL('../packages/widgets/package.json', import.meta.url))('playwright-core');

const root = new URL('storybook-static/', import.meta.url).pathname;
const out = process.argv[2] ?? join(root, 'screenshots');
mkdirSync(out, { recursive: true });
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const server = createServer((req, res) => {
  const path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!existsSync(path) || path.endsWith('/')) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes('donate-button'));
const browser = await launchChromium(chromium);
const page = await browser.newPage({ viewport: { width: 520, height: 720 }, deviceScaleFactor: 1 });
for (const story of stories)
  for (const locale of story.name.includes('Arabic') || story.name.includes('French') ? [''] : ['en', 'ar']) {
    const globals = locale ? `&args=locale:${locale}` : '';
    await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story${globals}`);
    const el = page.locator('mahjar-donate-button');
    await el.waitFor();
    await page.waitForTimeout(300);
    const name = `${story.id.split('--')[1]}${locale ? `-${locale}` : ''}`;
    await el.screenshot({ path: join(out, `${name}.png`) });
    const open = el.locator('button[part="button"]');
    if (await open.count()) {
      await open.click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `${name}-dialog.png`) });
      await el.locator('input[name="custom"]').fill('0,5');
      await el.locator('button[part="submit"]').click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `${name}-invalid.png`) });
    }
    console.log(name);
  }
// The other elements: a story, and the element to capture once it has settled.
const shots = [
  { id: 'elements-mahjar-member-signup--identity', tag: 'mahjar-member-signup', name: 'signup-first-step' },
  // (the story presses Continue on the first step after 300 ms)
  { id: 'elements-mahjar-member-signup--errors', tag: 'mahjar-member-signup', name: 'signup-invalid', wait: 1500 },
  { id: 'elements-mahjar-event-calendar--month', tag: 'mahjar-event-calendar', name: 'calendar-month' },
  // (the account's action stories press their button after 600 ms)
  // (the board's action stories act after 600 ms)
  ...['board', 'empty', 'answered', 'invalid', 'sign-in', 'member'].map((state) => ({
    id: `elements-mahjar-needs-board--${state}`,
    tag: 'mahjar-needs-board',
    name: `needs-${state}`,
    wait: 1500,
  })),
  ...['signed-out', 'link-sent', 'link-invalid', 'signed-in', 'saved', 'stop-gift', 'delete', 'deleted'].map(
    (state) => ({
      id: `elements-mahjar-member-account--${state}`,
      tag: 'mahjar-member-account',
      name: `account-${state}`,
      wait: 1500,
      page: state === 'stop-gift' || state === 'delete',
    }),
  ),
];
for (const shot of shots)
  for (const locale of ['en', 'ar']) {
    await page.goto(`${base}/iframe.html?id=${shot.id}&viewMode=story&args=locale:${locale}`);
    const el = page.locator(shot.tag);
    await el.waitFor();
    await page.waitForTimeout(shot.wait ?? 800);
    if (shot.page) await page.screenshot({ path: join(out, `${shot.name}-${locale}.png`) });
    else await el.screenshot({ path: join(out, `${shot.name}-${locale}.png`) });
    console.log(`${shot.name}-${locale}`);
  }
await browser.close();
server.close();
console.log(`screenshots in ${out}`);

/**
 * The packages as people outside this repo get them: the packed tarballs installed into fresh projects
 * (outside the workspace) with npm (flat node_modules) and with pnpm in strict mode (isolated, no
 * hoisting). One project per package manager holds the apps in app/: a Vite + strict TypeScript page
 * using one element and the SDK, a React 19 page and a Vue 3 page using the element with typed
 * properties and events, and a plain Node script on the SDK. Each project type-checks (vue-tsc, tsc) and
 * builds (Vite); in Chromium each page's element renders a campaign from the reference server and the
 * SDK completes its call; the Node script runs on Node 20 (the SDK's floor) and Node 24.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { type StartedServer, startServer } from '@mahjar/server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript tooling, no declarations
import { launchChromium } from '../../packages/devtools/chromium.mjs';
import { freshProject } from '../../packages/devtools/fresh-project.mjs';
// @ts-expect-error plain JavaScript tooling, no declarations
import { packs } from '../../packages/devtools/packs.mjs';

// Asynchronous: the API server runs in this process and must keep answering while a child waits on it.
async function run(file: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await promisify(execFile)(file, args, { cwd })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
const appDir = new URL('./app/', import.meta.url).pathname;
/** A Node 20 binary: NODE20_PATH, the machine's own if it is 20, else the npm registry's `node@20` (cached). */
async function findNode20(): Promise<string> {
  if (process.env.NODE20_PATH) return process.env.NODE20_PATH;
  const system = await run('/usr/bin/node', ['--version'], '/').catch(() => '');
  if (system.startsWith('v20.')) return '/usr/bin/node';
  const prefix = join(homedir(), '.cache', 'mahjar', 'node-20');
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin))
    await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'node@20'], '/');
  return bin;
}
let node20: string;
const versions = {
  vite: '8.4.0',
  '@vitejs/plugin-vue': '6.0.11',
  typescript: '5.9.3',
  'vue-tsc': '3.3.14',
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
};
const files = Object.fromEntries(
  readdirSync(appDir, { recursive: true })
    .map(String)
    .filter((f) => !existsSync(join(appDir, f)) || extname(f))
    .map((f) => [f, readFileSync(join(appDir, f), 'utf8')]),
);

let api: StartedServer;
let browser: Browser;
let tarballs: Record<'sdk' | 'widgets', string>;
const sites: Server[] = [];

beforeAll(async () => {
  tarballs = await packs();
  node20 = await findNode20();
  api = await startServer({ seed: { professionals: 5 }, config: { rateLimit: false } });
  origins.npm = await serve('npm');
  origins.pnpm = await serve('pnpm');
  for (const o of await api.ctx.db.selectFrom('organisations').select(['id', 'allowed_origins']).execute())
    await api.ctx.db
      .updateTable('organisations')
      .set({ allowed_origins: [...o.allowed_origins, origins.npm, origins.pnpm] })
      .where('id', '=', o.id)
      .execute();
  browser = await launchChromium(chromium);
});

afterAll(async () => {
  await browser?.close();
  for (const s of sites) s.close();
  await api?.close();
});

/** Where each project's built app is, once its build step has run. */
const roots: Partial<Record<'npm' | 'pnpm', string>> = {};
const origins: Partial<Record<'npm' | 'pnpm', string>> = {};

/**
 * Serves a project's built app on its own origin, which the chapter's publishable key is allowed
 * from. Both origins are allowed before any page loads: the server caches a key's record (with its
 * allowed origins) for 30 s, so an origin added after the first project's pages would be refused.
 */
async function serve(pm: 'npm' | 'pnpm'): Promise<string> {
  const server = createServer((req, res) => {
    const dir = roots[pm];
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = dir && normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!dir || !file || !file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  sites.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(['npm', 'pnpm'] as const)('%s project', (pm) => {
  let dir: string;
  let origin: string;

  beforeAll(async () => {
    dir = freshProject(`apps`, {
      pm,
      tarballs: { '@mahjar/widgets': tarballs.widgets, '@mahjar/sdk': tarballs.sdk },
      dependencies: { react: '19.3.1', 'react-dom': '19.3.1', vue: '3.5.45' },
      devDependencies: versions,
      files,
    });
  });

  // As Vite's and Vue's own templates do, skipLibCheck: Vue's compiler types import @babel/types, which
  // Vue does not declare, so strict pnpm cannot resolve it inside Vue's .d.ts files.
  it('type-checks (vue-tsc for the pages, tsc for the Node script) and builds with Vite', {
    timeout: 300_000,
  }, async () => {
    const bin = (name: string) => join(dir, 'node_modules/.bin', name);
    await run(bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.json'], dir);
    await run(bin('tsc'), ['--noEmit', '-p', 'node/tsconfig.json'], dir);
    await run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
    roots[pm] = join(dir, 'dist');
    origin = origins[pm]!;
  });

  it.each(['index.html', 'react.html', 'vue.html'])('%s renders the element and completes its call', async (page) => {
    expect(origin, 'the build step passed').toBeTruthy();
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const key = api.demoKeys.ilma.publishable;
    await tab.goto(`${origin}/${page}?api=${encodeURIComponent(api.url)}&key=${key}`);
    const title = tab.locator('mahjar-donate-button').first().locator('[part="title"]');
    await expect.poll(() => title.textContent(), { timeout: 30_000 }).toContain('Beirut');
    if (page === 'index.html') await expect.poll(() => tab.locator('#sdk').textContent()).toContain('Beirut');
    expect(errors).toEqual([]);
    await tab.close();
  });

  it.each(['Node 20', 'Node 24'])('the SDK script runs on %s', async (name) => {
    const node = name === 'Node 20' ? node20 : process.execPath;
    const result = JSON.parse(await run(node, ['node/sdk.js', api.url, api.demoKeys.ilma.publishable], dir));
    expect(result.title).toContain('Beirut');
    expect(result.node.split('.')[0]).toBe(name.split(' ')[1]);
  });
});

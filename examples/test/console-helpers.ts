/**
 * What the console's Chromium tests (console, console-admin, done-when) share: a free port, the
 * newest mail of a kind, the console's status line, signing in through the mailed link, the
 * photographs in English and Arabic, and an admin call with a secret key from the test's side.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  ensureDemoOwners,
  type StartedServer,
  startExamplesServer,
  startServer,
  testServerConfig,
} from '@mahjar/server';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A port nothing listens on now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** The newest mail of `kind` to `to` in the server's outbox. */
export const newestMailTo = (api: StartedServer, to: string, kind: string) =>
  api.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

/** The console's live status line. */
export const consoleStatus = (page: Page) => page.locator('mahjar-console main > p.status');

/** Signs `email` in to `organisation`'s console at `consoleUrl` through the link mailed to them, as a person would. */
export async function signInToConsole(
  page: Page,
  api: StartedServer,
  {
    consoleUrl,
    email,
    organisation,
    who = email,
  }: { consoleUrl: string; email: string; organisation: string; who?: string | RegExp },
) {
  await page.goto(`${consoleUrl}/console/`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel(/^Organisation/).fill(organisation);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect.poll(() => consoleStatus(page).textContent()).toContain('a link is on its way');
  const link = /https?:\/\/\S+#mahjar-sign-in=[\w-]+/.exec((await newestMailTo(api, email, 'admin_sign_in')).text)?.[0];
  expect(link, `a sign-in link in the mail to ${email}`).toBeDefined();
  await page.goto(link!);
  const signedIn = expect.poll(() => page.locator('[data-testid="who"]').textContent());
  await (typeof who === 'string' ? signedIn.toContain(who) : signedIn.toMatch(who));
}

/** Photographs the page into `dir`, once in English and once in Arabic (right to left), then back in English. */
export async function photograph(page: Page, dir: string, name: string) {
  for (const locale of ['en', 'ar'] as const) {
    await page.locator('mahjar-console header select').selectOption(locale);
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(dir, `${name}-${locale}.png`), fullPage: true });
  }
  await page.locator('mahjar-console header select').selectOption('en');
}

/** A call with an organisation's secret key, from the test (what the console's person does not see). */
export async function withSecretKey<T>(
  api: StartedServer,
  secret: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      'Mahjar-Secret-Key': secret,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/**
 * A seeded server whose console origin is the examples server's, as the demo runs them, with each
 * organisation's demo owner; `screenshots` is created for the photographs.
 */
export async function startConsoleDemo(
  professionals: number,
  screenshots: string,
): Promise<{ api: StartedServer; site: Server; siteUrl: string }> {
  if (!existsSync(new URL('../../packages/console/dist/index.html', import.meta.url)))
    throw new Error('Build the console first: pnpm --filter @mahjar/console build');
  mkdirSync(screenshots, { recursive: true });
  const port = await freePort();
  const siteUrl = `http://127.0.0.1:${port}`;
  const api = await startServer({
    seed: { professionals },
    config: { ...testServerConfig, consoleUrl: `${siteUrl}/console/`, consoleOrigins: [siteUrl] },
  });
  await ensureDemoOwners(api.ctx.db);
  const site = await startExamplesServer(port, '127.0.0.1', api.url);
  return { api, site, siteUrl };
}

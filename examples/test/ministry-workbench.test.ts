/**
 * The ministry's loop, end to end in real Chromium, on the example ministry site (another origin than
 * the API, strict CSP): the office posts a need, reads its candidates ranked with reasons and mails two
 * of them from its own page; one answers "I can help" from the mail's link on the needs board; the
 * office assigns them and records the outcome; the impact report for the quarter shows it in its
 * chart and table. The office's calls are made by its page with its secret key (the credential a
 * staff-only page holds until administrators sign in), exactly as a browser makes them.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngagementReport, Need, NeedAnswer, NeedCandidate, NeedResponse } from '@mahjar/sdk';
import { type StartedServer, startExamplesServer, startServer, testServerConfig } from '@mahjar/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../packages/devtools/chromium.mjs';

const SECRET = 'sk_demo_moph-lebanon';

let api: StartedServer;
let site: Server;
let siteUrl: string;
let browser: Browser;

beforeAll(async () => {
  // Enough professionals that several consent to Lebanon's ministry in one specialty.
  api = await startServer({ seed: { professionals: 300 }, config: testServerConfig });
  site = await startExamplesServer(0, '127.0.0.1', api.url);
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const orgs = await api.ctx.db.selectFrom('organisations').select(['id', 'allowed_origins']).execute();
  for (const o of orgs)
    await api.ctx.db
      .updateTable('organisations')
      .set({ allowed_origins: [...o.allowed_origins, siteUrl] })
      .where('id', '=', o.id)
      .execute();
  browser = await launchChromium(chromium);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  await api?.close();
});

interface Answer<T> {
  status: number;
  type: string | null;
  body: T;
}

/** A call the office's page makes to the API with its secret key (cross-origin, from the browser). */
async function office<T>(page: Page, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  return page.evaluate(
    async ({ url, method, body, secret }) => {
      const response = await fetch(url, {
        method,
        headers: {
          'Mahjar-Secret-Key': secret,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
    },
    { url: `${api.url}${path}`, method, body, secret: SECRET },
  );
}

/** Opens a page of the example ministry site, recording CSP violations. */
async function open(path: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${siteUrl}${path}`);
  return { page, violations };
}

const quarterOf = (date: Date) => `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;

describe('the ministry’s workbench, on its own site', () => {
  it('posts a need, mails two ranked candidates, takes an answer from the mail, assigns, records, and reports it', async () => {
    const quarter = quarterOf(new Date());
    const { page, violations } = await open('/ministry-directory/needs.html');
    await page.locator('mahjar-needs-board [part="base"]').waitFor({ timeout: 30_000 });

    // The specialty most of the ministry's consenting, verified professionals share.
    const members = await office<{ items: { specialties: string[]; status: string }[] }>(
      page,
      'GET',
      '/v1/admin/members/export?format=json',
    );
    expect(members.status).toBe(200);
    const counts = new Map<string, number>();
    for (const m of members.body.items.filter((each) => each.status === 'verified'))
      for (const s of m.specialties) counts.set(s, (counts.get(s) ?? 0) + 1);
    const [specialty] = [...counts].sort((a, b) => b[1] - a[1])[0]!;

    const before = await office<EngagementReport>(page, 'GET', `/v1/admin/reports/engagement?quarter=${quarter}`);
    expect(before.status).toBe(200);

    // 1. Post the need, open.
    const posted = await office<Need>(page, 'POST', '/v1/admin/needs', {
      title: 'Tele-consultations for the district hospital',
      specialty,
      offerKinds: ['telehealth', 'mentoring'],
      place: { country: 'LB', city: 'Halba', facility: 'Halba Governmental Hospital' },
      remote: true,
      timeZone: 'Asia/Beirut',
      languages: ['ar', 'en'],
      priorityArea: 'health-workforce',
      people: 1,
      state: 'open',
    });
    expect(posted.status).toBe(201);
    const need = posted.body;
    // a bad input writes nothing and says why
    const bad = await office<{ errors: { pointer: string }[] }>(page, 'POST', '/v1/admin/needs', {
      ...need,
      id: undefined,
      people: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');

    // 2. Candidates, ranked, each with its reasons.
    const candidates = await office<{ items: NeedCandidate[] }>(page, 'GET', `/v1/admin/needs/${need.id}/candidates`);
    expect(candidates.status).toBe(200);
    const ranked = candidates.body.items;
    expect(ranked.length).toBeGreaterThanOrEqual(2);
    const scores = ranked.map((each) => each.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const candidate of ranked) expect(candidate.reasons.map((r) => r.code)).toContain('specialty');

    // 3. Mail the two best; the link comes back to this page.
    const chosen = ranked.slice(0, 2).map((each) => each.professional.id);
    const invited = await office<{ invited: unknown[] }>(page, 'POST', `/v1/admin/needs/${need.id}/invitations`, {
      professionalIds: chosen,
      answerUrl: `${siteUrl}/ministry-directory/needs.html`,
    });
    expect(invited.status).toBe(200);
    const first = await api.ctx.db
      .selectFrom('professionals')
      .select('email')
      .where('id', '=', chosen[0]!)
      .executeTakeFirstOrThrow();
    const mail = await api.ctx.db
      .selectFrom('outbox')
      .select('text')
      .where('to_address', '=', first.email!)
      .where('kind', '=', 'need_invitation')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+#mahjar-need=\S+/.exec(mail.text)![0];
    expect(new URL(link).origin).toBe(siteUrl);

    // 4. The professional opens the link: the board shows that need with its "I can help" form.
    const answered = await browser.newPage();
    answered.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await answered.goto(link);
    const board = answered.locator('mahjar-needs-board');
    const form = board.locator(`[data-answer="${need.id}"] form`);
    await form.waitFor({ timeout: 30_000 });
    expect(new URL(answered.url()).hash, 'the token leaves the address').toBe('');
    await form.locator('textarea').fill('I can give two evenings a week.');
    await form.locator('[part="submit"]').click();
    await board.locator(`[data-answer="${need.id}"] [part="status"]`).waitFor({ timeout: 30_000 });

    // 5. The office sees the answer, shortlists and assigns it (which fills the need), and records the outcome.
    const responses = await office<{ items: NeedResponse[] }>(page, 'GET', `/v1/admin/needs/${need.id}/responses`);
    const response = responses.body.items.find((each) => each.professional.id === chosen[0]);
    expect(response?.via).toBe('invitation');
    expect(response?.message).toBe('I can give two evenings a week.');
    for (const state of ['shortlisted', 'assigned'])
      expect(
        (await office(page, 'POST', `/v1/admin/needs/${need.id}/responses/${response!.id}/state`, { state })).status,
      ).toBe(200);
    const outcome = { done: true, hours: 12, peopleReached: 85, summary: 'Twelve hours of tele-consultations.' };
    const recorded = await office<NeedAnswer>(
      page,
      'PUT',
      `/v1/admin/needs/${need.id}/responses/${response!.id}/outcome`,
      outcome,
    );
    expect([200, 201]).toContain(recorded.status);
    const filled = await office<Need>(page, 'GET', `/v1/admin/needs/${need.id}`);
    expect(filled.body.state).toBe('filled');

    // 6. The report counts it, and the impact report on the office's report page shows it.
    const after = await office<EngagementReport>(page, 'GET', `/v1/admin/reports/engagement?quarter=${quarter}`);
    const area = (report: EngagementReport) =>
      report.needs.byPriorityArea.find((each) => each.priorityArea === 'health-workforce') ?? {
        opened: 0,
        filled: 0,
        assigned: 0,
        hours: 0,
        peopleReached: 0,
      };
    const was = area(before.body);
    const now = area(after.body);
    expect([now.opened - was.opened, now.filled - was.filled, now.assigned - was.assigned]).toEqual([1, 1, 1]);
    expect([now.hours - was.hours, now.peopleReached - was.peopleReached]).toEqual([12, 85]);

    const report = await browser.newPage();
    await report.goto(`${siteUrl}/ministry-directory/report.html`);
    await report.fill('#office-key-input', SECRET);
    await report.click('#office-key button');
    const element = report.locator('mahjar-impact-report');
    const row = element.locator('figure[aria-labelledby="needs-c"] tbody tr', { hasText: 'Health workforce' });
    await row.waitFor({ state: 'attached', timeout: 30_000 }); // (in the chart's closed <details>)
    const cells = (await row.locator('td').allTextContents()).map((cell) => cell.trim());
    const n = (value: number) => new Intl.NumberFormat('en').format(value);
    expect(cells).toEqual([now.opened, now.filled, now.assigned, now.hours, now.peopleReached].map(n));
    // and its bar in the chart: "Health workforce, Opened: N"
    const bars = await element
      .locator('svg[aria-labelledby="needs-chart-t needs-chart-d"] rect title')
      .allTextContents();
    expect(bars).toContain(`Health workforce, Opened: ${n(now.opened)}`);
    expect(bars).toContain(`Health workforce, Filled: ${n(now.filled)}`);
    expect(violations).toEqual([]);
    await Promise.all([page.close(), answered.close(), report.close()]);
  });
});

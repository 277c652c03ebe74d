import type { EngagementReport } from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { quarterBounds } from '../../src/operations/reports.js';
import { forEachApiEngine } from './harness.js';

function currentQuarter(now = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

describe('quarterBounds', () => {
  it.each([
    ['2026-Q1', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s', (quarter, start, end) => {
    const b = quarterBounds(quarter);
    expect(b.start.toISOString()).toBe(start);
    expect(b.end.toISOString()).toBe(end);
  });
});

forEachApiEngine('engagement report', (env) => {
  const quarter = currentQuarter();
  const report = async (org: string, q = quarter) => {
    const { data, response } = await env()
      .client({ key: 'secret', org })
      .GET('/v1/admin/reports/engagement', { params: { query: { quarter: q } } });
    expect(response.status).toBe(200);
    return data as EngagementReport;
  };
  const raisedFor = (r: EngagementReport, slug: string) =>
    r.fundsRaised.byCampaign.filter((c) => c.campaignSlug === slug).reduce((sum, c) => sum + c.amount, 0);

  it('counts a chapter’s verified members, and a ministry only those who consented to it', async () => {
    const [chapter, ministry, iraq] = await Promise.all([
      report('ilma-usa'),
      report('moph-lebanon'),
      report('moh-iraq'),
    ]);
    const { end } = quarterBounds(quarter);
    const count = async (chapterSlug: string | null, ministrySlug: string | null = null) => {
      const row = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM professionals p
        WHERE status = 'verified' AND verified_at < ${end}
          AND (${chapterSlug}::text IS NULL OR ${chapterSlug}::text = ANY(chapters))
          AND (${ministrySlug}::text IS NULL OR (
            SELECT c.permissions -> 'ministries' ? ${ministrySlug}::text FROM consent_records c
            WHERE c.professional_id = p.id ORDER BY c.created_at DESC LIMIT 1))`.execute(env().db);
      return row.rows[0]!.n;
    };
    expect(chapter.verifiedMembers.total).toBe(await count('ilma-usa'));
    expect(ministry.verifiedMembers.total).toBe(await count(null, 'moph-lebanon'));
    expect(iraq.verifiedMembers.total).toBe(await count(null, 'moh-iraq'));
    // the seed's members share with their own chapter's ministry only: the two add up to no more than all
    expect(ministry.verifiedMembers.total + iraq.verifiedMembers.total).toBeLessThanOrEqual(await count(null));
    expect(ministry.verifiedMembers.total).toBeGreaterThan(0);
    expect(iraq.verifiedMembers.total).toBeGreaterThan(0);
    const byCountry = ministry.verifiedMembers.byCountry.reduce((s, c) => s + c.count, 0);
    expect(byCountry).toBe(ministry.verifiedMembers.total);
  });

  it('adds a donation completed through the sandbox to its campaign, chapter and priority area', async () => {
    const before = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);
    const created = await env()
      .client()
      .POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug: 'mental-health-lines' } },
        body: {
          amount: 4_321,
          currency: 'USD',
          frequency: 'one_off',
          anonymous: true,
          donorEmail: 'report-test@example.org',
        },
      });
    expect(created.response.status).toBe(201);
    const session = new URL(created.data!.redirectUrl).pathname.split('/').at(-1)!;
    const done = await env().fetch(`/v1/payments/sandbox/checkout/${session}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=succeeded',
      redirect: 'manual',
    });
    expect(done.status).toBe(303);

    const after = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);
    expect(raisedFor(after[0], 'mental-health-lines') - raisedFor(before[0], 'mental-health-lines')).toBe(4_321);
    expect(raisedFor(after[1], 'mental-health-lines') - raisedFor(before[1], 'mental-health-lines')).toBe(4_321);
    expect(after[2].fundsRaised).toEqual(before[2].fundsRaised);
    const area = (r: EngagementReport) =>
      r.priorityAreas.find((a) => a.priorityArea === 'mental-health')!.fundsRaised.find((m) => m.currency === 'USD')
        ?.amount ?? 0;
    expect(area(after[0]) - area(before[0])).toBe(4_321);
  });

  it('never sums money across currencies', async () => {
    const r = await report('moph-lebanon');
    const currencies = r.fundsRaised.totals.map((t) => t.currency);
    expect(new Set(currencies).size).toBe(currencies.length);
    for (const t of r.fundsRaised.totals) {
      const sum = r.fundsRaised.byCampaign.filter((c) => c.currency === t.currency).reduce((s, c) => s + c.amount, 0);
      expect(t.amount).toBe(sum);
    }
  });

  it('exports CSV with one section per table', async () => {
    const res = await env().fetch(`/v1/admin/reports/engagement?quarter=${quarter}&format=csv`, {
      headers: { 'Mahjar-Secret-Key': 'sk_demo_moph-lebanon' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const text = await res.text();
    for (const section of [
      'summary',
      'signups',
      'verified_members_by_country',
      'funds_by_campaign',
      'priority_areas',
    ]) {
      expect(text).toContain(`# ${section}\r\n`);
    }
    expect(text).toContain(`moph-lebanon,${quarter},`);
  });

  it.each([
    ['2026-Q5', 400],
    ['2026Q1', 400],
    ['', 400],
  ])('rejects quarter %j with %i', async (q, status) => {
    const res = await env().fetch(`/v1/admin/reports/engagement?quarter=${q}`, {
      headers: { 'Mahjar-Secret-Key': 'sk_demo_moph-lebanon' },
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('is not available with a publishable key', async () => {
    const { response, data } = await env()
      .client()
      .GET('/v1/admin/reports/engagement', { params: { query: { quarter } } });
    expect(response.status).toBe(403);
    expect(data).toBeUndefined();
  });
});

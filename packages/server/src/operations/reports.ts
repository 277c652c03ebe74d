import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { requireRole } from '../http/auth.js';
import type { Handlers } from '../http/types.js';
import { ProblemError } from '../problems.js';
import { csvRow } from './csv.js';

type Report = components['schemas']['EngagementReport'];
type MoneyTotal = components['schemas']['MoneyTotal'];

/** `2026-Q3` → [2026-07-01T00:00Z, 2026-10-01T00:00Z). */
export function quarterBounds(quarter: string): { start: Date; end: Date } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new ProblemError('validation', 'quarter must look like 2026-Q3');
  const year = Number(m[1]);
  const q = Number(m[2]);
  return { start: new Date(Date.UTC(year, (q - 1) * 3, 1)), end: new Date(Date.UTC(year, q * 3, 1)) };
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * The International Office's quarterly KPIs for one organisation. A chapter sees its own members,
 * events and campaigns; the ministry and the umbrella see everyone's. Every figure is one SQL
 * aggregate, so the report costs a handful of queries whatever the size of the database.
 */
export async function buildReport(
  db: Kysely<DB>,
  scope: { slug: string; all: boolean; ministry?: string },
  quarter: string,
  now: Date,
): Promise<Report> {
  const { start, end } = quarterBounds(quarter);
  const chapter = scope.all ? null : scope.slug;
  // A ministry's figures count only the professionals whose latest consent names it.
  const ministry = scope.ministry ?? null;
  const inChapter = sql`(${chapter}::text IS NULL OR ${chapter}::text = ANY(p.chapters))
    AND (${ministry}::text IS NULL OR ${ministry}::text = ANY(p.ministries))`;
  const byOrganiser = (alias: string) =>
    sql`(${chapter}::text IS NULL OR ${sql.ref(`${alias}.organiser_slug`)} = ${chapter})`;
  const heldUntil = end < now ? end : now;

  const signups = await sql<{ received: number; email_verified: number; verified: number }>`
    SELECT count(*) FILTER (WHERE p.created_at >= ${start} AND p.created_at < ${end}) AS received,
           count(*) FILTER (WHERE p.email_verified_at >= ${start} AND p.email_verified_at < ${end}) AS email_verified,
           count(*) FILTER (WHERE p.verified_at >= ${start} AND p.verified_at < ${end}) AS verified
    FROM professionals p WHERE ${inChapter}`.execute(db);

  const verifiedWhere = sql`p.status = 'verified' AND p.verified_at < ${end} AND ${inChapter}`;
  const byCountry = await sql<{ country: string; count: number }>`
    SELECT p.country, count(*) AS count FROM professionals p WHERE ${verifiedWhere}
    GROUP BY p.country ORDER BY count DESC, p.country`.execute(db);
  const bySpecialty = await sql<{ specialty: string; count: number }>`
    SELECT s AS specialty, count(*) AS count FROM professionals p, unnest(p.specialties) s WHERE ${verifiedWhere}
    GROUP BY s ORDER BY count DESC, s`.execute(db);

  const eventWhere = sql`e.starts_at >= ${start} AND e.starts_at < ${heldUntil} AND ${byOrganiser('e')}`;
  const events = await sql<{ kind: string; held: number; cancelled: number; cme: number }>`
    SELECT e.kind,
           count(*) FILTER (WHERE e.status <> 'cancelled') AS held,
           count(*) FILTER (WHERE e.status = 'cancelled') AS cancelled,
           coalesce(sum(e.cme_credits) FILTER (WHERE e.status <> 'cancelled'), 0) AS cme
    FROM events e WHERE ${eventWhere} GROUP BY e.kind ORDER BY e.kind`.execute(db);

  const registrations = await sql<{
    total: number;
    confirmed: number;
    waitlisted: number;
    cancelled: number;
    attended: number;
  }>`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE r.status = 'confirmed') AS confirmed,
           count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
           count(*) FILTER (WHERE r.status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE r.attended_at IS NOT NULL) AS attended
    FROM registrations r JOIN events e ON e.id = r.event_id
    WHERE ${eventWhere} AND e.status <> 'cancelled'`.execute(db);

  const contacts = await sql<{ purpose: string; count: number }>`
    SELECT c.purpose, count(*) AS count FROM contact_requests c JOIN professionals p ON p.id = c.professional_id
    WHERE c.created_at >= ${start} AND c.created_at < ${end} AND ${inChapter}
    GROUP BY c.purpose ORDER BY count DESC, c.purpose`.execute(db);

  const funds = await sql<{
    slug: string;
    title: Record<string, string>;
    priority_area: string;
    currency: string;
    amount: number;
    donations: number;
    donors: number;
  }>`
    SELECT c.slug, c.title, c.priority_area, d.currency, sum(d.amount) AS amount, count(*) AS donations,
           -- every month of a monthly donation is a donation; its donor is counted once
           count(DISTINCT coalesce(d.renewal_of, d.id)) AS donors
    FROM donations d JOIN campaigns c ON c.id = d.campaign_id
    WHERE d.status = 'succeeded' AND d.created_at >= ${start} AND d.created_at < ${end} AND ${byOrganiser('c')}
    GROUP BY c.slug, c.title, c.priority_area, d.currency ORDER BY c.slug, d.currency`.execute(db);

  const areaEvents = await sql<{ area: string; held: number; registrations: number; attended: number }>`
    SELECT e.priority_area AS area, count(DISTINCT e.id) AS held,
           count(r.id) FILTER (WHERE r.status <> 'cancelled') AS registrations,
           count(r.id) FILTER (WHERE r.attended_at IS NOT NULL) AS attended
    FROM events e LEFT JOIN registrations r ON r.event_id = e.id
    WHERE ${eventWhere} AND e.status <> 'cancelled' AND e.priority_area IS NOT NULL
    GROUP BY e.priority_area`.execute(db);
  const areaOffers = await sql<{ area: string; offers: number }>`
    SELECT o->>'priorityArea' AS area, count(*) AS offers
    FROM professionals p, jsonb_array_elements(p.offers) o
    WHERE p.status = 'verified' AND ${inChapter} AND o->>'priorityArea' IS NOT NULL
    GROUP BY 1`.execute(db);
  const areas = await db.selectFrom('priority_areas').select('code').orderBy('position').execute();

  const totals = new Map<string, MoneyTotal>();
  const byArea = new Map<string, Map<string, MoneyTotal>>();
  for (const f of funds.rows) {
    const t = totals.get(f.currency) ?? { currency: f.currency, amount: 0, donationCount: 0 };
    t.amount += n(f.amount);
    t.donationCount += n(f.donations);
    totals.set(f.currency, t);
    const area = byArea.get(f.priority_area) ?? new Map<string, MoneyTotal>();
    const a = area.get(f.currency) ?? { currency: f.currency, amount: 0, donationCount: 0 };
    a.amount += n(f.amount);
    a.donationCount += n(f.donations);
    area.set(f.currency, a);
    byArea.set(f.priority_area, area);
  }
  const reg = registrations.rows[0]!;
  const s = signups.rows[0]!;

  return {
    organisationSlug: scope.slug,
    quarter,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    generatedAt: now.toISOString(),
    signups: { received: n(s.received), emailVerified: n(s.email_verified), verified: n(s.verified) },
    verifiedMembers: {
      total: byCountry.rows.reduce((sum, r) => sum + n(r.count), 0),
      byCountry: byCountry.rows.map((r) => ({ country: r.country, count: n(r.count) })),
      bySpecialty: bySpecialty.rows.map((r) => ({ specialty: r.specialty, count: n(r.count) })),
    },
    events: {
      held: events.rows.reduce((sum, r) => sum + n(r.held), 0),
      cancelled: events.rows.reduce((sum, r) => sum + n(r.cancelled), 0),
      byKind: events.rows
        .filter((r) => n(r.held) > 0)
        .map((r) => ({ kind: r.kind as components['schemas']['EventKind'], count: n(r.held) })),
      cmeCreditsOffered: events.rows.reduce((sum, r) => sum + n(r.cme), 0),
    },
    registrations: {
      total: n(reg.total),
      confirmed: n(reg.confirmed),
      waitlisted: n(reg.waitlisted),
      cancelled: n(reg.cancelled),
      attended: n(reg.attended),
      attendanceRate: n(reg.confirmed) > 0 ? Math.round((n(reg.attended) / n(reg.confirmed)) * 1000) / 1000 : null,
    },
    contactRequests: {
      total: contacts.rows.reduce((sum, r) => sum + n(r.count), 0),
      byPurpose: contacts.rows.map((r) => ({
        purpose: r.purpose as components['schemas']['ContactPurpose'],
        count: n(r.count),
      })),
    },
    fundsRaised: {
      totals: [...totals.values()],
      byCampaign: funds.rows.map((f) => ({
        campaignSlug: f.slug,
        title: f.title,
        priorityArea: f.priority_area,
        currency: f.currency,
        amount: n(f.amount),
        donorCount: n(f.donors),
      })),
      byPriorityArea: [...byArea].flatMap(([priorityArea, m]) =>
        [...m.values()].map((t) => ({ priorityArea, currency: t.currency, amount: t.amount })),
      ),
    },
    priorityAreas: areas.map(({ code }) => {
      const e = areaEvents.rows.find((r) => r.area === code);
      return {
        priorityArea: code,
        eventsHeld: n(e?.held),
        registrations: n(e?.registrations),
        attended: n(e?.attended),
        activeOffers: n(areaOffers.rows.find((r) => r.area === code)?.offers),
        fundsRaised: [...(byArea.get(code)?.values() ?? [])],
      };
    }),
  };
}

/** CSV: one section per table, each introduced by a `# section` line, as the contract describes. */
export function reportToCsv(r: Report): string {
  const lines: string[] = [];
  const section = (name: string, header: string[], rows: unknown[][]) => {
    lines.push(`# ${name}`, csvRow(header), ...rows.map(csvRow), '');
  };
  section(
    'summary',
    ['organisation', 'quarter', 'period_start', 'period_end', 'generated_at'],
    [[r.organisationSlug, r.quarter, r.periodStart, r.periodEnd, r.generatedAt]],
  );
  section(
    'signups',
    ['received', 'email_verified', 'verified'],
    [[r.signups.received, r.signups.emailVerified, r.signups.verified]],
  );
  section(
    'verified_members_by_country',
    ['country', 'count'],
    r.verifiedMembers.byCountry.map((c) => [c.country, c.count]),
  );
  section(
    'verified_members_by_specialty',
    ['specialty', 'count'],
    r.verifiedMembers.bySpecialty.map((c) => [c.specialty, c.count]),
  );
  section(
    'events',
    ['held', 'cancelled', 'cme_credits_offered'],
    [[r.events.held, r.events.cancelled, r.events.cmeCreditsOffered]],
  );
  section(
    'events_by_kind',
    ['kind', 'count'],
    r.events.byKind.map((k) => [k.kind, k.count]),
  );
  const g = r.registrations;
  section(
    'registrations',
    ['total', 'confirmed', 'waitlisted', 'cancelled', 'attended', 'attendance_rate'],
    [[g.total, g.confirmed, g.waitlisted, g.cancelled, g.attended, g.attendanceRate ?? '']],
  );
  section(
    'contact_requests_by_purpose',
    ['purpose', 'count'],
    r.contactRequests.byPurpose.map((p) => [p.purpose, p.count]),
  );
  section(
    'funds_by_campaign',
    ['campaign', 'priority_area', 'currency', 'amount_minor', 'donors'],
    r.fundsRaised.byCampaign.map((c) => [c.campaignSlug, c.priorityArea, c.currency, c.amount, c.donorCount]),
  );
  section(
    'funds_by_priority_area',
    ['priority_area', 'currency', 'amount_minor'],
    r.fundsRaised.byPriorityArea.map((a) => [a.priorityArea, a.currency, a.amount]),
  );
  section(
    'priority_areas',
    ['priority_area', 'events_held', 'registrations', 'attended', 'active_offers'],
    r.priorityAreas.map((a) => [a.priorityArea, a.eventsHeld, a.registrations, a.attended, a.activeOffers]),
  );
  return lines.join('\r\n');
}

export const reportHandlers: Pick<Handlers, 'getEngagementReport'> = {
  async getEngagementReport({ db, principal, query, ctx }) {
    const p = requireRole(principal, 'viewer');
    const all = p.organisationKind === 'ministry' || p.organisationKind === 'umbrella';
    const ministry = p.organisationKind === 'ministry' ? p.organisationSlug : undefined;
    const report = await buildReport(
      db,
      { slug: p.organisationSlug, all, ...(ministry ? { ministry } : {}) },
      query.quarter,
      ctx.now(),
    );
    const filename = `mahjar-engagement-${p.organisationSlug}-${query.quarter}`;
    if (query.format === 'csv') {
      return {
        status: 200,
        mediaType: 'text/csv',
        body: reportToCsv(report),
        headers: {
          'Content-Disposition': `attachment; filename="${filename}.csv"`,
          'Cache-Control': 'private, no-store',
        },
      };
    }
    return {
      status: 200,
      body: report,
      headers: { 'Content-Disposition': `inline; filename="${filename}.json"`, 'Cache-Control': 'private, no-store' },
    };
  },
};

import type { components } from '@mahjar/sdk';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { requireRole } from '../http/auth.js';
import type { Handlers } from '../http/types.js';
import { type FieldError, ProblemError } from '../problems.js';
import { csvRow } from './csv.js';

type Schemas = components['schemas'];
type Report = Schemas['EngagementReport'];
type MoneyTotal = Schemas['MoneyTotal'];
type Narrative = Schemas['ReportNarrative'];

/** `2026-Q3` → [2026-07-01T00:00Z, 2026-10-01T00:00Z). */
export function quarterBounds(quarter: string): { start: Date; end: Date } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new ProblemError('validation', 'quarter must look like 2026-Q3');
  const year = Number(m[1]);
  const q = Number(m[2]);
  return { start: new Date(Date.UTC(year, (q - 1) * 3, 1)), end: new Date(Date.UTC(year, q * 3, 1)) };
}

/** The quarter before `quarter`: `2026-Q1` → `2025-Q4`. */
export function previousQuarter(quarter: string): string {
  const { start } = quarterBounds(quarter);
  const before = new Date(start.getTime() - 1);
  return `${before.getUTCFullYear()}-Q${Math.floor(before.getUTCMonth() / 3) + 1}`;
}

const n = (v: unknown) => Number(v ?? 0);
const sum = <T>(rows: readonly T[], figure: (row: T) => unknown) => rows.reduce((total, r) => total + n(figure(r)), 0);

/** Whose figures a report counts: see `getEngagementReport`. */
export interface ReportScope {
  slug: string;
  /** The organisation's id: its needs and its narrative are its own, whatever its kind. */
  organisationId: string;
  /** The umbrella and a ministry see every chapter's activity; a chapter its own. */
  all: boolean;
  /** A ministry counts only the professionals whose latest consent names it. */
  ministry?: string;
}

interface Period {
  start: Date;
  end: Date;
}

/**
 * Every query of the report, for any period: the quarter's figures and the headline of the quarter
 * before (`previousQuarter`) come from the same statements, so they are counted the same way.
 * Every figure is one SQL aggregate, so the report costs a handful of queries whatever the size of
 * the database.
 */
function reportQueries(db: Kysely<DB>, scope: ReportScope, now: Date) {
  const chapter = scope.all ? null : scope.slug;
  const ministry = scope.ministry ?? null;
  /** The professional `p` (a row of `report_members`) counts for this organisation. */
  const inScope = sql`(${chapter}::text IS NULL OR ${chapter}::text = ANY(p.chapters))
    AND (${ministry}::text IS NULL OR ${ministry}::text = ANY(p.ministries))`;
  const byOrganiser = (alias: string) =>
    sql`(${chapter}::text IS NULL OR ${sql.ref(`${alias}.organiser_slug`)} = ${chapter})`;
  /** Events held in the period: started in it, and already (a quarter still running counts until now). */
  const eventsHeldIn = ({ start, end }: Period) => {
    const heldUntil = end < now ? end : now;
    return sql`e.starts_at >= ${start} AND e.starts_at < ${heldUntil} AND ${byOrganiser('e')}`;
  };
  /** The UTC month of an instant, `YYYY-MM`. */
  const monthOf = (instant: RawBuilder<unknown>) => sql<string>`to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM')`;
  const within = (column: string, { start, end }: Period) =>
    sql`${sql.ref(column)} >= ${start} AND ${sql.ref(column)} < ${end}`;
  const organisationId = scope.organisationId;
  /** The scope's key in `report_member_counts`. */
  const countsScope = ministry ? `ministry:${ministry}` : chapter ? `chapter:${chapter}` : '*';
  const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

  return {
    inScope,
    byOrganiser,
    eventsHeldIn,

    /** Signups received in the period and how far they got: each moment counted from its own index. */
    signups: async ({ start, end }: Period) => {
      const during = (moment: string) =>
        sql`(SELECT count(*) FROM report_members p
             WHERE ${sql.ref(`p.${moment}`)} >= ${start} AND ${sql.ref(`p.${moment}`)} < ${end} AND ${inScope})`;
      return (
        await sql<{ received: number; email_verified: number; verified: number }>`
          SELECT ${during('created_at')} AS received, ${during('email_verified_at')} AS email_verified,
                 ${during('verified_at')} AS verified`.execute(db)
      ).rows[0]!;
    },

    /**
     * Verified members by country and by specialty at the end of the period, by country at the end of
     * the one before (the same sum for both), and the offers of all verified members by priority area:
     * sums over the months of `report_member_counts` (migration 0017), which holds exactly what
     * counting `report_members` would give.
     */
    verifiedMembers: async ({ end }: Period, { end: endBefore }: Period) =>
      (
        await sql<{
          kind: 'country' | 'specialty' | 'area';
          code: string;
          count: number;
          before: number;
          total: number;
        }>`
          SELECT kind, code,
                 coalesce(sum(n) FILTER (WHERE month < ${dayOf(end)}::date), 0) AS count,
                 coalesce(sum(n) FILTER (WHERE month < ${dayOf(endBefore)}::date), 0) AS before,
                 sum(n) AS total
          FROM report_member_counts WHERE scope = ${countsScope}
          GROUP BY kind, code ORDER BY kind, count DESC, code`.execute(db)
      ).rows,

    /** Events held by kind and month (the quarter's totals are the sums). */
    events: async (period: Period) =>
      (
        await sql<{ kind: string; month: string; held: number; cancelled: number; cme: number }>`
          SELECT e.kind, ${monthOf(sql`e.starts_at`)} AS month,
                 count(*) FILTER (WHERE e.status <> 'cancelled') AS held,
                 count(*) FILTER (WHERE e.status = 'cancelled') AS cancelled,
                 coalesce(sum(e.cme_credits) FILTER (WHERE e.status <> 'cancelled'), 0) AS cme
          FROM events e WHERE ${eventsHeldIn(period)} GROUP BY 1, 2 ORDER BY 1, 2`.execute(db)
      ).rows,

    /** Registrations for the events held, by the month of their event (the quarter's totals are the sums). */
    registrations: async (period: Period) =>
      (
        await sql<{
          month: string;
          total: number;
          confirmed: number;
          waitlisted: number;
          cancelled: number;
          attended: number;
        }>`
          SELECT ${monthOf(sql`e.starts_at`)} AS month,
                 count(*) AS total,
                 count(*) FILTER (WHERE r.status = 'confirmed') AS confirmed,
                 count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
                 count(*) FILTER (WHERE r.status = 'cancelled') AS cancelled,
                 count(*) FILTER (WHERE r.attended_at IS NOT NULL) AS attended
          FROM registrations r JOIN events e ON e.id = r.event_id
          WHERE ${eventsHeldIn(period)} AND e.status <> 'cancelled' GROUP BY 1 ORDER BY 1`.execute(db)
      ).rows,

    contacts: async (period: Period) =>
      (
        await sql<{ purpose: string; count: number }>`
          SELECT c.purpose, count(*) AS count FROM contact_requests c
          JOIN report_members p ON p.professional_id = c.professional_id
          WHERE ${within('c.created_at', period)} AND ${inScope}
          GROUP BY c.purpose ORDER BY count DESC, c.purpose`.execute(db)
      ).rows,

    funds: async (period: Period) =>
      (
        await sql<{
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
          WHERE d.status = 'succeeded' AND ${within('d.created_at', period)} AND ${byOrganiser('c')}
          GROUP BY c.slug, c.title, c.priority_area, d.currency ORDER BY c.slug, d.currency`.execute(db)
      ).rows,

    /**
     * The organisation's needs by priority area: how many became open, filled or closed in the period
     * (from their history), and the answers received, the professionals assigned and the outcomes
     * recorded in it (an outcome recorded again counts once, at its latest recording, with its
     * latest hours and people). Answers count only the professionals in scope.
     */
    needs: async (period: Period) => {
      const [moves, answers] = await Promise.all([
        sql<{ area: string; opened: number; filled: number; closed: number }>`
          SELECT n.priority_area AS area,
                 count(DISTINCT c.need_id) FILTER (WHERE c.to_state = 'open') AS opened,
                 count(DISTINCT c.need_id) FILTER (WHERE c.to_state = 'filled') AS filled,
                 count(DISTINCT c.need_id) FILTER (WHERE c.to_state = 'closed') AS closed
          FROM needs n JOIN need_changes c ON c.need_id = n.id
          WHERE n.organisation_id = ${organisationId} AND c.action <> 'updated'
            AND c.from_state IS DISTINCT FROM c.to_state AND ${within('c.created_at', period)}
          GROUP BY n.priority_area`.execute(db),
        sql<{ area: string; answers: number; assigned: number; outcomes: number; hours: number; people: number }>`
          SELECT n.priority_area AS area,
                 count(*) FILTER (WHERE ${within('r.created_at', period)}) AS answers,
                 count(*) FILTER (WHERE ${within('m.assigned_at', period)}) AS assigned,
                 count(*) FILTER (WHERE ${within('m.outcome_at', period)}) AS outcomes,
                 coalesce(sum(r.outcome_hours) FILTER (WHERE ${within('m.outcome_at', period)}), 0) AS hours,
                 coalesce(sum(r.outcome_people) FILTER (WHERE ${within('m.outcome_at', period)}), 0) AS people
          FROM needs n JOIN need_responses r ON r.need_id = n.id
          JOIN report_members p ON p.professional_id = r.professional_id
          CROSS JOIN LATERAL (
            SELECT max(c.created_at) FILTER (WHERE c.action = 'assigned') AS assigned_at,
                   max(c.created_at) FILTER (WHERE c.action = 'outcome_recorded') AS outcome_at
            FROM need_response_changes c WHERE c.response_id = r.id) m
          WHERE n.organisation_id = ${organisationId} AND ${inScope}
          GROUP BY n.priority_area`.execute(db),
      ]);
      return { moves: moves.rows, answers: answers.rows };
    },

    /** The organisation's needs open at the end of the period: opened before it, neither filled nor closed since. */
    needsOpenAt: async ({ end }: Period) =>
      n(
        (
          await sql<{ count: number }>`
            SELECT count(*) AS count FROM needs n
            WHERE n.organisation_id = ${organisationId}
              AND EXISTS (SELECT 1 FROM need_changes c
                          WHERE c.need_id = n.id AND c.to_state = 'open' AND c.created_at < ${end})
              AND NOT EXISTS (SELECT 1 FROM need_changes c
                              WHERE c.need_id = n.id AND c.to_state IN ('filled', 'closed') AND c.created_at < ${end})`.execute(
            db,
          )
        ).rows[0]?.count,
      ),
  };
}

type Queries = ReturnType<typeof reportQueries>;
type FundRow = Awaited<ReturnType<Queries['funds']>>[number];
type NeedRows = Awaited<ReturnType<Queries['needs']>>;

/** Succeeded donations per currency, and per priority area and currency. */
function moneyTotals(funds: readonly FundRow[]) {
  const totals = new Map<string, MoneyTotal>();
  const byArea = new Map<string, Map<string, MoneyTotal>>();
  const add = (into: Map<string, MoneyTotal>, f: FundRow) => {
    const t = into.get(f.currency) ?? { currency: f.currency, amount: 0, donationCount: 0 };
    t.amount += n(f.amount);
    t.donationCount += n(f.donations);
    into.set(f.currency, t);
  };
  for (const f of funds) {
    add(totals, f);
    const area = byArea.get(f.priority_area) ?? new Map<string, MoneyTotal>();
    add(area, f);
    byArea.set(f.priority_area, area);
  }
  return { totals: [...totals.values()], byArea };
}

/** The three `YYYY-MM` months of a quarter, in order. */
function monthsOf({ start }: Period): string[] {
  return [0, 1, 2].map((k) => {
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1));
    return month.toISOString().slice(0, 7);
  });
}

/** A quarter's narrative as stored, or the empty one nobody wrote yet. */
async function readNarrative(db: Kysely<DB>, organisationId: string, quarter: string): Promise<Narrative> {
  const row = await db
    .selectFrom('report_narratives')
    .select(['milestones', 'outcomes', 'challenges', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('quarter', '=', quarter)
    .executeTakeFirst();
  return {
    quarter,
    milestones: row?.milestones ?? [],
    outcomes: row?.outcomes ?? [],
    challenges: row?.challenges ?? [],
    updatedAt: row ? row.updated_at.toISOString() : null,
  };
}

/**
 * The International Office's quarterly KPIs for one organisation. A chapter sees its own members,
 * events and campaigns; the ministry and the umbrella see everyone's; the needs and the narrative
 * are the organisation's own.
 */
export async function buildReport(db: Kysely<DB>, scope: ReportScope, quarter: string, now: Date): Promise<Report> {
  const period = quarterBounds(quarter);
  const before = previousQuarter(quarter);
  const beforePeriod = quarterBounds(before);
  const q = reportQueries(db, scope, now);

  /** The headline figures of a period, as `previousQuarter` has them and the quarter's own sections add up to. */
  const headline = async (p: Period) => {
    const [signups, events, registrations, contacts, funds, needs] = await Promise.all([
      q.signups(p),
      q.events(p),
      q.registrations(p),
      q.contacts(p),
      q.funds(p),
      q.needs(p),
    ]);
    return { signups, events, registrations, contacts, funds, needs };
  };

  const [members, current, previous, areaEvents, areas, openAtEnd, narrative] = await Promise.all([
    q.verifiedMembers(period, beforePeriod),
    headline(period),
    headline(beforePeriod),
    sql<{ area: string; held: number; registrations: number; attended: number }>`
      SELECT e.priority_area AS area, count(DISTINCT e.id) AS held,
             count(r.id) FILTER (WHERE r.status <> 'cancelled') AS registrations,
             count(r.id) FILTER (WHERE r.attended_at IS NOT NULL) AS attended
      FROM events e LEFT JOIN registrations r ON r.event_id = e.id
      WHERE ${q.eventsHeldIn(period)} AND e.status <> 'cancelled' AND e.priority_area IS NOT NULL
      GROUP BY e.priority_area`.execute(db),
    db.selectFrom('priority_areas').select(['code', 'name']).orderBy('position').execute(),
    q.needsOpenAt(period),
    readNarrative(db, scope.organisationId, quarter),
  ]);

  const { signups: s, events, registrations, contacts, funds, needs } = current;
  const countries = members.filter((r) => r.kind === 'country');
  const byCountry = countries.filter((r) => n(r.count) > 0);
  const bySpecialty = members.filter((r) => r.kind === 'specialty' && n(r.count) > 0);
  const areaOffers = members.filter((r) => r.kind === 'area' && n(r.total) > 0);
  const money = moneyTotals(funds);
  const needTotals = (rows: NeedRows) => ({
    opened: sum(rows.moves, (r) => r.opened),
    filled: sum(rows.moves, (r) => r.filled),
    closed: sum(rows.moves, (r) => r.closed),
    answers: sum(rows.answers, (r) => r.answers),
    assigned: sum(rows.answers, (r) => r.assigned),
    outcomes: sum(rows.answers, (r) => r.outcomes),
    hours: sum(rows.answers, (r) => r.hours),
    peopleReached: sum(rows.answers, (r) => r.people),
  });
  const needsNow = needTotals(needs);
  const needsBefore = needTotals(previous.needs);

  return {
    organisationSlug: scope.slug,
    quarter,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    generatedAt: now.toISOString(),
    signups: { received: n(s.received), emailVerified: n(s.email_verified), verified: n(s.verified) },
    verifiedMembers: {
      total: sum(byCountry, (r) => r.count),
      byCountry: byCountry.map((r) => ({ country: r.code, count: n(r.count) })),
      bySpecialty: bySpecialty.map((r) => ({ specialty: r.code, count: n(r.count) })),
    },
    events: {
      held: sum(events, (r) => r.held),
      cancelled: sum(events, (r) => r.cancelled),
      byKind: [...Map.groupBy(events, (r) => r.kind)]
        .map(([kind, rows]) => ({ kind: kind as Schemas['EventKind'], count: sum(rows, (r) => r.held) }))
        .filter((k) => k.count > 0),
      cmeCreditsOffered: sum(events, (r) => r.cme),
    },
    registrations: {
      total: sum(registrations, (r) => r.total),
      confirmed: sum(registrations, (r) => r.confirmed),
      waitlisted: sum(registrations, (r) => r.waitlisted),
      cancelled: sum(registrations, (r) => r.cancelled),
      attended: sum(registrations, (r) => r.attended),
      attendanceRate: attendanceRate(registrations),
    },
    contactRequests: {
      total: sum(contacts, (r) => r.count),
      byPurpose: contacts.map((r) => ({ purpose: r.purpose as Schemas['ContactPurpose'], count: n(r.count) })),
    },
    fundsRaised: {
      totals: money.totals,
      byCampaign: funds.map((f) => ({
        campaignSlug: f.slug,
        title: f.title,
        priorityArea: f.priority_area,
        currency: f.currency,
        amount: n(f.amount),
        donorCount: n(f.donors),
      })),
      byPriorityArea: [...money.byArea].flatMap(([priorityArea, m]) =>
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
        activeOffers: n(areaOffers.find((r) => r.code === code)?.total),
        fundsRaised: [...(money.byArea.get(code)?.values() ?? [])],
      };
    }),
    eventsByMonth: monthsOf(period).map((month) => {
      const held = events.filter((r) => r.month === month);
      const registered = registrations.filter((r) => r.month === month);
      return {
        month,
        eventsHeld: sum(held, (r) => r.held),
        webinarsHeld: sum(
          held.filter((r) => r.kind === 'webinar'),
          (r) => r.held,
        ),
        registrations: sum(registered, (r) => r.confirmed),
        participants: sum(registered, (r) => r.attended),
      };
    }),
    needs: {
      ...needsNow,
      openAtEnd,
      byPriorityArea: areas.flatMap(({ code }) => {
        const moves = needs.moves.find((r) => r.area === code);
        const answers = needs.answers.find((r) => r.area === code);
        const area = {
          priorityArea: code,
          opened: n(moves?.opened),
          filled: n(moves?.filled),
          assigned: n(answers?.assigned),
          hours: n(answers?.hours),
          peopleReached: n(answers?.people),
        };
        // an area appears when one of its needs moved, or someone was assigned or reported back
        return area.opened || area.filled || area.assigned || n(answers?.outcomes) ? [area] : [];
      }),
    },
    previousQuarter: {
      quarter: before,
      signupsReceived: n(previous.signups.received),
      verifiedMembers: sum(countries, (r) => r.before),
      eventsHeld: sum(previous.events, (r) => r.held),
      participants: sum(previous.registrations, (r) => r.attended),
      contactRequests: sum(previous.contacts, (r) => r.count),
      needsOpened: needsBefore.opened,
      needsFilled: needsBefore.filled,
      fundsRaised: moneyTotals(previous.funds).totals,
    },
    narrative,
    // every area the report names is one of these: campaigns, events and needs reference the table
    labels: {
      priorityArea: Object.fromEntries(areas.map(({ code, name }) => [code, name as Schemas['LocalizedText']])),
    },
  };
}

function attendanceRate(rows: readonly { confirmed: number; attended: number }[]): number | null {
  const confirmed = sum(rows, (r) => r.confirmed);
  return confirmed > 0 ? Math.round((sum(rows, (r) => r.attended) / confirmed) * 1000) / 1000 : null;
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
  section(
    'events_by_month',
    ['month', 'events_held', 'webinars_held', 'registrations', 'participants'],
    r.eventsByMonth.map((m) => [m.month, m.eventsHeld, m.webinarsHeld, m.registrations, m.participants]),
  );
  const d = r.needs;
  section(
    'needs',
    ['opened', 'filled', 'closed', 'open_at_end', 'answers', 'assigned', 'outcomes', 'hours', 'people_reached'],
    [[d.opened, d.filled, d.closed, d.openAtEnd, d.answers, d.assigned, d.outcomes, d.hours, d.peopleReached]],
  );
  section(
    'needs_by_priority_area',
    ['priority_area', 'opened', 'filled', 'assigned', 'hours', 'people_reached'],
    d.byPriorityArea.map((a) => [a.priorityArea, a.opened, a.filled, a.assigned, a.hours, a.peopleReached]),
  );
  const b = r.previousQuarter;
  section(
    'previous_quarter',
    [
      'quarter',
      'signups_received',
      'verified_members',
      'events_held',
      'participants',
      'contact_requests',
      'needs_opened',
      'needs_filled',
    ],
    [
      [
        b.quarter,
        b.signupsReceived,
        b.verifiedMembers,
        b.eventsHeld,
        b.participants,
        b.contactRequests,
        b.needsOpened,
        b.needsFilled,
      ],
    ],
  );
  section(
    'previous_quarter_funds',
    ['quarter', 'currency', 'amount_minor', 'donations'],
    b.fundsRaised.map((t) => [b.quarter, t.currency, t.amount, t.donationCount]),
  );
  section(
    'narrative_milestones',
    ['date', 'text'],
    r.narrative.milestones.map((m) => [m.date ?? '', m.text]),
  );
  section(
    'narrative_outcomes',
    ['text'],
    r.narrative.outcomes.map((o) => [o.text]),
  );
  section(
    'narrative_challenges',
    ['text'],
    r.narrative.challenges.map((c) => [c.text]),
  );
  return lines.join('\r\n');
}

/**
 * The rules of a narrative JSON Schema cannot say, all checked and reported together (400): every
 * milestone's date within the quarter, and no text that is only blanks.
 */
function checkNarrative(quarter: string, body: Schemas['ReportNarrativeInput']): void {
  const { start, end } = quarterBounds(quarter);
  const first = start.toISOString().slice(0, 10);
  const last = new Date(end.getTime() - 1).toISOString().slice(0, 10);
  const errors: FieldError[] = [];
  body.milestones.forEach((m, i) => {
    if (m.date !== undefined && (m.date < first || m.date > last)) {
      errors.push({ pointer: `/milestones/${i}/date`, detail: `is not within ${quarter} (${first} to ${last})` });
    }
  });
  for (const list of ['milestones', 'outcomes', 'challenges'] as const) {
    body[list].forEach((item, i) => {
      if (!item.text.trim()) errors.push({ pointer: `/${list}/${i}/text`, detail: 'must not be blank' });
    });
  }
  if (errors.length) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
}

export const reportHandlers: Pick<Handlers, 'getEngagementReport' | 'putReportNarrative'> = {
  async getEngagementReport({ db, principal, query, ctx }) {
    const p = requireRole(principal, 'viewer');
    const all = p.organisationKind === 'ministry' || p.organisationKind === 'umbrella';
    const ministry = p.organisationKind === 'ministry' ? p.organisationSlug : undefined;
    const report = await buildReport(
      db,
      { slug: p.organisationSlug, organisationId: p.organisationId, all, ...(ministry ? { ministry } : {}) },
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

  async putReportNarrative({ db, principal, path, body, ctx }) {
    const p = requireRole(principal, 'editor');
    checkNarrative(path.quarter, body);
    const lists = {
      milestones: JSON.stringify(body.milestones.map((m) => (m.date === undefined ? { text: m.text } : m))),
      outcomes: JSON.stringify(body.outcomes),
      challenges: JSON.stringify(body.challenges),
    };
    const now = ctx.now();
    await db
      .insertInto('report_narratives')
      .values({ organisation_id: p.organisationId, quarter: path.quarter, ...lists, updated_at: now })
      .onConflict((oc) => oc.columns(['organisation_id', 'quarter']).doUpdateSet({ ...lists, updated_at: now }))
      .execute();
    return { status: 200, body: await readNarrative(db, p.organisationId, path.quarter) };
  },
};

import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildReport } from '../../src/operations/reports.js';
import { RED_CROSS_DONATION_URL } from '../../src/seed/data.js';
import { demoKeys, isSeeded, type SeedSummary, seed, seedInfo, zonedTime } from '../../src/seed/seed.js';
import { forEachEngine } from './engines.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const NOW = new Date('2026-11-24T12:00:00Z');
const N = 300;

describe('zonedTime', () => {
  it.each([
    // wall clock, zone, UTC
    [[2026, 10, 24, 9, 0], 'Europe/Paris', '2026-10-24T07:00:00.000Z'], // CEST
    [[2026, 10, 26, 9, 0], 'Europe/Paris', '2026-10-26T08:00:00.000Z'], // CET after 25 Oct
    [[2026, 11, 3, 19, 0], 'America/Toronto', '2026-11-04T00:00:00.000Z'], // EST after 1 Nov
    [[2026, 10, 20, 12, 0], 'America/New_York', '2026-10-20T16:00:00.000Z'], // EDT
    [[2026, 10, 5, 9, 0], 'Australia/Sydney', '2026-10-04T22:00:00.000Z'], // AEDT after 4 Oct
    [[2026, 12, 1, 19, 0], 'Asia/Baghdad', '2026-12-01T16:00:00.000Z'],
    [[2026, 12, 1, 20, 0], 'America/Sao_Paulo', '2026-12-01T23:00:00.000Z'],
  ] as const)('%j in %s is %s', ([y, m, d, h, mi], tz, utc) => {
    expect(zonedTime(y, m, d, h, mi, tz).toISOString()).toBe(utc);
  });
});

forEachEngine('seed', (engine) => {
  let database: Database;
  let summary: SeedSummary;
  beforeAll(async () => {
    database = await engine.open();
    await migrateToLatest(database.db);
    expect(await isSeeded(database.db)).toBe(false);
    summary = await seed(database.db, { professionals: N, now: NOW });
  });
  afterAll(() => database?.close());

  const count = async (table: string, where: RawBuilder<unknown> = sql`TRUE`) =>
    Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(database.db))
        .rows[0]?.n,
    );

  it('records itself and refuses to run twice', async () => {
    expect(await isSeeded(database.db)).toBe(true);
    expect(await seedInfo(database.db)).toMatchObject({ professionals: N, now: NOW.toISOString() });
    await expect(seed(database.db, { professionals: 1, now: NOW })).rejects.toThrow(/already seeded/);
  });

  it('creates the networks: umbrella, 20+ chapters, ministry, partners, each with two hashed keys', async () => {
    expect(await count('organisations', sql`kind = 'umbrella'`)).toBe(1);
    expect(await count('organisations', sql`kind = 'chapter'`)).toBeGreaterThanOrEqual(20);
    expect(await count('organisations', sql`kind = 'ministry' AND slug = 'moph-lebanon'`)).toBe(1);
    expect(await count('organisations', sql`kind = 'partner' AND slug IN ('iom', 'lebanese-red-cross')`)).toBe(2);
    expect(
      await count(
        'organisations',
        sql`kind = 'chapter' AND NOT ('http://localhost:5173' = ANY(allowed_origins) AND 'http://127.0.0.1:5173' = ANY(allowed_origins))`,
      ),
    ).toBe(0);
    const orgs = await count('organisations');
    expect(await count('api_keys')).toBe(orgs * 2);
    const keys = demoKeys();
    expect(keys['ilma-usa']).toEqual({
      organisation: 'ilma-usa',
      publishable: 'pk_demo_ilma-usa',
      secret: 'sk_demo_ilma-usa',
    });
    const hash = createHash('sha256').update('sk_demo_moph-lebanon').digest('hex');
    const row = await database.db
      .selectFrom('api_keys')
      .innerJoin('organisations', 'organisations.id', 'api_keys.organisation_id')
      .select(['organisations.slug', 'api_keys.kind', 'api_keys.role'])
      .where('key_hash', '=', hash)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ slug: 'moph-lebanon', kind: 'secret', role: 'owner' });
    // plaintext keys are never stored
    expect(await count('api_keys', sql`key_hash LIKE 'pk_%' OR key_hash LIKE 'sk_%'`)).toBe(0);
  });

  it('seeds the taxonomies with en/ar/fr names', async () => {
    expect(await count('specialties')).toBeGreaterThanOrEqual(40);
    expect(await count('priority_areas')).toBe(8);
    expect(await count('specialties', sql`NOT (name ? 'en' AND name ? 'ar' AND name ? 'fr')`)).toBe(0);
    expect(await count('priority_areas', sql`NOT (name ? 'en' AND name ? 'ar' AND name ? 'fr')`)).toBe(0);
  });

  it('gives the ministries needs in every state, each with its history and its state as its last change', async () => {
    const states = await sql<{ slug: string; state: string; changes: number; last: string }>`
      SELECT o.slug, n.state, (SELECT count(*)::int FROM need_changes c WHERE c.need_id = n.id) AS changes,
             (SELECT c.to_state FROM need_changes c WHERE c.need_id = n.id ORDER BY c.created_at DESC LIMIT 1) AS last
      FROM needs n JOIN organisations o ON o.id = n.organisation_id ORDER BY n.state`.execute(database.db);
    const lebanon = states.rows.filter((r) => r.slug === 'moph-lebanon');
    expect([...new Set(lebanon.map((r) => r.state))]).toEqual(['closed', 'draft', 'filled', 'open']);
    expect(states.rows.some((r) => r.slug === 'moh-iraq')).toBe(true);
    for (const r of states.rows) {
      expect(r.changes).toBeGreaterThan(0);
      expect(r.last).toBe(r.state);
    }
    expect(await count('needs')).toBe(states.rows.length);
    // every possible candidate has its match entry: verified, listed, naming a ministry
    expect(await count('need_match_entries')).toBe(
      await count(
        'professionals',
        sql`status = 'verified' AND listed AND cardinality(ministries) > 0 AND cardinality(specialties) > 0 AND visibility ->> 'specialties' IN ('public', 'members', 'ministry')`,
      ),
    );
  });

  it('answers needs the way the server would: in scope, while open, assigned up to filling, outcomes after', async () => {
    expect(await count('need_responses')).toBeGreaterThan(10);
    expect(await count('need_responses', sql`state = 'assigned'`)).toBeGreaterThan(3);
    expect(await count('need_responses', sql`outcome_done IS NOT NULL`)).toBeGreaterThan(2);
    const answersWhere = async (where: RawBuilder<unknown>) =>
      Number(
        (
          await sql<{ n: number }>`SELECT count(*) AS n FROM need_responses r JOIN needs n ON n.id = r.need_id
            JOIN organisations o ON o.id = n.organisation_id WHERE ${where}`.execute(database.db)
        ).rows[0]?.n,
      );
    // everyone who answered named the ministry in their latest consent
    expect(
      await answersWhere(sql`NOT EXISTS (SELECT 1 FROM professionals p WHERE p.id = r.professional_id
                                          AND p.status = 'verified' AND p.listed AND o.slug = ANY(p.ministries))`),
    ).toBe(0);
    // answered while the need was open: after it opened, and before it was filled or closed
    expect(
      await answersWhere(sql`r.created_at < (SELECT min(c.created_at) FROM need_changes c
                                             WHERE c.need_id = n.id AND c.to_state = 'open')
        OR r.created_at > coalesce((SELECT min(c.created_at) FROM need_changes c
                                    WHERE c.need_id = n.id AND c.to_state IN ('filled', 'closed')), ${NOW})`),
    ).toBe(0);
    // a filled need has exactly its people assigned, any other fewer
    const assigned = sql`(SELECT count(*) FROM need_responses r WHERE r.need_id = needs.id AND r.state = 'assigned')`;
    expect(
      await count(
        'needs',
        sql`(state = 'filled' AND ${assigned} <> people) OR (state <> 'filled' AND ${assigned} >= people)`,
      ),
    ).toBe(0);
    // each answer's history runs in order, ends in its state, and nothing happens after now
    const histories = await sql<{ state: string; actions: string[]; times: Date[] }>`
      SELECT r.state, array_agg(c.action ORDER BY c.created_at) AS actions, array_agg(c.created_at ORDER BY c.created_at) AS times
      FROM need_responses r JOIN need_response_changes c ON c.response_id = r.id GROUP BY r.id, r.state`.execute(
      database.db,
    );
    expect(histories.rows.length).toBe(await count('need_responses'));
    for (const h of histories.rows) {
      expect(h.actions.slice(0, 3)).toEqual(['answered', 'shortlisted', 'assigned'].slice(0, h.actions.length));
      expect(h.actions.filter((a) => a !== 'outcome_recorded').at(-1)).toBe(
        { interested: 'answered', shortlisted: 'shortlisted', assigned: 'assigned' }[h.state],
      );
      for (const t of h.times) expect(new Date(t).getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('keeps what the report reads of every professional in step with the profile', async () => {
    expect(await count('report_members')).toBe(N);
    const differing = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM professionals p LEFT JOIN report_members m ON m.professional_id = p.id
      WHERE m.professional_id IS NULL OR (p.status, p.created_at, p.email_verified_at, p.verified_at, p.country,
              p.specialties, p.chapters, p.ministries) IS DISTINCT FROM (m.status, m.created_at, m.email_verified_at,
              m.verified_at, m.country, m.specialties, m.chapters, m.ministries)
         OR cardinality(m.offer_areas) <> (SELECT count(*) FROM jsonb_array_elements(p.offers) o WHERE o ? 'priorityArea')`.execute(
      database.db,
    );
    expect(differing.rows[0]!.n).toBe(0);
    expect(await count('report_members', sql`cardinality(offer_areas) > 0`)).toBeGreaterThan(0);
    // the counts kept ahead equal counting the members now, after a review, a consent and a suspension
    const someone = await database.db
      .selectFrom('professionals')
      .select(['id', 'ministries'])
      .where('status', '=', 'verified')
      .where(sql<boolean>`cardinality(ministries) > 0`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('professionals')
          .set({ ministries: [], country: 'CA', specialties: ['cardiology', 'cardiology'] })
          .where('id', '=', someone.id)
          .execute();
        await trx.updateTable('professionals').set({ status: 'suspended' }).where('country', '=', 'FR').execute();
        const counted = sql`
        SELECT scope, kind, code, coalesce(date_trunc('month', p.verified_at AT TIME ZONE 'UTC')::date, 'infinity') AS month,
               count(*)::int AS n
        FROM professionals p
        CROSS JOIN LATERAL (SELECT '*' AS scope UNION ALL SELECT 'chapter:' || c FROM unnest(p.chapters) c
                            UNION ALL SELECT 'ministry:' || m FROM unnest(p.ministries) m) s
        CROSS JOIN LATERAL (SELECT 'country' AS kind, p.country AS code UNION ALL SELECT 'specialty', x FROM unnest(p.specialties) x
                            UNION ALL SELECT 'area', o ->> 'priorityArea' FROM jsonb_array_elements(p.offers) o
                            WHERE o ->> 'priorityArea' IS NOT NULL) k
        WHERE p.status = 'verified' GROUP BY 1, 2, 3, 4`;
        const differing = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (SELECT scope, kind, code, month, n FROM report_member_counts WHERE n <> 0) kept
        FULL JOIN (${counted}) now USING (scope, kind, code, month)
        WHERE kept.n IS DISTINCT FROM now.n`.execute(trx);
        expect(differing.rows[0]!.n).toBe(0);
        const negative = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM report_member_counts WHERE n < 0`.execute(trx);
        expect(negative.rows[0]!.n).toBe(0);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
  });

  it('gives the demo’s report something in every chart, this quarter and the one before', async () => {
    const ministry = await database.db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'moph-lebanon')
      .executeTakeFirstOrThrow();
    const scope = { slug: 'moph-lebanon', organisationId: ministry.id, all: true, ministry: 'moph-lebanon' };
    for (const quarter of ['2026-Q4', '2026-Q3']) {
      const report = await buildReport(database.db, scope, quarter, NOW);
      expect(
        report.eventsByMonth.filter((m) => m.eventsHeld > 0 && m.participants > 0).length,
        quarter,
      ).toBeGreaterThan(0);
      expect(report.needs.byPriorityArea.length, quarter).toBeGreaterThan(1);
      expect(report.needs.opened + report.needs.filled, quarter).toBeGreaterThan(0);
      expect(report.fundsRaised.byPriorityArea.length, quarter).toBeGreaterThan(0);
      expect(report.narrative.milestones.length, quarter).toBeGreaterThan(0);
      for (const m of report.narrative.milestones) {
        if (m.date)
          expect(m.date.slice(0, 7) >= report.periodStart.slice(0, 7) && m.date <= NOW.toISOString()).toBe(true);
      }
    }
    const report = await buildReport(database.db, scope, '2026-Q4', NOW);
    expect(report.needs.hours).toBeGreaterThan(0);
    expect(report.previousQuarter.eventsHeld).toBeGreaterThan(0);
  });

  it('generates professionals, mostly verified, with Arabic names, consent records and a directory entry each', async () => {
    expect(await count('professionals')).toBe(N);
    expect(summary.verifiedProfessionals).toBeGreaterThan(N * 0.75);
    expect(await count('professionals', sql`status <> 'verified'`)).toBeGreaterThan(0);
    expect(await count('directory_entries')).toBe(summary.verifiedProfessionals);
    expect(await count('consent_records')).toBe(N);
    expect(await count('professionals', sql`family_name = 'Haddad' AND family_name_ar = 'حداد'`)).toBeGreaterThan(0);
    expect(await count('professionals', sql`email NOT LIKE '%@example.com'`)).toBe(0);
    expect(await count('professionals', sql`visibility ->> 'city' <> 'public'`)).toBeGreaterThan(0);
  });

  it('generates a season of events across zones, some full, some cancelled', async () => {
    expect(summary.events).toBeGreaterThanOrEqual(55);
    expect(await count('events', sql`status = 'cancelled'`)).toBeGreaterThan(0);
    expect(await count('events', sql`capacity IS NOT NULL AND confirmed_count = capacity`)).toBeGreaterThan(0);
    expect(await count('events', sql`starts_at < ${NOW}`)).toBeGreaterThan(0);
    expect(await count('events', sql`starts_at > ${NOW}`)).toBeGreaterThan(0);
    expect(await count('events', sql`mode <> 'in_person' AND join_url IS NULL`)).toBe(0);
    const zones = await sql<{ z: string }>`SELECT DISTINCT time_zone AS z FROM events ORDER BY 1`.execute(database.db);
    expect(zones.rows.map((r) => r.z)).toEqual(
      expect.arrayContaining([
        'America/New_York',
        'America/Toronto',
        'Australia/Sydney',
        'Europe/Paris',
        'Asia/Beirut',
        'Asia/Dubai',
        'Asia/Baghdad',
        'America/Sao_Paulo',
      ]),
    );
    // at least one event whose UTC offset at the start differs from the one at the end (DST change)
    const dst = await sql<{ n: number }>`
      SELECT count(*) AS n FROM events
      WHERE (starts_at AT TIME ZONE time_zone) - starts_at <> (ends_at AT TIME ZONE time_zone) - ends_at`.execute(
      database.db,
    );
    expect(Number(dst.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('creates campaigns (one linking out to the Red Cross) with totals from succeeded donations', async () => {
    expect(await count('campaigns', sql`checkout_mode = 'link_out' AND link_out_url = ${RED_CROSS_DONATION_URL}`)).toBe(
      1,
    );
    expect(await count('campaigns', sql`checkout_mode = 'hosted'`)).toBeGreaterThanOrEqual(4);
    const mismatched = await sql<{ n: number }>`
      SELECT count(*) AS n FROM campaigns c
      WHERE raised_amount <> (SELECT coalesce(sum(amount), 0) FROM donations d WHERE d.campaign_id = c.id AND d.status = 'succeeded')`.execute(
      database.db,
    );
    expect(Number(mismatched.rows[0]?.n)).toBe(0);
    expect(await count('donations', sql`status = 'succeeded'`)).toBeGreaterThan(0);
  });
});

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
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

  const count = async (table: string, where = sql`TRUE`) =>
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

  it('gives the Lebanese ministry needs in every state but closed, each with its history', async () => {
    const states = await sql<{ state: string; changes: number }>`
      SELECT n.state, (SELECT count(*)::int FROM need_changes c WHERE c.need_id = n.id) AS changes
      FROM needs n JOIN organisations o ON o.id = n.organisation_id
      WHERE o.slug = 'moph-lebanon' ORDER BY n.state`.execute(database.db);
    expect([...new Set(states.rows.map((r) => r.state))]).toEqual(['draft', 'filled', 'open']);
    for (const r of states.rows) expect(r.changes).toBeGreaterThan(0);
    expect(await count('needs')).toBe(states.rows.length);
    // every possible candidate has its match entry: verified, listed, naming a ministry
    expect(await count('need_match_entries')).toBe(
      await count(
        'professionals',
        sql`status = 'verified' AND listed AND cardinality(ministries) > 0 AND cardinality(specialties) > 0 AND visibility ->> 'specialties' IN ('public', 'members', 'ministry')`,
      ),
    );
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

import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createMigrator, migrateToLatest, migrations } from '../../src/db/migrate.js';
import { forEachEngine } from './engines.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const TABLES = [
  'organisations',
  'api_keys',
  'specialties',
  'priority_areas',
  'professionals',
  'directory_entries',
  'consent_records',
  'email_verifications',
  'signup_challenges',
  'contact_requests',
  'events',
  'registrations',
  'campaigns',
  'donations',
  'idempotency_keys',
  'outbox',
  'webhook_events',
  'mahjar_meta',
];

async function tables(database: Database): Promise<string[]> {
  const r = await sql<{ t: string }>`
    SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(database.db);
  return r.rows.map((x) => x.t);
}

const err = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
};

forEachEngine('migrations', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(() => database?.close());

  it('migrate up from an empty database, then is a no-op', async () => {
    expect(await tables(database)).toEqual([]);
    const first = await migrateToLatest(database.db);
    expect(first.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    expect(await tables(database)).toEqual(expect.arrayContaining(TABLES));
    const again = await migrateToLatest(database.db);
    expect(again.results).toEqual([]);
  });

  it('migrates all the way down and up again', async () => {
    const down = await createMigrator(database.db).migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect((await tables(database)).filter((t) => TABLES.includes(t))).toEqual([]);
    await migrateToLatest(database.db);
    expect(await tables(database)).toEqual(expect.arrayContaining(TABLES));
  });

  it('enforces enums, case-insensitive e-mail and one active registration per e-mail', async () => {
    const { db } = database;
    const base = {
      profession: 'physician' as const,
      given_name: 'Test',
      family_name: 'Person',
      country: 'FR',
      city: 'Paris',
    };
    await db
      .insertInto('professionals')
      .values({ ...base, email: 'Same@Example.com' })
      .execute();
    expect(
      (
        await err(
          db
            .insertInto('professionals')
            .values({ ...base, email: 'same@example.COM' })
            .execute(),
        )
      ).code,
    ).toBe('23505');
    expect(
      (
        await err(
          db
            .insertInto('professionals')
            .values({ ...base, email: 'x@example.com', status: 'approved' as never })
            .execute(),
        )
      ).code,
    ).toBe('23514');

    await db
      .insertInto('organisations')
      .values({
        slug: 'org-a',
        kind: 'chapter',
        name: JSON.stringify({ en: 'A' }),
        country: 'FR',
        default_currency: 'EUR',
      })
      .execute();
    const event = await db
      .insertInto('events')
      .values({
        slug: 'tiny-event',
        organiser_slug: 'org-a',
        kind: 'webinar',
        title: JSON.stringify({ en: 'Tiny' }),
        starts_at: '2026-12-01T10:00:00Z',
        ends_at: '2026-12-01T11:00:00Z',
        time_zone: 'Europe/Paris',
        mode: 'online',
        language: 'en',
        capacity: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reg = (email: string, status: 'confirmed' | 'waitlisted' | 'cancelled', token: string) => ({
      event_id: event.id,
      status,
      name: 'R',
      email,
      cancel_token_hash: token.repeat(64),
    });
    await db
      .insertInto('registrations')
      .values(reg('a@example.com', 'confirmed', 'a'))
      .execute();
    // same person again (other case) while active: refused
    expect(
      (
        await err(
          db
            .insertInto('registrations')
            .values(reg('A@EXAMPLE.com', 'waitlisted', 'b'))
            .execute(),
        )
      ).code,
    ).toBe('23505');
    // a second confirmed seat beyond capacity: refused by the CHECK on the maintained counter
    expect(
      (
        await err(
          db
            .insertInto('registrations')
            .values(reg('c@example.com', 'confirmed', 'c'))
            .execute(),
        )
      ).code,
    ).toBe('23514');
    await db
      .insertInto('registrations')
      .values(reg('c@example.com', 'waitlisted', 'c'))
      .execute();
    // cancel the first: seat freed, and the same e-mail may register again
    await db.updateTable('registrations').set({ status: 'cancelled' }).where('email', '=', 'a@example.com').execute();
    await db
      .insertInto('registrations')
      .values(reg('a@example.com', 'waitlisted', 'd'))
      .execute();
    const counts = await db
      .selectFrom('events')
      .select(['confirmed_count', 'waitlisted_count'])
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(counts).toEqual({ confirmed_count: 0, waitlisted_count: 2 });
  });

  it('keeps campaign totals from succeeded donations and refuses a duplicate provider reference', async () => {
    const { db } = database;
    await db
      .insertInto('priority_areas')
      .values({ code: 'mental-health', name: JSON.stringify({ en: 'Mental health' }) })
      .execute();
    const campaign = await db
      .insertInto('campaigns')
      .values({
        slug: 'c1',
        organiser_slug: 'org-a',
        title: JSON.stringify({ en: 'C1' }),
        goal_amount: 1_000_000,
        currency: 'EUR',
        priority_area: 'mental-health',
        starts_on: '2026-11-01',
        checkout_mode: 'hosted',
        preset_amounts: [1000, 2500],
      })
      .returning(['id', 'preset_amounts', 'starts_on', 'goal_amount'])
      .executeTakeFirstOrThrow();
    expect(campaign.preset_amounts).toEqual([1000, 2500]);
    expect(campaign.starts_on).toBe('2026-11-01');
    expect(campaign.goal_amount).toBe(1_000_000);
    const donation = (ref: string, amount: number) => ({
      campaign_id: campaign.id,
      amount,
      currency: 'EUR',
      frequency: 'one_off' as const,
      anonymous: true,
      donor_email: 'd@example.net',
      provider_ref: ref,
    });
    await db
      .insertInto('donations')
      .values([donation('p1', 5000), donation('p2', 2500)])
      .execute();
    await db.updateTable('donations').set({ status: 'succeeded' }).execute();
    await db.updateTable('donations').set({ status: 'refunded' }).where('provider_ref', '=', 'p2').execute();
    expect((await err(db.insertInto('donations').values(donation('p1', 100)).execute())).code).toBe('23505');
    const totals = await db
      .selectFrom('campaigns')
      .select(['raised_amount', 'donor_count'])
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(totals).toEqual({ raised_amount: 5000, donor_count: 1 });
    // link_out needs a URL
    expect(
      (
        await err(
          db
            .insertInto('campaigns')
            .values({
              slug: 'c2',
              organiser_slug: 'org-a',
              title: JSON.stringify({ en: 'C2' }),
              goal_amount: 1,
              currency: 'EUR',
              priority_area: 'mental-health',
              starts_on: '2026-11-01',
              checkout_mode: 'link_out',
            })
            .execute(),
        )
      ).code,
    ).toBe('23514');
  });

  it('counts a renewal in the raised total but not as a new donor, and keeps both on the way down', async () => {
    const { db } = database;
    const totals = () =>
      db
        .selectFrom('campaigns')
        .select(['raised_amount', 'donor_count'])
        .where('slug', '=', 'c1')
        .executeTakeFirstOrThrow();
    const before = await totals();
    const { id: campaignId } = await db
      .selectFrom('campaigns')
      .select('id')
      .where('slug', '=', 'c1')
      .executeTakeFirstOrThrow();
    const month = (ref: string, renewalOf: string | null, frequency: 'monthly' | 'one_off' = 'monthly') => ({
      campaign_id: campaignId,
      amount: 3000,
      currency: 'EUR',
      frequency,
      anonymous: true,
      donor_email: 'm@example.net',
      status: 'succeeded' as const,
      provider_ref: ref,
      renewal_of: renewalOf,
    });
    const first = await db.insertInto('donations').values(month('m1', null)).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('donations')
      .values([month('m2', first.id), month('m3', first.id)])
      .execute();
    expect(
      (
        await err(
          db
            .insertInto('donations')
            .values(month('m4', first.id, 'one_off'))
            .execute(),
        )
      ).code,
    ).toBe('23514');
    expect(await totals()).toEqual({
      raised_amount: before.raised_amount + 9000,
      donor_count: before.donor_count + 1,
    });
    // A refunded month comes back out of the total and takes no donor with it.
    await db.updateTable('donations').set({ status: 'refunded' }).where('provider_ref', '=', 'm3').execute();
    expect(await totals()).toEqual({
      raised_amount: before.raised_amount + 6000,
      donor_count: before.donor_count + 1,
    });

    // Down to 0004: the renewals stay (the money was received) and count as the old trigger counts.
    const down = await createMigrator(db).migrateTo('0004_directory_version');
    expect(down.error).toBeUndefined();
    expect(await totals()).toEqual({
      raised_amount: before.raised_amount + 6000,
      donor_count: before.donor_count + 2,
    });
    await migrateToLatest(db);
  });

  it('serialises concurrent transactions (PGlite has one connection)', async () => {
    const { db } = database;
    await db
      .insertInto('mahjar_meta')
      .values({ key: 'counter', value: JSON.stringify(0) })
      .execute();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('mahjar_meta')
            .select('value')
            .where('key', '=', 'counter')
            .forUpdate()
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('mahjar_meta')
            .set({ value: JSON.stringify(Number(row.value) + 1) })
            .where('key', '=', 'counter')
            .execute();
        }),
      ),
    );
    // a failed transaction leaves nothing behind and does not block later queries
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('mahjar_meta')
          .set({ value: JSON.stringify(100) })
          .where('key', '=', 'counter')
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await db
      .selectFrom('mahjar_meta')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(8);
  });
});

// Migration 0011: one yes/no "share with the ministry" becomes consent per ministry (issue 15, item 3).
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createMigrator, migrateToLatest } from '../../src/db/migrate.js';
import { forEachEngine } from './engines.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

forEachEngine('consent per ministry migration', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(() => database?.close());

  it('sends what was shared only to the ministry the member’s chapter worked with, and lists everyone', async () => {
    const { db } = database;
    await createMigrator(db).migrateTo('0010_member_accounts');
    const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const org = (slug: string, kind: string, country: string) =>
      raw
        .insertInto('organisations')
        .values({ slug, kind, name: JSON.stringify({ en: slug }), country, default_currency: 'USD' })
        .execute();
    await org('ilma', 'umbrella', 'LB');
    await org('ilma-usa', 'chapter', 'US');
    await org('imsa-iraq', 'chapter', 'GB');
    await org('moph-lebanon', 'ministry', 'LB');
    await org('lebanese-red-cross', 'partner', 'LB');
    await raw.updateTable('organisations').set({ parent_slug: 'ilma' }).where('slug', '=', 'ilma-usa').execute();

    const professional = async (email: string, chapters: string[], share: boolean) => {
      const { id } = (await raw
        .insertInto('professionals')
        .values({
          status: 'verified',
          profession: 'physician',
          given_name: 'Test',
          family_name: email,
          email: `${email}@example.com`,
          country: 'US',
          city: 'Boston',
          chapters,
          visibility: JSON.stringify({ givenName: 'public', familyName: 'public' }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()) as { id: string };
      const permissions = { shareWithMinistry: share, transferAbroad: true, newsletter: false };
      await raw
        .insertInto('consent_records')
        .values({
          professional_id: id,
          notice_version: '2026-07',
          notice_hash: 'a'.repeat(64),
          locale: 'en',
          source_site: 'https://ilma-usa.example.org/join',
          permissions: JSON.stringify(permissions),
        })
        .execute();
      return id;
    };
    const lebanese = await professional('lebanese', ['ilma-usa'], true);
    const iraqi = await professional('iraqi', ['imsa-iraq'], true);
    const both = await professional('both', ['ilma-usa', 'imsa-iraq'], true);
    const declined = await professional('declined', ['ilma-usa'], false);
    const noChapter = await professional('nochapter', [], true);

    await migrateToLatest(db);

    // ILMA and its chapters work with the ministry of their umbrella's country; IMSA (GB, no
    // umbrella) and partners with none.
    const links = await sql<{ organisation: string; ministry: string }>`
      SELECT o.slug AS organisation, m.slug AS ministry FROM organisation_ministries om
      JOIN organisations o ON o.id = om.organisation_id JOIN organisations m ON m.id = om.ministry_id
      ORDER BY 1`.execute(db);
    expect(links.rows).toEqual([
      { organisation: 'ilma', ministry: 'moph-lebanon' },
      { organisation: 'ilma-usa', ministry: 'moph-lebanon' },
    ]);

    const permissionsOf = async (id: string) =>
      (
        await raw
          .selectFrom('consent_records')
          .select('permissions')
          .where('professional_id', '=', id)
          .executeTakeFirstOrThrow()
      ).permissions;
    expect(await permissionsOf(lebanese)).toEqual({
      ministries: ['moph-lebanon'],
      listed: true,
      transferAbroad: true,
      newsletter: false,
    });
    expect(await permissionsOf(iraqi)).toEqual({
      ministries: [],
      listed: true,
      transferAbroad: true,
      newsletter: false,
    });
    expect(await permissionsOf(both)).toMatchObject({ ministries: ['moph-lebanon'], listed: true });
    expect(await permissionsOf(declined)).toMatchObject({ ministries: [], listed: true });
    expect(await permissionsOf(noChapter)).toMatchObject({ ministries: [], listed: true });
    // each rewritten record keeps what the member agreed to, exactly as given
    const given = await sql<{ given: unknown }>`
      SELECT permissions_as_given AS given FROM consent_records WHERE professional_id = ${both}`.execute(db);
    expect(given.rows.map((r) => r.given)).toEqual([
      { shareWithMinistry: true, transferAbroad: true, newsletter: false },
    ]);

    // the profile and its directory row carry what the latest consent says
    const rows = await sql<{ family_name: string; listed: boolean; ministries: string[]; entry: string[] | null }>`
      SELECT p.family_name, p.listed, p.ministries, d.ministries AS entry
      FROM professionals p LEFT JOIN directory_entries d ON d.professional_id = p.id ORDER BY 1`.execute(db);
    expect(rows.rows).toEqual([
      { family_name: 'both', listed: true, ministries: ['moph-lebanon'], entry: ['moph-lebanon'] },
      { family_name: 'declined', listed: true, ministries: [], entry: [] },
      { family_name: 'iraqi', listed: true, ministries: [], entry: [] },
      { family_name: 'lebanese', listed: true, ministries: ['moph-lebanon'], entry: ['moph-lebanon'] },
      { family_name: 'nochapter', listed: true, ministries: [], entry: [] },
    ]);

    // a later consent that is not listed takes the profile out of the directory at once
    await raw
      .insertInto('consent_records')
      .values({
        professional_id: lebanese,
        notice_version: '2026-07',
        notice_hash: 'a'.repeat(64),
        locale: 'en',
        source_site: 'https://ilma-usa.example.org/members/',
        permissions: JSON.stringify({ ministries: [], listed: false, transferAbroad: true, newsletter: false }),
        created_at: new Date(Date.now() + 1000),
      })
      .execute();
    const entries = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM directory_entries WHERE professional_id = ${lebanese}`.execute(db);
    expect(entries.rows[0]?.n).toBe(0);

    // and back down: every record as it was given (the Iraqi member's yes included, which no ministry
    // linked to their chapter could receive)
    await createMigrator(db).migrateTo('0010_member_accounts');
    expect(await permissionsOf(both)).toEqual({ shareWithMinistry: true, transferAbroad: true, newsletter: false });
    expect(await permissionsOf(iraqi)).toEqual({ shareWithMinistry: true, transferAbroad: true, newsletter: false });
    await migrateToLatest(db);
  });
});

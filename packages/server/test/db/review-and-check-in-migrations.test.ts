// Migrations 0020 and 0021 on a database that already holds data: the credentials stated before
// credential review get their rows (with the state they had), the registrations made before check-in
// get their codes, and both migrations go down and up again.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import * as credentialReview from '../../src/db/migrations/0020_credential_review.js';
import * as checkInCodes from '../../src/db/migrations/0021_check_in_codes.js';
import { seed } from '../../src/seed/seed.js';
import { forEachEngine } from './engines.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

/** Each professional's stated credentials as `kind|name|issuer|country|year → state`, from the column. */
async function statedCredentials(database: Database) {
  const rows = await sql<{ professional_id: string; key: string; verification: string; n: number }>`
    SELECT p.id AS professional_id, concat_ws('|', c ->> 'kind', c ->> 'name', c ->> 'issuer', c ->> 'country', coalesce(c ->> 'year', '0')) AS key,
           c ->> 'verification' AS verification, o.n::int AS n
    FROM professionals p CROSS JOIN LATERAL jsonb_array_elements(p.credentials) WITH ORDINALITY AS o (c, n)
    ORDER BY p.id, o.n`.execute(database.db);
  return rows.rows;
}

async function reviewRows(database: Database) {
  const rows = await sql<{ professional_id: string; key: string; state: string; position: number }>`
    SELECT professional_id, concat_ws('|', kind, name, issuer, country, coalesce(year, 0)::text) AS key, state, position
    FROM professional_credentials ORDER BY professional_id, position`.execute(database.db);
  return rows.rows;
}

forEachEngine('credential review and check-in migrations', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await migrateToLatest(database.db);
    await seed(database.db, { professionals: 80 });
  });
  afterAll(() => database?.close());
  /** Migrations take the database untyped, as the migrator gives it to them. */
  const untyped = () => database.db as unknown as Kysely<unknown>;

  it('gives every credential stated before 0020 a row with the state it had, in order, again after down and up', async () => {
    const stated = await statedCredentials(database);
    expect(stated.length).toBeGreaterThan(40);
    expect(stated.map((s) => s.verification)).toEqual(expect.arrayContaining(['verified', 'pending', 'unverified']));
    const expected = stated.map((s) => ({
      professional_id: s.professional_id,
      key: s.key,
      // "unverified" (stated, never looked at) is a credential waiting for its review
      state: s.verification === 'verified' || s.verification === 'rejected' ? s.verification : 'pending',
      position: s.n,
    }));
    expect(await reviewRows(database)).toEqual(expected);

    await credentialReview.down(untyped());
    const gone = await sql<{ t: string | null }>`SELECT to_regclass('professional_credentials')::text AS t`.execute(
      database.db,
    );
    expect(gone.rows[0]!.t).toBeNull();
    await credentialReview.up(untyped());
    expect(await reviewRows(database)).toEqual(expected);
  });

  it('gives every registration made before 0021 its own valid code, again after down and up', async () => {
    const codes = async () =>
      (await database.db.selectFrom('registrations').select(['id', 'check_in_code']).execute()).map(
        (r) => r.check_in_code,
      );
    const before = await codes();
    expect(before.length).toBeGreaterThan(10);
    await checkInCodes.down(untyped());
    await checkInCodes.up(untyped());
    const after = await codes();
    expect(after).toHaveLength(before.length);
    for (const code of after) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(after).size, 'no two alike').toBe(after.length);
    // fresh codes: down dropped the old ones
    expect(after.filter((code) => before.includes(code))).toEqual([]);
    // every letter of the alphabet can come out: the 5-bit groups are read whole
    expect(new Set(after.join('')).size).toBeGreaterThan(24);
  });
});

/**
 * The database engines every server test runs on: PGlite in memory (always) and a real PostgreSQL
 * (when reachable). Each `open()` gives a fresh, empty, *unmigrated* database; `close()` also drops
 * the PostgreSQL database it created.
 *
 *   import { engines, forEachEngine } from '../db/engines.js';
 *   forEachEngine('directory search', (engine) => {
 *     let database: Database;
 *     beforeAll(async () => { database = await engine.open(); await migrateToLatest(database.db); }, 120_000);
 *     afterAll(() => database.close());
 *     it('…', async () => { … });
 *   });
 *
 * PostgreSQL: MAHJAR_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) is the
 * maintenance connection used to CREATE/DROP DATABASE mahjar_test_<random>. Whether it runs is
 * decided once per run by test/global-setup.ts: mandatory under CI, a loud skip locally only when
 * nothing listens at the default address (or MAHJAR_TEST_PG=off).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';

export interface Engine {
  name: 'pglite' | 'postgres';
  available: boolean;
  skipReason?: string;
  /**
   * A fresh empty database on this engine. `pgliteThread`: PGlite on a thread of its own, as a
   * server process runs it (for tests of concurrency that the caller's thread would serialise).
   */
  open(options?: { pgliteThread?: boolean }): Promise<Database>;
}

const { url: PG_ADMIN_URL, skip: pgSkip } = inject('postgres');

function urlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database of its own (for server processes started by a test) and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mahjar_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: urlFor(name),
    drop: () =>
      admin(async (c) => {
        // pool.end() resolves before every backend has gone; FORCE-killing a closing client makes
        // it emit an unhandled error, so wait (briefly) for the sessions to leave first.
        for (let i = 0; i < 50; i++) {
          const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (r.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

async function openFreshPostgres(): Promise<Database> {
  const created = await createPostgresDatabase();
  const database = await openDatabase({ url: created.url, poolSize: 4 });
  let closed = false;
  return {
    ...database,
    async close() {
      if (closed) return;
      closed = true;
      await database.close();
      await created.drop();
    },
  };
}

export const engines: Engine[] = [
  {
    name: 'pglite',
    available: true,
    open: (options) => openDatabase({ dataDir: 'memory://', pgliteThread: options?.pgliteThread ?? false }),
  },
  { name: 'postgres', available: !pgSkip, ...(pgSkip ? { skipReason: pgSkip } : {}), open: openFreshPostgres },
];

/** `describe` once per engine (`title [pglite]`, `title [postgres]`), skipping unavailable ones. */
export function forEachEngine(title: string, fn: (engine: Engine) => void): void {
  for (const engine of engines) {
    describe.skipIf(!engine.available)(`${title} [${engine.name}]`, () => fn(engine));
  }
}

/** Runs `fn` with a fresh database on every available engine, closing it afterwards. */
export async function withEngines(fn: (database: Database, engine: Engine) => Promise<void>): Promise<void> {
  for (const engine of engines.filter((e) => e.available)) {
    const database = await engine.open();
    try {
      await fn(database, engine);
    } finally {
      await database.close();
    }
  }
}

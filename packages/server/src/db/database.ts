import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parsers, SESSION_SETTINGS } from './engine-settings.js';
import { PGliteThread, pgliteThreadDialect } from './pglite-thread.js';
import type { DB } from './schema.js';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string (DATABASE_URL). When set, PGlite is not used. */
  url?: string;
  /** PGlite data directory (default `.mahjar-data/pglite` under cwd); `memory://` for an in-memory database. */
  dataDir?: string;
  /** pg pool size (PostgreSQL only, default 10). */
  poolSize?: number;
}

export const DEFAULT_DATA_DIR = '.mahjar-data/pglite';

export { SESSION_SETTINGS } from './engine-settings.js';

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPGlite(opts.dataDir ?? DEFAULT_DATA_DIR);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // SESSION_SETTINGS, see there.
    options: SESSION_SETTINGS.map(([k, v]) => `-c ${k}=${v}`).join(' '),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can fail on its own (the server restarts, an admin ends the session); without a
  // listener that error would crash the process. The pool drops the client and opens a new one.
  pool.on('error', (error) => console.warn(`[mahjar] idle PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPGlite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
  const thread = new PGliteThread(inMemory ? dataDir : resolve(dataDir));
  await thread.ready;
  const db = new Kysely<DB>({ dialect: pgliteThreadDialect(thread) });
  // Kysely ends its driver only if it ever ran a query; the thread ends either way
  return { db, kind: 'pglite', close: () => db.destroy().then(() => thread.close()) };
}

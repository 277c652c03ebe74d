import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { PREPARED, parsers, SESSION_SETTINGS } from './engine-settings.js';
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
  /**
   * Run PGlite on a thread of its own (pglite-thread.ts): what a server process does, so statements
   * never stop its HTTP layer. Off for code that opens and closes many databases in one process (the
   * test suite): V8 can abort under that churn of WebAssembly instances across threads (nodejs/node
   * issue 64500), and one thread per server is all a server needs.
   */
  pgliteThread?: boolean;
}

export const DEFAULT_DATA_DIR = '.mahjar-data/pglite';

export { SESSION_SETTINGS } from './engine-settings.js';

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPGlite(opts.dataDir ?? DEFAULT_DATA_DIR, opts.pgliteThread ?? false);
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
  pool.on('connect', prepareMarked);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Statement names by text, for the statements marked PREPARED (a few texts, named once per process). */
const preparedNames = new Map<string, string>();

/**
 * A new connection runs the statements marked PREPARED (engine-settings.ts) as named statements:
 * node-postgres prepares a name once per connection and then only binds and executes it. A name is
 * the hash of the text, so two texts never share one.
 */
function prepareMarked(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(PREPARED) || !Array.isArray(rest[0])) return query(text, ...rest);
    let name = preparedNames.get(text);
    if (!name) {
      name = `mahjar_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      preparedNames.set(text, name);
    }
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  };
}

async function openPGlite(dataDir: string, onThread: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
  const location = inMemory ? dataDir : resolve(dataDir);
  if (onThread) {
    const thread = new PGliteThread(location);
    await thread.ready;
    const db = new Kysely<DB>({ dialect: serialised(pgliteThreadDialect(thread)) });
    // Kysely ends its driver only if it ever ran a query; the thread ends either way
    return { db, kind: 'pglite', close: () => db.destroy().then(() => thread.close()) };
  }
  const pglite = await PGlite.create(location, { extensions: { pg_trgm, unaccent }, parsers });
  for (const [k, v] of SESSION_SETTINGS) await pglite.exec(`SET ${k} = ${v}`);
  const db = new Kysely<DB>({ dialect: serialised(new PGliteDialect({ pglite })) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * Kysely's own PGlite dialect (kysely >= 0.29). kysely-pglite 0.6.1 cannot be loaded with kysely
 * 0.29: its entry point imports `Migrator` from 'kysely', which moved to 'kysely/migration'.
 *
 * PGlite is one connection, in-process or on its thread. Either driver hands the same connection to every caller, so a query
 * issued while another request holds a transaction (BEGIN … COMMIT as separate statements) would
 * run inside that transaction. This wrapper makes the connection exclusive: acquire waits until
 * the previous holder released it, so transactions are isolated and writes are serialised, which
 * is PGlite's model anyway. Inside `db.transaction()` always use the `trx` handle: calling the
 * outer `db` there would wait for the transaction to end, i.e. forever.
 */
function serialised(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: () => new SerialisedDriver(inner.createDriver()),
  };
}

class SerialisedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    this.#release = release;
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.#release = undefined;
      release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      release?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${quoteIdent(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${quoteIdent(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${quoteIdent(name)}`));
  }
  async destroy(): Promise<void> {
    await this.#tail;
    await this.inner.destroy();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

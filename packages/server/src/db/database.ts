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

/**
 * Result types are made identical on both engines:
 * - int8 (bigint: money in minor units, count(*)) → number (amounts stay far below 2^53),
 * - numeric → number, date → 'YYYY-MM-DD' string (never a local-midnight Date),
 * - int8[] → number[]; timestamptz → Date, jsonb → parsed value, text[] → string[] (engine defaults).
 */
const OID = { int8: 20, numeric: 1700, date: 1082, int8Array: 1016, numericArray: 1231 } as const;
const toNumber = (v: string) => Number(v);
const toNumberArray = (v: string) =>
  v === '{}'
    ? []
    : v
        .slice(1, -1)
        .split(',')
        .map((x) => (x === 'NULL' ? null : Number(x)));
const identity = (v: string) => v;

const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: identity,
  [OID.int8Array]: toNumberArray,
  [OID.numericArray]: toNumberArray,
};

/**
 * Per-session planner settings, the same on both engines:
 * - jit=off: the directory search aggregates over thousands of rows, so its plan costs cross the
 *   JIT threshold while the query itself takes a few ms; compiling only adds latency.
 * - random_page_cost=1.1: data is in memory or on SSD. With the default (4) the planner prefers a
 *   sequential scan of the whole directory over a GIN bitmap scan for broad text queries.
 * - max_parallel_workers_per_gather=0: API queries are short and many run at once; starting
 *   parallel workers costs more than it saves and takes cores from the other requests.
 */
export const SESSION_SETTINGS: [string, string][] = [
  ['jit', 'off'],
  ['random_page_cost', '1.1'],
  ['max_parallel_workers_per_gather', '0'],
];

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
  const pglite = await PGlite.create(inMemory ? dataDir : resolve(dataDir), {
    extensions: { pg_trgm, unaccent },
    parsers,
  });
  for (const [k, v] of SESSION_SETTINGS) await pglite.exec(`SET ${k} = ${v}`);
  const db = new Kysely<DB>({ dialect: serialised(new PGliteDialect({ pglite })) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * Kysely's own PGlite dialect (kysely >= 0.29). kysely-pglite 0.6.1 cannot be loaded with kysely
 * 0.29: its entry point imports `Migrator` from 'kysely', which moved to 'kysely/migration'.
 *
 * PGlite is one connection. The dialect hands the same connection to every caller, so a query
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

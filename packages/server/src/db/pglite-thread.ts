import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PGliteAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * PGlite runs PostgreSQL compiled to WebAssembly, synchronously on the thread that calls it: on the
 * server's own thread every statement would stop the HTTP layer for its duration, so under load
 * requests waited in the kernel where no limit or load shedding could see them (issue 11). Here
 * PGlite has a thread of its own (pglite-thread.worker.ts) and the server talks to it by message,
 * so the HTTP layer, the directory index and PostgreSQL-in-WebAssembly use two cores.
 *
 * PGlite is one connection. This driver lends it to one holder at a time (acquire waits until the
 * previous holder released it), so transactions — BEGIN … COMMIT sent as statements — are isolated
 * and writes are serialised, which is PGlite's model anyway. Inside `db.transaction()` always use
 * the `trx` handle: calling the outer `db` there would wait for the transaction to end, i.e. forever.
 */
export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(result: QueryResult<unknown>): void; reject(error: Error): void }>();
  #nextId = 1;
  #failure: Error | undefined;
  #closing = false;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;

  constructor(dataDir: string) {
    this.#worker = new Worker(new URL('./pglite-thread.worker.ts', import.meta.url), { workerData: { dataDir } });
    this.ready = new Promise<void>((resolve, reject) => {
      this.#worker.on('message', (message: 'ready' | Answer) => {
        if (message === 'ready') return resolve();
        if (message.id === 0) return reject(toError(message.error ?? { message: 'PGlite did not open' }));
        this.#answer(message);
      });
      this.#worker.once('error', (error) => {
        this.#fail(error);
        reject(error);
      });
    });
    this.exited = new Promise<void>((resolve) =>
      this.#worker.once('exit', (code) => {
        this.#fail(new Error(`PGlite's thread ended (exit code ${code})`));
        resolve();
      }),
    );
  }

  query(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql, params });
    });
  }

  /** Closes the database (PGlite writes its data directory) and ends the thread. */
  close(): Promise<void> {
    if (!this.#closing && !this.#failure) this.#worker.postMessage('close');
    this.#closing = true;
    return this.exited;
  }

  #answer(message: Answer): void {
    const waiting = this.#pending.get(message.id);
    if (!waiting) return;
    this.#pending.delete(message.id);
    if (message.error) waiting.reject(toError(message.error));
    else
      waiting.resolve({
        rows: message.rows ?? [],
        numAffectedRows: message.affectedRows == null ? undefined : BigInt(message.affectedRows),
      });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }
}

interface Answer {
  id: number;
  rows?: unknown[];
  affectedRows?: number | null;
  error?: Record<string, unknown>;
}

/** A PostgreSQL error from the thread, with its fields (code, constraint, detail…) where they were. */
function toError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'PGlite error'));
  Object.assign(error, fields);
  return error;
}

/** Kysely's PostgreSQL dialect on PGlite's thread (one connection: wrap it in `serialised`, database.ts). */
export function pgliteThreadDialect(thread: PGliteThread): Dialect {
  return {
    createAdapter: () => new PGliteAdapter(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createDriver: () => new PGliteThreadDriver(thread),
  };
}

/**
 * PGlite's one connection, on its thread. Kysely may ask for it from several requests at once: the
 * `serialised` wrapper in database.ts lends it to one holder at a time, as for PGlite in-process.
 */
class PGliteThreadDriver implements Driver {
  readonly #connection: DatabaseConnection;

  constructor(private readonly thread: PGliteThread) {
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => thread.query(query.sql, query.parameters) as Promise<QueryResult<R>>,
      streamQuery: () => {
        throw new Error('Streaming is not supported by PGlite.');
      },
    };
  }

  init(): Promise<void> {
    return this.thread.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    const access = settings.accessMode ? ` ${settings.accessMode.toUpperCase()}` : '';
    await connection.executeQuery(CompiledQuery.raw(`BEGIN${isolation}${access}`));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    await this.thread.close();
  }
}

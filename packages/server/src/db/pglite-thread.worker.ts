/**
 * PGlite in a thread of its own (see pglite-thread.ts for why). Opens the database named in
 * `workerData`, then answers `{ id, sql, params }` messages with `{ id, rows, affectedRows }` or
 * `{ id, error }`, in the order they came. Loaded by Node directly (type stripping), so imports name
 * their `.ts` files and the syntax stays erasable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { parsers, SESSION_SETTINGS } from './engine-settings.ts';

interface Request {
  id: number;
  sql: string;
  params: unknown[];
}

const port = parentPort;
if (!port) throw new Error('pglite-thread.worker.ts runs as a worker thread only');

/** The fields of a PostgreSQL error the server reads (code, constraint, …), which cloning would drop. */
function serialiseError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'object') continue;
    fields[key] = value;
  }
  return fields;
}

try {
  const pglite = await PGlite.create(workerData.dataDir, { extensions: { pg_trgm, unaccent }, parsers });
  for (const [name, value] of SESSION_SETTINGS) await pglite.exec(`SET ${name} = ${value}`);
  port.on('message', async (message: Request | 'close') => {
    if (message === 'close') {
      await pglite.close();
      port.close();
      return;
    }
    try {
      const { rows, affectedRows } = await pglite.query(message.sql, message.params, { rowMode: 'object' });
      port.postMessage({ id: message.id, rows, affectedRows });
    } catch (error) {
      port.postMessage({ id: message.id, error: serialiseError(error) });
    }
  });
  port.postMessage('ready');
} catch (error) {
  port.postMessage({ id: 0, error: serialiseError(error) });
}

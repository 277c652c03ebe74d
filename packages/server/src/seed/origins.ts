import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The origins a demo's example pages are served from (`EXAMPLES_PORT`, on `localhost` and on the
 * host the server listens on), so the seeded publishable keys work there whatever the port.
 */
export function examplesOrigins(host: string, port: number): string[] {
  const hosts = new Set(['localhost', '127.0.0.1', host === '0.0.0.0' || host === '::' ? 'localhost' : host]);
  return [...hosts].map((h) => new URL(`http://${h.includes(':') ? `[${h}]` : h}:${port}`).origin);
}

/** Adds `origins` to every organisation's allowed origins (those already there are kept once). */
export async function allowOrigins(db: Kysely<DB>, origins: string[]): Promise<void> {
  await db
    .updateTable('organisations')
    .set({
      allowed_origins: sql<string[]>`ARRAY(SELECT DISTINCT unnest(allowed_origins || ${sql.val(origins)}::text[]))`,
    })
    .execute();
}

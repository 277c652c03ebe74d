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

/** The console's demo owner of an organisation: the address its sign-in link is mailed to (in the outbox). */
export const demoOwnerEmail = (slug: string) => `owner@${slug}.example.org`;

/**
 * Gives every organisation without an admin user an owner (`owner@<slug>.example.org`, in the
 * organisation's first language), so the demo's console can be signed in to through the outbox.
 * Returns the organisations that got one.
 */
export async function ensureDemoOwners(db: Kysely<DB>): Promise<string[]> {
  const orgs = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.slug', 'o.locales'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('admin_users as u')
            .select('u.id')
            .whereRef('u.organisation_id', '=', 'o.id')
            .where('u.removed_at', 'is', null),
        ),
      ),
    )
    .execute();
  if (orgs.length === 0) return [];
  await db
    .insertInto('admin_users')
    .values(
      orgs.map((o) => ({
        organisation_id: o.id,
        email: demoOwnerEmail(o.slug),
        role: 'owner' as const,
        locale: (['en', 'ar', 'fr'] as const).find((l) => l === o.locales[0]) ?? 'en',
      })),
    )
    .execute();
  return orgs.map((o) => o.slug);
}

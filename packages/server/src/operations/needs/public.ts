import type { components } from '@mahjar/sdk';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, NeedsTable } from '../../db/schema.js';
import type { Handlers, Principal } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { fieldsOf } from './model.js';

type Ops = 'listPublicNeeds' | 'getPublicNeed';
type BoardRow = Selectable<NeedsTable> & { slug: string; opened_at: Date };

/**
 * When a need was last opened: its latest move into `open` (created open, or a draft opened), or
 * its creation when no change says so. An update of an open need (`open → open`) does not count.
 */
const openedAt = sql<Date>`coalesce((select max(c.created_at) from need_changes c
  where c.need_id = needs.id and c.to_state = 'open' and c.from_state is distinct from 'open'), needs.created_at)`;

/**
 * The open needs, with their ministry's slug and when each was opened. The one rule of what the
 * public board may show: only `open` needs, never their history nor who changed them.
 */
function openNeeds(db: Kysely<DB>) {
  return db
    .selectFrom('needs')
    .innerJoin('organisations as o', 'o.id', 'needs.organisation_id')
    .selectAll('needs')
    .select(['o.slug', openedAt.as('opened_at')])
    .where('needs.state', '=', 'open');
}

/** A need as the public board shows it. */
function publicNeed(row: BoardRow): components['schemas']['PublicNeed'] {
  return { ...fieldsOf(row), id: row.id, organisationSlug: row.slug, openedAt: row.opened_at.toISOString() };
}

/** The caller's own organisation, for a board that names none. */
function ownSlug(principal: Principal): string {
  if (principal.kind === 'anonymous') throw new ProblemError('unauthorized', 'A publishable key is required.');
  return principal.organisationSlug;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Issue 17, item 4: a ministry's open needs, for its public needs board (cacheable reads). */
export const publicNeedHandlers: Pick<Handlers, Ops> = {
  async listPublicNeeds({ db, principal, query }) {
    const slug = query.organisation ?? ownSlug(principal);
    const organisation = await db
      .selectFrom('organisations')
      .select(['id', 'kind'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!organisation) throw new ProblemError('not-found', `No organisation ${slug}.`);
    // an organisation that is not a ministry posts no needs: an empty board, not an error
    if (organisation.kind !== 'ministry') return { status: 200, body: { items: [], nextCursor: null } };
    let q = openNeeds(db).where('needs.organisation_id', '=', organisation.id);
    if (query.offerKind?.length) q = q.where(sql<boolean>`needs.offer_kinds && ${query.offerKind}::text[]`);
    if (query.country?.length) q = q.where('needs.country', 'in', query.country);
    if (query.remote !== undefined) q = q.where('needs.remote', '=', query.remote);
    if (query.priorityArea?.length) q = q.where('needs.priority_area', 'in', query.priorityArea);
    const { items, nextCursor } = await keysetPage(
      q,
      query,
      [
        { by: openedAt, kind: 'instant' },
        { by: 'needs.id', kind: 'uuid' },
      ],
      'desc',
    );
    return { status: 200, body: { items: items.map(publicNeed), nextCursor } };
  },

  async getPublicNeed({ db, path }) {
    const notFound = () => new ProblemError('not-found', 'No open need with this id.');
    if (!isUuid(path.id)) throw notFound();
    const row = await openNeeds(db).where('needs.id', '=', path.id).executeTakeFirst();
    if (!row) throw notFound();
    return { status: 200, body: publicNeed(row) };
  },
};

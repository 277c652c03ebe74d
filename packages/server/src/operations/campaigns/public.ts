import { sql } from 'kysely';
import type { Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { decodeCursor, encodePageCursor, exactInstant, pageLimit } from '../paging.js';
import { isoDay, toCampaign } from './mapping.js';

/** Public reads: active and closed campaigns (never drafts), newest first. */
export const listCampaigns: Handlers['listCampaigns'] = async ({ db, ctx, query }) => {
  const today = isoDay(ctx.now());
  const limit = pageLimit(query.limit);
  const statuses = query.status?.length ? query.status : ['active'];
  let q = db
    .selectFrom('campaigns')
    .selectAll()
    // Microsecond precision (a JS Date keeps milliseconds), so the cursor never skips a row.
    .select(exactInstant('created_at').as('cursor_at'))
    .where('status', '!=', 'draft')
    // `closed` includes active campaigns past their last day, as `toCampaign` reports them.
    .where((eb) =>
      eb.or([
        ...(statuses.includes('active')
          ? [eb.and([eb('status', '=', 'active'), eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)])])]
          : []),
        ...(statuses.includes('closed')
          ? [eb('status', '=', 'closed'), eb.and([eb('status', '=', 'active'), eb('ends_on', '<', today)])]
          : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (query.organiser?.length) q = q.where('organiser_slug', 'in', query.organiser);
  if (query.priorityArea?.length) q = q.where('priority_area', 'in', query.priorityArea);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['instant', 'uuid']);
    const when = sql<Date>`${at}::timestamptz`;
    q = q.where((eb) => eb.or([eb('created_at', '<', when), eb.and([eb('created_at', '=', when), eb('id', '<', id)])]));
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      items: page.map(({ cursor_at: _, ...c }) => toCampaign(c, today)),
      nextCursor: rows.length > limit && last ? encodePageCursor(`${last.cursor_at}|${last.id}`) : null,
    },
  };
};

export const getCampaign: Handlers['getCampaign'] = async ({ db, ctx, path }) => {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('slug', '=', path.slug)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `No campaign ${path.slug}.`);
  return { status: 200, body: toCampaign(row, isoDay(ctx.now())) };
};

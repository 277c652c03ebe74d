import type { Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { isoDay, toCampaign } from './mapping.js';

/** Public reads: active and closed campaigns (never drafts), newest first. */
export const listCampaigns: Handlers['listCampaigns'] = async ({ db, ctx, query }) => {
  const today = isoDay(ctx.now());
  const statuses = query.status?.length ? query.status : ['active'];
  let q = db
    .selectFrom('campaigns')
    .selectAll()
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
    );
  if (query.organiser?.length) q = q.where('organiser_slug', 'in', query.organiser);
  if (query.priorityArea?.length) q = q.where('priority_area', 'in', query.priorityArea);
  const { items, nextCursor } = await keysetPage(
    q,
    query,
    [
      { by: 'created_at', kind: 'instant' },
      { by: 'id', kind: 'uuid' },
    ],
    'desc',
  );
  return { status: 200, body: { items: items.map((c) => toCampaign(c, today)), nextCursor } };
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

import type { components } from '@mahjar/sdk';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isAdmin, requireRole } from '../../http/auth.js';
import type { Handlers, Principal } from '../../http/types.js';
import { type FieldError, ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { type CampaignRow, isoDay, toCampaign } from './mapping.js';
import { isKnownCurrency } from './money.js';
import { endSubscriptionsSoon } from './subscriptions.js';

type Schemas = components['schemas'];

function invalid(errors: FieldError[]): void {
  if (errors.length > 0) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
}

/** Rules shared by create and update, checked on the campaign as it would be after the write. */
async function checkCampaign(
  db: Kysely<DB>,
  c: Pick<CampaignRow, 'currency' | 'priority_area' | 'starts_on' | 'ends_on' | 'checkout_mode' | 'link_out_url'>,
  sent: { currency?: unknown; priorityArea?: unknown; linkOutUrl?: unknown; endsOn?: unknown },
): Promise<void> {
  const errors: FieldError[] = [];
  if (sent.currency !== undefined && !isKnownCurrency(c.currency)) {
    errors.push({ pointer: '/currency', detail: 'is not an ISO 4217 currency' });
  }
  if (sent.priorityArea !== undefined) {
    const area = await db
      .selectFrom('priority_areas')
      .select('code')
      .where('code', '=', c.priority_area)
      .executeTakeFirst();
    if (!area) errors.push({ pointer: '/priorityArea', detail: 'is not a priority area (see listPriorityAreas)' });
  }
  if (c.checkout_mode === 'link_out' && !c.link_out_url) {
    errors.push({ pointer: '/linkOutUrl', detail: 'is required when checkoutMode is link_out' });
  }
  if (c.checkout_mode === 'hosted' && c.link_out_url && sent.linkOutUrl !== undefined) {
    errors.push({ pointer: '/linkOutUrl', detail: 'is only for link_out campaigns' });
  }
  if (c.ends_on !== null && c.ends_on < c.starts_on) {
    errors.push({
      pointer: sent.endsOn !== undefined ? '/endsOn' : '/startsOn',
      detail: 'endsOn must not be before startsOn',
    });
  }
  invalid(errors);
}

/** The caller's own campaign, for writing: another organisation's is refused as not found. */
async function ownCampaign(db: Kysely<DB>, principal: Principal, slug: string): Promise<CampaignRow> {
  const row = await db.selectFrom('campaigns').selectAll().where('slug', '=', slug).forUpdate().executeTakeFirst();
  // Another organisation's campaign is answered as none, like a missing one.
  if (!row || !isAdmin(principal) || principal.organisationSlug !== row.organiser_slug) {
    throw new ProblemError('not-found', `No campaign ${slug} in your organisation.`);
  }
  return row;
}

export const createCampaign: Handlers['createCampaign'] = async ({ db, ctx, principal, body }) => {
  const p = requireRole(principal, 'editor');
  const draft = {
    currency: body.currency,
    priority_area: body.priorityArea,
    starts_on: body.startsOn,
    ends_on: body.endsOn ?? null,
    checkout_mode: body.checkoutMode,
    link_out_url: body.linkOutUrl ?? null,
  };
  await checkCampaign(db, draft, { ...body, linkOutUrl: body.linkOutUrl });
  const taken = await db.selectFrom('campaigns').select('id').where('slug', '=', body.slug).executeTakeFirst();
  if (taken) throw new ProblemError('conflict', `A campaign with the slug ${body.slug} already exists.`);
  const row = await db
    .insertInto('campaigns')
    .values({
      ...draft,
      slug: body.slug,
      organiser_slug: p.organisationSlug,
      title: JSON.stringify(body.title),
      summary: JSON.stringify(body.summary),
      goal_amount: body.goalAmount,
      status: body.status ?? 'draft',
      preset_amounts: body.presetAmounts ?? [],
      allow_monthly: body.allowMonthly ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    status: 201,
    headers: { Location: `/v1/campaigns/${row.slug}` },
    body: toCampaign(row, isoDay(ctx.now())),
  };
};

export const updateCampaign: Handlers['updateCampaign'] = async ({ db, ctx, principal, path, body }) => {
  requireRole(principal, 'editor');
  const current = await ownCampaign(db, principal, path.slug);
  const patch: Schemas['CampaignPatch'] = body;
  const conflicts: string[] = [];
  const checkoutMode = patch.checkoutMode ?? current.checkout_mode;
  if (current.status !== 'draft') {
    if (patch.currency !== undefined && patch.currency !== current.currency) {
      conflicts.push('currency can only change while the campaign is a draft');
    }
    if (patch.checkoutMode !== undefined && patch.checkoutMode !== current.checkout_mode) {
      conflicts.push('checkoutMode can only change while the campaign is a draft');
    }
  }
  if ((patch.raisedAmount !== undefined || patch.donorCount !== undefined) && checkoutMode !== 'link_out') {
    conflicts.push('raisedAmount and donorCount are computed from donations for hosted campaigns');
  }
  if (patch.status !== undefined && patch.status !== current.status) {
    if (current.status === 'closed') conflicts.push('a closed campaign cannot be reopened');
    if (current.status === 'active' && patch.status === 'draft') {
      const any = await db
        .selectFrom('donations')
        .select('id')
        .where('campaign_id', '=', current.id)
        .limit(1)
        .executeTakeFirst();
      if (any) conflicts.push('a campaign that has received donations cannot go back to draft');
    }
  }
  if (conflicts.length > 0) throw new ProblemError('conflict', `${conflicts.join('; ')}.`);

  const next = {
    currency: patch.currency ?? current.currency,
    priority_area: patch.priorityArea ?? current.priority_area,
    starts_on: patch.startsOn ?? current.starts_on,
    ends_on: patch.endsOn !== undefined ? patch.endsOn : current.ends_on,
    checkout_mode: checkoutMode,
    // Switching to hosted drops the partner link unless one is sent (which is then refused).
    link_out_url:
      patch.linkOutUrl !== undefined ? patch.linkOutUrl : checkoutMode === 'hosted' ? null : current.link_out_url,
  };
  await checkCampaign(db, next, patch);

  const set: Record<string, unknown> = { ...next, updated_at: ctx.now() };
  if (patch.title !== undefined) set.title = JSON.stringify(patch.title);
  if (patch.summary !== undefined) set.summary = JSON.stringify(patch.summary);
  if (patch.goalAmount !== undefined) set.goal_amount = patch.goalAmount;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.presetAmounts !== undefined) set.preset_amounts = patch.presetAmounts;
  if (patch.allowMonthly !== undefined) set.allow_monthly = patch.allowMonthly;
  // Link-out only (checked above): the partner's own figures, typed in by the organiser.
  if (patch.raisedAmount !== undefined) set.raised_amount = patch.raisedAmount;
  if (patch.donorCount !== undefined) set.donor_count = patch.donorCount;
  const row = await db
    .updateTable('campaigns')
    .set(set as never)
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { status: 200, body: toCampaign(row, isoDay(ctx.now())) };
};

/**
 * Closes the campaign, then (after the closing commits) cancels its monthly donations at their
 * provider. Closing again returns the closed campaign and retries any cancellation that failed
 * (see `endSubscriptions`).
 */
export const closeCampaign: Handlers['closeCampaign'] = async ({ db, ctx, principal, path, log, afterCommit }) => {
  requireRole(principal, 'editor');
  const current = await ownCampaign(db, principal, path.slug);
  const row =
    current.status === 'closed'
      ? current
      : await db
          .updateTable('campaigns')
          .set({ status: 'closed', updated_at: ctx.now() })
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
  afterCommit(() => endSubscriptionsSoon(ctx, row.id, log));
  return { status: 200, body: toCampaign(row, isoDay(ctx.now())) };
};

/** The caller's own campaigns, every status (drafts too), newest first: the console's list. */
export const listAdminCampaigns: Handlers['listAdminCampaigns'] = async ({ db, ctx, principal, query }) => {
  const p = requireRole(principal, 'viewer');
  const today = isoDay(ctx.now());
  const { items, nextCursor } = await keysetPage(
    db.selectFrom('campaigns').selectAll().where('organiser_slug', '=', p.organisationSlug),
    query,
    [
      { by: 'created_at', kind: 'instant' },
      { by: 'id', kind: 'uuid' },
    ],
    'desc',
  );
  return { status: 200, body: { items: items.map((row) => toCampaign(row, today)), nextCursor } };
};

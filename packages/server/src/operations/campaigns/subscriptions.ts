import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../http/types.js';

/** Cancellations run a few at a time: a campaign may have hundreds of monthly donors. */
const CONCURRENCY = 4;

/**
 * Cancels, at their provider, the monthly donations of a closed campaign that are still running,
 * and records each outcome on the donation that started the subscription:
 *
 * - confirmed → `subscription_ended_at` is set (renewals paid after it are not recorded);
 * - failed → `subscription_cancel_error` says why and `subscription_ended_at` stays empty.
 *
 * What is owed is derived, not queued: every monthly donation of a closed campaign whose
 * subscription has not ended. Closing the campaign commits that intent durably in one row, so a
 * crash or a provider outage loses nothing, and running this again (closing the campaign again, or
 * a renewal arriving for it) retries exactly the ones still running. Runs after the closing
 * transaction has committed, on its own short writes, so a provider call never holds a lock.
 */
/**
 * `endSubscriptions` from a request's after-commit step: the response waits for it at most
 * `waitMs` (a quick provider answers within it, so the caller sees the outcome), then the rest carries
 * on without holding the response (a slow provider must not hold a webhook past its sender's timeout
 * or a close past a proxy's; the outcomes are recorded on the donations either way).
 */
export async function endSubscriptionsSoon(
  ctx: AppContext,
  campaignId: string,
  log: FastifyBaseLogger,
  waitMs = 5_000,
): Promise<void> {
  const work = endSubscriptions(ctx, campaignId, log).catch((error: unknown) =>
    log.error({ err: error, campaignId }, 'cancelling the subscriptions of a closed campaign failed'),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
}

export async function endSubscriptions(
  ctx: AppContext,
  campaignId: string,
  log: FastifyBaseLogger,
): Promise<{ ended: number; failed: number }> {
  const owed = await ctx.db
    .selectFrom('donations')
    .innerJoin('campaigns', 'campaigns.id', 'donations.campaign_id')
    .select(['donations.id', 'donations.provider', 'donations.subscription_ref'])
    .where('donations.campaign_id', '=', campaignId)
    .where('campaigns.status', '=', 'closed')
    .where('donations.frequency', '=', 'monthly')
    .where('donations.renewal_of', 'is', null)
    // A refunded first month does not stop the subscription; pending/failed ones never started one.
    .where('donations.status', 'in', ['succeeded', 'refunded'])
    .where('donations.subscription_ended_at', 'is', null)
    .orderBy('donations.created_at')
    .execute();

  let ended = 0;
  let failed = 0;
  const cancelOne = async (d: (typeof owed)[number]) => {
    if (await endSubscription(ctx, ctx.db, d, log)) ended++;
    else failed++;
  };

  for (let i = 0; i < owed.length; i += CONCURRENCY) {
    await Promise.all(owed.slice(i, i + CONCURRENCY).map(cancelOne));
  }
  return { ended, failed };
}

/**
 * Cancels one subscription at its provider and records the outcome on the donation that started it
 * (`db`: the caller's transaction, or the database). True when it ended.
 */
export async function endSubscription(
  ctx: AppContext,
  db: Kysely<DB>,
  donation: { id: string; provider: string; subscription_ref: string | null },
  log: FastifyBaseLogger,
): Promise<boolean> {
  try {
    const provider = ctx.payments[donation.provider];
    if (!provider) throw new Error(`the ${donation.provider} payment provider is not configured`);
    if (!donation.subscription_ref) {
      throw new Error('the provider has not named this subscription yet (it is learnt from its next invoice)');
    }
    await provider.cancelSubscription(donation.subscription_ref);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error, donationId: donation.id }, 'subscription not cancelled; asking again retries it');
    await db
      .updateTable('donations')
      .set({ subscription_cancel_error: message.slice(0, 1000), updated_at: ctx.now() })
      .where('id', '=', donation.id)
      .where('subscription_ended_at', 'is', null)
      .execute();
    return false;
  }
  const now = ctx.now();
  await db
    .updateTable('donations')
    .set({ subscription_ended_at: now, subscription_cancel_error: null, updated_at: now })
    .where('id', '=', donation.id)
    .where('subscription_ended_at', 'is', null)
    .execute();
  return true;
}

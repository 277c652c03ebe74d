import type { AppContext, Handlers, RequestEffects } from '../../http/types.js';
import type { PaymentEvent, PaymentProvider } from '../../payments/provider.js';
import type { SandboxProvider } from '../../payments/sandbox.js';
import { ProblemError } from '../../problems.js';
import { renderCheckoutPage } from './checkout-page.js';
import { checkoutProvider, returnUrlWith } from './donations.js';
import { type DonationRow, pickText } from './mapping.js';
import { enqueueReceipt, nextReceiptNumber } from './receipts.js';
import { endSubscriptionsSoon } from './subscriptions.js';

/** Which status each outcome may move a donation from; anything else is ignored (already applied, or stale). */
const TRANSITIONS: Record<Exclude<PaymentEvent['outcome'], 'renewed'>, DonationRow['status'][]> = {
  succeeded: ['pending'],
  failed: ['pending'],
  // The trigger on donations takes a refunded donation back out of the campaign's total.
  refunded: ['succeeded'],
  // A subscription ending stops future months; a donation already paid stays counted.
  cancelled: ['pending'],
};

export const receivePaymentWebhook: Handlers['receivePaymentWebhook'] = async ({
  db,
  ctx,
  path,
  headers,
  rawBody,
  ...effects
}) => {
  const provider: PaymentProvider | undefined = ctx.payments[path.provider];
  if (!provider) throw new ProblemError('not-found', `The ${path.provider} provider is not configured.`);
  const raw = rawBody;
  if (raw === undefined) throw new ProblemError('validation', 'A JSON request body is required.');
  // Throws `unauthorized` (401) before anything is read or written when the signature is wrong.
  const event = provider.parseWebhook(raw, headers);
  const envelope = JSON.parse(raw) as { id: string; type: string };

  const recorded = await db
    .insertInto('webhook_events')
    .values({ provider: provider.name, event_id: envelope.id, type: envelope.type, payload: raw })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!recorded) return { status: 200, body: { received: true, duplicate: true } };
  if (event) await applyEvent(ctx, db, provider.name, event, effects);
  await db.updateTable('webhook_events').set({ processed_at: ctx.now() }).where('id', '=', recorded.id).execute();
  return { status: 200, body: { received: true, duplicate: false } };
};

/** A donation's campaign, locked: a campaign being closed right now is seen closed once its closing commits. */
const lockedCampaign = (db: AppContext['db'], id: string) =>
  db.selectFrom('campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

/** The donation an event is about: by checkout session, else by our id, else by subscription. Locked. */
function findDonation(db: AppContext['db'], providerName: string, event: PaymentEvent) {
  let q = db.selectFrom('donations').selectAll().where('provider', '=', providerName).forUpdate();
  if (event.providerRef) q = q.where('provider_ref', '=', event.providerRef);
  else if (event.donationId) q = q.where('id', '=', event.donationId);
  else if (event.subscriptionRef) q = q.where('subscription_ref', '=', event.subscriptionRef);
  else return undefined;
  return q.executeTakeFirst();
}

async function applyEvent(
  ctx: AppContext,
  db: AppContext['db'],
  providerName: string,
  event: PaymentEvent,
  { log, afterCommit }: RequestEffects,
): Promise<void> {
  const donation = await findDonation(db, providerName, event);
  if (
    !donation ||
    (event.donationId && event.providerRef && donation.id !== event.donationId) ||
    (event.subscriptionRef && donation.subscription_ref && donation.subscription_ref !== event.subscriptionRef)
  ) {
    log.warn({ eventId: event.eventId }, 'payment event for no known donation: acknowledged, ignored');
    return;
  }
  if (
    (event.amount !== undefined && event.amount !== donation.amount) ||
    (event.currency !== undefined && event.currency !== donation.currency)
  ) {
    log.warn({ eventId: event.eventId, donationId: donation.id }, 'payment event amount differs: ignored');
    return;
  }
  if (event.outcome === 'renewed') return recordRenewal(ctx, db, donation, event, { log, afterCommit });

  const now = ctx.now();
  const monthly = donation.frequency === 'monthly';
  if (event.outcome === 'cancelled' && monthly && donation.subscription_ended_at === null) {
    // The provider ended the subscription (our cancellation, the donor, or failed payments).
    await db
      .updateTable('donations')
      .set({ subscription_ended_at: now, subscription_cancel_error: null, updated_at: now })
      .where('id', '=', donation.id)
      .execute();
  }
  if (!TRANSITIONS[event.outcome].includes(donation.status)) return;

  const campaign = await lockedCampaign(db, donation.campaign_id);
  const receipt =
    event.outcome === 'succeeded' ? await nextReceiptNumber(db, campaign.organiser_slug, now) : donation.receipt_number;
  // The donations trigger moves the campaign's raised total and donor count with this update.
  const updated = await db
    .updateTable('donations')
    .set({
      status: event.outcome,
      receipt_number: receipt,
      updated_at: now,
      ...(event.outcome === 'succeeded' && monthly && event.subscriptionRef
        ? { subscription_ref: event.subscriptionRef }
        : {}),
    })
    .where('id', '=', donation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (event.outcome === 'succeeded' && receipt) await enqueueReceipt(ctx.mailer, db, updated, campaign, receipt);
  // A checkout started before the campaign closed may still complete; its subscription must not outlive it.
  if (event.outcome === 'succeeded' && monthly && campaign.status === 'closed') {
    afterCommit(() => endSubscriptionsSoon(ctx, campaign.id, log));
  }
}

/**
 * A later month of a monthly donation: a new succeeded donation for the same campaign, donor,
 * amount and currency, pointing at the first one (`renewal_of`) and carrying the provider's payment
 * id as `provider_ref`, so the same month is never recorded twice (even from another event id).
 * It gets its own receipt, as the first month did.
 */
async function recordRenewal(
  ctx: AppContext,
  db: AppContext['db'],
  first: DonationRow,
  event: PaymentEvent,
  { log, afterCommit }: RequestEffects,
): Promise<void> {
  const about = { eventId: event.eventId, donationId: first.id };
  if (first.frequency !== 'monthly' || first.renewal_of !== null || !event.paymentRef) {
    log.warn(about, 'renewal for a donation that is not a monthly subscription: acknowledged, ignored');
    return;
  }
  // Paid in (or after) the second the subscription ended → charged after we stopped it: not ours to
  // count (the provider should not have charged; it stays in webhook_events for reconciliation).
  // Paid before → a month we owe a record for, whose webhook simply arrived late.
  const ended = first.subscription_ended_at;
  if (ended && (event.paidAt ?? ctx.now()).getTime() >= Math.floor(ended.getTime() / 1000) * 1000) {
    log.warn(about, 'renewal paid after its subscription ended: acknowledged, not recorded');
    return;
  }
  const seen = await db
    .selectFrom('donations')
    .select('id')
    .where('provider_ref', '=', event.paymentRef)
    .executeTakeFirst();
  if (seen) return;

  const campaign = await lockedCampaign(db, first.campaign_id);
  const now = ctx.now();
  const receipt = await nextReceiptNumber(db, campaign.organiser_slug, now);
  // The donations trigger adds it to the campaign's raised total (a renewal is not a new donor).
  const renewal = await db
    .insertInto('donations')
    .values({
      campaign_id: first.campaign_id,
      amount: first.amount,
      currency: first.currency,
      frequency: 'monthly',
      anonymous: first.anonymous,
      donor_name: first.donor_name,
      donor_email: first.donor_email,
      dedication: first.dedication,
      status: 'succeeded',
      provider: first.provider,
      provider_ref: event.paymentRef,
      receipt_number: receipt,
      locale: first.locale,
      // So the donation reads back like the first one (`redirectUrl` is the donor's return page).
      return_url: first.return_url,
      renewal_of: first.id,
      // When the month was paid, not when we heard of it: a late webhook must not move it to another quarter.
      created_at: event.paidAt ?? now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('provider_ref').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!renewal) return;
  if (!first.subscription_ref && event.subscriptionRef) {
    // Learnt late (a checkout completed before subscriptions were recorded): now it can be cancelled.
    await db
      .updateTable('donations')
      .set({ subscription_ref: event.subscriptionRef })
      .where('id', '=', first.id)
      .execute();
  }
  await enqueueReceipt(ctx.mailer, db, renewal, campaign, receipt);
  if (campaign.status === 'closed') {
    // Its cancellation is still owed (it failed, or is under way): the month is real money, so it is
    // recorded, and the cancellation is tried again.
    log.warn(about, 'renewal for a closed campaign: recorded; cancelling its subscription again');
    afterCommit(() => endSubscriptionsSoon(ctx, campaign.id, log));
  }
}

/** The sandbox pages exist only while the sandbox is the checkout provider (never beside Stripe). */
function sandboxOf(ctx: AppContext): SandboxProvider {
  const provider = checkoutProvider(ctx);
  if (provider.name !== 'sandbox') throw new ProblemError('not-found', 'The sandbox checkout is not enabled.');
  return provider as SandboxProvider;
}

async function sandboxDonation(db: AppContext['db'], sessionId: string) {
  const row = await db
    .selectFrom('donations')
    .innerJoin('campaigns', 'campaigns.id', 'donations.campaign_id')
    .selectAll('donations')
    .select(['campaigns.title as campaign_title'])
    .where('donations.provider', '=', 'sandbox')
    .where('donations.provider_ref', '=', sessionId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such checkout session.');
  return row;
}

export const getSandboxCheckout: Handlers['getSandboxCheckout'] = async ({ db, ctx, path }) => {
  sandboxOf(ctx);
  const donation = await sandboxDonation(db, path.sessionId);
  const { html, csp } = renderCheckoutPage({
    sessionId: path.sessionId,
    locale: donation.locale,
    campaignTitle: pickText(donation.campaign_title, donation.locale),
    amount: donation.amount,
    currency: donation.currency,
    frequency: donation.frequency,
    status: donation.status,
    returnOrigin: donation.return_url ? new URL(donation.return_url).origin : undefined,
  });
  return {
    status: 200,
    mediaType: 'text/html',
    headers: {
      'Cache-Control': 'no-store',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
    body: html,
  };
};

/**
 * The sandbox page's form. Writes nothing itself: the outcome reaches the donation the only way a
 * real payment does, as a signed webhook, which the server posts to itself once this request's
 * transaction has committed and before the donor is redirected (so the return page sees the result).
 */
export const completeSandboxCheckout: Handlers['completeSandboxCheckout'] = async ({
  db,
  ctx,
  path,
  body,
  afterCommit,
}) => {
  const sandbox = sandboxOf(ctx);
  const donation = await sandboxDonation(db, path.sessionId);
  const outcome = body.outcome;
  if (donation.status !== 'pending') {
    // A second click on the same button just goes back again; the other button cannot undo the first.
    if (donation.status === outcome) {
      return { status: 303, headers: { Location: returnUrlWith(returnTo(ctx, donation), donation.id, outcome) } };
    }
    throw new ProblemError('conflict', `This checkout already ended as ${donation.status}.`);
  }
  const webhook = sandbox.webhookFor(outcome === 'succeeded' ? 'checkout.succeeded' : 'checkout.failed', {
    sessionId: path.sessionId,
    donationId: donation.id,
    amount: donation.amount,
    currency: donation.currency,
  });
  afterCommit(async () => {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`sandbox webhook answered ${response.status}: ${await response.text()}`);
  });
  return { status: 303, headers: { Location: returnUrlWith(returnTo(ctx, donation), donation.id, outcome) } };
};

const returnTo = (ctx: AppContext, d: Pick<DonationRow, 'return_url'>) => d.return_url ?? `${ctx.config.publicUrl}/`;

import { afterCommit, rawBodyOf } from '../../http/router.js';
import type { AppContext, Handlers } from '../../http/types.js';
import type { PaymentEvent, PaymentProvider } from '../../payments/provider.js';
import type { SandboxProvider } from '../../payments/sandbox.js';
import { ProblemError } from '../../problems.js';
import { renderCheckoutPage } from './checkout-page.js';
import { checkoutProvider, returnUrlWith } from './donations.js';
import { type DonationRow, pickText } from './mapping.js';
import { enqueueReceipt, nextReceiptNumber } from './receipts.js';

/** Which status each outcome may move a donation from; anything else is ignored (already applied, or stale). */
const TRANSITIONS: Record<PaymentEvent['outcome'], DonationRow['status'][]> = {
  succeeded: ['pending'],
  failed: ['pending'],
  // The trigger on donations takes a refunded donation back out of the campaign's total.
  refunded: ['succeeded'],
  // A subscription ending stops future months; a donation already paid stays counted.
  cancelled: ['pending'],
};

export const receivePaymentWebhook: Handlers['receivePaymentWebhook'] = async ({ db, ctx, path, headers, request }) => {
  const provider: PaymentProvider | undefined = ctx.payments[path.provider];
  if (!provider) throw new ProblemError('not-found', `The ${path.provider} provider is not configured.`);
  const raw = rawBodyOf(request);
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
  if (event) await applyEvent(ctx, db, provider.name, event, request.log);
  await db.updateTable('webhook_events').set({ processed_at: ctx.now() }).where('id', '=', recorded.id).execute();
  return { status: 200, body: { received: true, duplicate: false } };
};

async function applyEvent(
  ctx: AppContext,
  db: AppContext['db'],
  providerName: string,
  event: PaymentEvent,
  log: { warn(o: object, msg: string): void },
): Promise<void> {
  let q = db.selectFrom('donations').selectAll().where('provider', '=', providerName).forUpdate();
  if (event.providerRef) q = q.where('provider_ref', '=', event.providerRef);
  else if (event.donationId) q = q.where('id', '=', event.donationId);
  else return;
  const donation = await q.executeTakeFirst();
  if (!donation || (event.donationId && event.providerRef && donation.id !== event.donationId)) {
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
  if (!TRANSITIONS[event.outcome].includes(donation.status)) return;

  const campaign = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', donation.campaign_id)
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  const receipt =
    event.outcome === 'succeeded' ? await nextReceiptNumber(db, campaign.organiser_slug, now) : donation.receipt_number;
  // The donations trigger moves the campaign's raised total and donor count with this update.
  const updated = await db
    .updateTable('donations')
    .set({ status: event.outcome, receipt_number: receipt, updated_at: now })
    .where('id', '=', donation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (event.outcome === 'succeeded' && receipt) await enqueueReceipt(ctx.mailer, db, updated, campaign, receipt);
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
  request,
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
  afterCommit(request, async () => {
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

import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { verify } from './signature.js';

interface StripeEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created?: number;
  data: { object: Record<string, unknown> & { id?: string; metadata?: Record<string, string> } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
/** An id Stripe sends either as a string or, when expanded, as the object itself. */
const idOf = (v: unknown): string | undefined => str(v) ?? str(obj(v)?.id);

/**
 * Stripe Checkout adapter. Creates a Checkout Session over Stripe's REST API (no SDK needed) and
 * verifies `Stripe-Signature` on webhooks. Configured by STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.
 *
 * The donation id travels as the session's `client_reference_id` and as metadata on the payment
 * intent (so `charge.refunded` names it) or the subscription (so `customer.subscription.deleted`
 * and each month's `invoice.paid` do).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  constructor(
    private readonly secretKey: string,
    private readonly webhookSecret: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly apiBase = 'https://api.stripe.com',
  ) {}

  async createCheckout(r: CheckoutRequest): Promise<CheckoutSession> {
    const monthly = r.frequency === 'monthly';
    const form = new URLSearchParams({
      mode: monthly ? 'subscription' : 'payment',
      success_url: r.successUrl,
      cancel_url: r.cancelUrl,
      customer_email: r.donorEmail,
      client_reference_id: r.donationId,
      'metadata[donation_id]': r.donationId,
      [monthly ? 'subscription_data[metadata][donation_id]' : 'payment_intent_data[metadata][donation_id]']:
        r.donationId,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': r.currency.toLowerCase(),
      'line_items[0][price_data][unit_amount]': String(r.amount),
      'line_items[0][price_data][product_data][name]': r.description,
    });
    if (monthly) form.set('line_items[0][price_data][recurring][interval]', 'month');
    const response = await this.fetchImpl(`${this.apiBase}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        // A retried createDonation (same donation id) gets the same session, never a second one.
        'idempotency-key': `donation-${r.donationId}`,
      },
      body: form,
    });
    if (!response.ok) throw new Error(`Stripe answered ${response.status}: ${await response.text()}`);
    const session = (await response.json()) as { id: string; url: string };
    return { providerRef: session.id, url: session.url };
  }

  parseWebhook(rawBody: string, headers: Record<string, string | undefined>): PaymentEvent | null {
    verify(this.webhookSecret, rawBody, headers['stripe-signature']);
    const event = JSON.parse(rawBody) as StripeEvent;
    const object = event.data.object;
    const base = { eventId: event.id, type: event.type };
    const money =
      typeof object.amount_total === 'number' && typeof object.currency === 'string'
        ? { amount: object.amount_total, currency: object.currency.toUpperCase() }
        : {};
    const session = {
      providerRef: str(object.id),
      donationId: str(object.client_reference_id) ?? str(object.metadata?.donation_id),
      // Subscription mode only: the subscription the checkout created, kept to cancel it later.
      ...(idOf(object.subscription) ? { subscriptionRef: idOf(object.subscription) } : {}),
      ...money,
    };
    switch (event.type) {
      case 'checkout.session.completed':
        // `unpaid` means an asynchronous method (bank debit) is still settling: wait for its own event.
        return object.payment_status === 'paid' || object.payment_status === 'no_payment_required'
          ? { ...base, ...session, outcome: 'succeeded' }
          : null;
      case 'checkout.session.async_payment_succeeded':
        return { ...base, ...session, outcome: 'succeeded' };
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired':
        return { ...base, ...session, outcome: 'failed' };
      case 'charge.refunded': {
        // Partial refunds leave the donation standing; only a full refund reverses it.
        if (object.refunded !== true) return null;
        // A later month's charge names its invoice, which is that month's donation (`provider_ref`);
        // a one-off's carries our id. (Since API version 2025-03-31 a charge no longer names its
        // invoice: refunds of later months then need the invoice looked up, which is not done yet.)
        const invoice = idOf(object.invoice);
        const donationId = str(object.metadata?.donation_id);
        return invoice
          ? { ...base, providerRef: invoice, outcome: 'refunded' }
          : donationId
            ? { ...base, donationId, outcome: 'refunded' }
            : null;
      }
      case 'customer.subscription.deleted': {
        const donationId = str(object.metadata?.donation_id);
        return donationId ? { ...base, donationId, subscriptionRef: str(object.id), outcome: 'cancelled' } : null;
      }
      case 'invoice.paid':
        return renewal(base, object, event);
      default:
        return null;
    }
  }

  /** `DELETE /v1/subscriptions/{id}`: cancels now, without proration or a final invoice. */
  async cancelSubscription(subscriptionRef: string): Promise<void> {
    const response = await this.fetchImpl(`${this.apiBase}/v1/subscriptions/${encodeURIComponent(subscriptionRef)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.secretKey}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.ok) return;
    const text = await response.text();
    // Stripe answers an already cancelled subscription with 404 `resource_missing`: it has ended.
    if (response.status === 404 && /"code"\s*:\s*"resource_missing"/.test(text)) return;
    throw new Error(`Stripe answered ${response.status}: ${text.slice(0, 500)}`);
  }
}

/**
 * `invoice.paid` for a later month of a monthly donation. The first invoice (`billing_reason`
 * `subscription_create`) is the checkout's own payment, already counted by
 * `checkout.session.completed`, so it is not a renewal. The subscription and its metadata are
 * under `parent.subscription_details` since API version 2025-03-31, directly on the invoice before.
 */
function renewal(
  base: { eventId: string; type: string },
  invoice: StripeEvent['data']['object'],
  event: StripeEvent,
): PaymentEvent | null {
  if (invoice.billing_reason === 'subscription_create') return null;
  const details = obj(obj(invoice.parent)?.subscription_details) ?? obj(invoice.subscription_details);
  const subscriptionRef = idOf(details?.subscription) ?? idOf(invoice.subscription);
  const donationId = str(obj(details?.metadata)?.donation_id);
  const paymentRef = str(invoice.id);
  if (!subscriptionRef || !paymentRef) return null;
  if (typeof invoice.amount_paid !== 'number' || typeof invoice.currency !== 'string') return null;
  const paidAtSeconds = obj(invoice.status_transitions)?.paid_at ?? event.created;
  return {
    ...base,
    outcome: 'renewed',
    subscriptionRef,
    ...(donationId ? { donationId } : {}),
    paymentRef,
    amount: invoice.amount_paid,
    currency: invoice.currency.toUpperCase(),
    ...(typeof paidAtSeconds === 'number' ? { paidAt: new Date(paidAtSeconds * 1000) } : {}),
  };
}

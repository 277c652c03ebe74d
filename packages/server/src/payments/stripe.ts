import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { verify } from './signature.js';

interface StripeEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> & { id?: string; metadata?: Record<string, string> } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Stripe Checkout adapter. Creates a Checkout Session over Stripe's REST API (no SDK needed) and
 * verifies `Stripe-Signature` on webhooks. Configured by STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.
 *
 * The donation id travels as the session's `client_reference_id` and as metadata on the payment
 * intent (so `charge.refunded` names it) or the subscription (so `customer.subscription.deleted` does).
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
        const donationId = str(object.metadata?.donation_id);
        // Partial refunds leave the donation standing; only a full refund reverses it.
        return donationId && object.refunded === true ? { ...base, donationId, outcome: 'refunded' } : null;
      }
      case 'customer.subscription.deleted': {
        const donationId = str(object.metadata?.donation_id);
        return donationId ? { ...base, donationId, outcome: 'cancelled' } : null;
      }
      default:
        return null;
    }
  }
}

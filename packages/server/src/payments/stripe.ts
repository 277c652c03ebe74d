import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { verify } from './signature.js';

/**
 * Stripe Checkout adapter. Creates a Checkout Session over Stripe's REST API (no SDK needed) and
 * verifies `Stripe-Signature` on webhooks. Configured by STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.
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
    const form = new URLSearchParams({
      mode: r.frequency === 'monthly' ? 'subscription' : 'payment',
      success_url: r.successUrl,
      cancel_url: r.cancelUrl,
      customer_email: r.donorEmail,
      client_reference_id: r.donationId,
      'metadata[donation_id]': r.donationId,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': r.currency.toLowerCase(),
      'line_items[0][price_data][unit_amount]': String(r.amount),
      'line_items[0][price_data][product_data][name]': r.description,
    });
    if (r.frequency === 'monthly') form.set('line_items[0][price_data][recurring][interval]', 'month');
    const response = await this.fetchImpl(`${this.apiBase}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
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
    const event = JSON.parse(rawBody) as { id: string; type: string; data: { object: { id: string } } };
    const outcome = {
      'checkout.session.completed': 'succeeded',
      'checkout.session.async_payment_succeeded': 'succeeded',
      'checkout.session.async_payment_failed': 'failed',
      'checkout.session.expired': 'failed',
    }[event.type] as PaymentEvent['outcome'] | undefined;
    return outcome ? { eventId: event.id, providerRef: event.data.object.id, outcome } : null;
  }
}

import { randomBytes } from 'node:crypto';
import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { verify } from './signature.js';

/**
 * Development and test provider: a hosted checkout page served by this server
 * (`getSandboxCheckout`), which posts a signed webhook back to this server, exactly as a real
 * provider would. No money moves.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  constructor(
    private readonly publicUrl: string,
    readonly webhookSecret: string,
  ) {}

  async createCheckout(_request: CheckoutRequest): Promise<CheckoutSession> {
    const providerRef = `sbx_${randomBytes(12).toString('base64url')}`;
    return { providerRef, url: `${this.publicUrl}/v1/payments/sandbox/checkout/${providerRef}` };
  }

  parseWebhook(rawBody: string, headers: Record<string, string | undefined>): PaymentEvent | null {
    verify(this.webhookSecret, rawBody, headers['mahjar-signature']);
    const event = JSON.parse(rawBody) as { id: string; type: string; data: { providerRef: string } };
    const outcome = { 'checkout.succeeded': 'succeeded', 'checkout.failed': 'failed', 'payment.refunded': 'refunded' }[
      event.type
    ] as PaymentEvent['outcome'] | undefined;
    return outcome ? { eventId: event.id, providerRef: event.data.providerRef, outcome } : null;
  }
}

import { randomBytes } from 'node:crypto';
import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { sign, verify } from './signature.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn uniformly from [A-Za-z0-9] (rejection sampling, no modulo bias). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

export const SANDBOX_SIGNATURE_HEADER = 'mahjar-signature';

const EVENT_TYPES = {
  'checkout.succeeded': 'succeeded',
  'checkout.failed': 'failed',
  'payment.refunded': 'refunded',
  'subscription.cancelled': 'cancelled',
} as const satisfies Record<string, PaymentEvent['outcome']>;

export type SandboxEventType = keyof typeof EVENT_TYPES;

/** The sandbox's webhook body (`SandboxPaymentEvent` in the contract). */
export interface SandboxEvent {
  id: string;
  type: SandboxEventType;
  created: string;
  data: { sessionId: string; donationId: string; amount: number; currency: string };
}

/**
 * Development and test provider: a hosted checkout page served by this server
 * (`getSandboxCheckout`), whose form makes the server post a signed webhook to itself, exactly as a
 * real provider would. No money moves.
 *
 * Monthly donations are accepted, but the sandbox does not simulate later months (the contract's
 * `SandboxPaymentEvent` has no renewal type): a sandbox subscription is just the first donation,
 * named by its checkout session, and cancelling it only needs the server to mark it ended.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  constructor(
    private readonly publicUrl: string,
    readonly webhookSecret: string,
  ) {}

  async createCheckout(_request: CheckoutRequest): Promise<CheckoutSession> {
    const providerRef = `cs_sandbox_${randomAlphanumeric(24)}`;
    return { providerRef, url: `${this.publicUrl}/v1/payments/sandbox/checkout/${providerRef}` };
  }

  /** The webhook the sandbox delivers for a checkout outcome: URL, exact body and its signature header. */
  webhookFor(
    type: SandboxEventType,
    data: SandboxEvent['data'],
    now = new Date(),
  ): { url: string; body: string; headers: Record<string, string> } {
    const event: SandboxEvent = {
      id: `evt_sandbox_${randomAlphanumeric(20)}`,
      type,
      created: now.toISOString(),
      data,
    };
    const body = JSON.stringify(event);
    return {
      url: `${this.publicUrl}/v1/payments/webhooks/sandbox`,
      body,
      headers: {
        'content-type': 'application/json',
        'Mahjar-Signature': sign(this.webhookSecret, body, Math.floor(now.getTime() / 1000)),
      },
    };
  }

  parseWebhook(rawBody: string, headers: Record<string, string | undefined>): PaymentEvent | null {
    verify(this.webhookSecret, rawBody, headers[SANDBOX_SIGNATURE_HEADER]);
    const event = JSON.parse(rawBody) as SandboxEvent;
    const outcome = EVENT_TYPES[event.type] as PaymentEvent['outcome'] | undefined;
    if (!outcome) return null;
    return {
      eventId: event.id,
      type: event.type,
      providerRef: event.data.sessionId,
      donationId: event.data.donationId,
      outcome,
      amount: event.data.amount,
      currency: event.data.currency,
      subscriptionRef: event.data.sessionId,
    };
  }

  /** Nothing runs at the sandbox between months, so there is nothing to stop. */
  async cancelSubscription(_subscriptionRef: string): Promise<void> {}
}

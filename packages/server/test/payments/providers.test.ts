import { describe, expect, it } from 'vitest';
import type { CheckoutRequest } from '../../src/payments/provider.js';
import { SandboxProvider } from '../../src/payments/sandbox.js';
import { sign } from '../../src/payments/signature.js';
import { StripeProvider } from '../../src/payments/stripe.js';
import { ProblemError } from '../../src/problems.js';

const WHSEC = 'whsec_stripe_test';
const DONATION = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  donationId: DONATION,
  amount: 5000,
  currency: 'USD',
  frequency: 'one_off',
  description: 'Beirut emergency rooms',
  donorEmail: 'donor@example.net',
  successUrl: 'https://ilma-usa.example.org/thanks?donation=x&status=succeeded',
  cancelUrl: 'https://ilma-usa.example.org/thanks?donation=x&status=failed',
  ...over,
});

function stripeWith(answer: { status: number; body: unknown }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  return { stripe: new StripeProvider('sk_test_123', WHSEC, fakeFetch), calls };
}

const stripeEvent = (type: string, object: Record<string, unknown>, id = 'evt_1Q2w3E4r5T6y7U8i') =>
  JSON.stringify({ id, object: 'event', type, created: 1_789_241_472, livemode: false, data: { object } });

describe('Stripe adapter', () => {
  it('creates a Checkout Session with the donation as reference and idempotency key', async () => {
    const { stripe, calls } = stripeWith({
      status: 200,
      body: { id: 'cs_test_abc', url: 'https://checkout.stripe.com/c/pay/cs_test_abc' },
    });
    const session = await stripe.createCheckout(request());
    expect(session).toEqual({ providerRef: 'cs_test_abc', url: 'https://checkout.stripe.com/c/pay/cs_test_abc' });
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe('https://api.stripe.com/v1/checkout/sessions');
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer sk_test_123');
    expect(headers['idempotency-key']).toBe(`donation-${DONATION}`);
    const form = Object.fromEntries(new URLSearchParams(String(init.body)));
    expect(form).toMatchObject({
      mode: 'payment',
      client_reference_id: DONATION,
      'payment_intent_data[metadata][donation_id]': DONATION,
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '5000',
    });
    expect(form['line_items[0][price_data][recurring][interval]']).toBeUndefined();
  });

  it('creates a subscription for monthly donations', async () => {
    const { stripe, calls } = stripeWith({
      status: 200,
      body: { id: 'cs_test_m', url: 'https://checkout.stripe.com/m' },
    });
    await stripe.createCheckout(request({ frequency: 'monthly' }));
    const form = Object.fromEntries(new URLSearchParams(String(calls[0]!.init.body)));
    expect(form).toMatchObject({
      mode: 'subscription',
      'subscription_data[metadata][donation_id]': DONATION,
      'line_items[0][price_data][recurring][interval]': 'month',
    });
  });

  it('fails loudly when Stripe refuses', async () => {
    const { stripe } = stripeWith({ status: 402, body: { error: { message: 'card declined' } } });
    await expect(stripe.createCheckout(request())).rejects.toThrow(/Stripe answered 402/);
  });

  const { stripe } = stripeWith({ status: 200, body: {} });
  const parse = (body: string) => stripe.parseWebhook(body, { 'stripe-signature': sign(WHSEC, body) });
  const session = {
    id: 'cs_test_abc',
    object: 'checkout.session',
    client_reference_id: DONATION,
    amount_total: 5000,
    currency: 'usd',
  };

  it.each([
    [
      'checkout.session.completed (paid)',
      'checkout.session.completed',
      { ...session, payment_status: 'paid' },
      'succeeded',
    ],
    ['checkout.session.async_payment_succeeded', 'checkout.session.async_payment_succeeded', session, 'succeeded'],
    ['checkout.session.async_payment_failed', 'checkout.session.async_payment_failed', session, 'failed'],
    ['checkout.session.expired', 'checkout.session.expired', session, 'failed'],
  ])('maps %s to %s', (_name, type, object, outcome) => {
    expect(parse(stripeEvent(type, object))).toEqual({
      eventId: 'evt_1Q2w3E4r5T6y7U8i',
      type,
      providerRef: 'cs_test_abc',
      donationId: DONATION,
      amount: 5000,
      currency: 'USD',
      outcome,
    });
  });

  it('waits for the async event when a completed session is still unpaid', () => {
    expect(parse(stripeEvent('checkout.session.completed', { ...session, payment_status: 'unpaid' }))).toBeNull();
  });

  it('maps a full refund and a cancelled subscription through the donation id metadata', () => {
    const refund = parse(
      stripeEvent('charge.refunded', {
        id: 'ch_1',
        object: 'charge',
        refunded: true,
        metadata: { donation_id: DONATION },
      }),
    );
    expect(refund).toMatchObject({ outcome: 'refunded', donationId: DONATION });
    expect(refund?.providerRef).toBeUndefined();
    const partial = parse(
      stripeEvent('charge.refunded', {
        id: 'ch_1',
        object: 'charge',
        refunded: false,
        metadata: { donation_id: DONATION },
      }),
    );
    expect(partial).toBeNull();
    const cancelled = parse(
      stripeEvent('customer.subscription.deleted', { id: 'sub_1', metadata: { donation_id: DONATION } }),
    );
    expect(cancelled).toMatchObject({ outcome: 'cancelled', donationId: DONATION });
  });

  it('names the subscription a monthly checkout created', () => {
    const completed = parse(
      stripeEvent('checkout.session.completed', {
        ...session,
        mode: 'subscription',
        subscription: 'sub_1Month',
        payment_status: 'paid',
      }),
    );
    expect(completed).toMatchObject({ outcome: 'succeeded', donationId: DONATION, subscriptionRef: 'sub_1Month' });
  });

  describe('invoice.paid', () => {
    const invoice = (over: Record<string, unknown> = {}) => ({
      id: 'in_1Renewal',
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      amount_paid: 5000,
      currency: 'usd',
      status_transitions: { paid_at: 1_789_241_000 },
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: 'sub_1Month', metadata: { donation_id: DONATION } },
      },
      ...over,
    });
    const renewed = {
      eventId: 'evt_1Q2w3E4r5T6y7U8i',
      type: 'invoice.paid',
      outcome: 'renewed',
      donationId: DONATION,
      subscriptionRef: 'sub_1Month',
      paymentRef: 'in_1Renewal',
      amount: 5000,
      currency: 'USD',
      paidAt: new Date(1_789_241_000_000),
    };

    it.each([
      ['a monthly renewal (API 2025-03-31 and later: parent.subscription_details)', invoice(), renewed],
      [
        'a monthly renewal (older API versions: subscription on the invoice)',
        invoice({
          parent: undefined,
          subscription: 'sub_1Month',
          subscription_details: { metadata: { donation_id: DONATION } },
          status_transitions: undefined,
        }),
        // Without paid_at, the event's own time.
        { ...renewed, paidAt: new Date(1_789_241_472_000) },
      ],
      [
        'an expanded subscription without our metadata',
        invoice({ parent: { subscription_details: { subscription: { id: 'sub_1Month' } } } }),
        { ...renewed, donationId: undefined },
      ],
      [
        'the first invoice, which checkout completion already counted',
        invoice({ billing_reason: 'subscription_create' }),
        null,
      ],
      ['an invoice that belongs to no subscription', invoice({ parent: null, billing_reason: 'manual' }), null],
    ])('maps %s', (_name, object, expected) => {
      expect(parse(stripeEvent('invoice.paid', object))).toEqual(expected);
    });
  });

  describe('cancelSubscription', () => {
    it('cancels with DELETE /v1/subscriptions/{id}', async () => {
      const { stripe, calls } = stripeWith({ status: 200, body: { id: 'sub_1Month', status: 'canceled' } });
      await stripe.cancelSubscription('sub_1Month');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.url).toBe('https://api.stripe.com/v1/subscriptions/sub_1Month');
      expect(calls[0]!.init.method).toBe('DELETE');
      expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer sk_test_123');
    });

    it('takes an already cancelled subscription (404 resource_missing) as ended', async () => {
      const { stripe } = stripeWith({
        status: 404,
        body: { error: { code: 'resource_missing', message: "No such subscription: 'sub_1Month'" } },
      });
      await expect(stripe.cancelSubscription('sub_1Month')).resolves.toBeUndefined();
    });

    it.each([
      [500, { error: { message: 'Something went wrong' } }],
      [401, { error: { message: 'Invalid API Key provided' } }],
      [404, { error: { message: 'Unrecognized request URL' } }],
    ])('throws when Stripe answers %i otherwise', async (status, body) => {
      const { stripe } = stripeWith({ status, body });
      await expect(stripe.cancelSubscription('sub_1Month')).rejects.toThrow(`Stripe answered ${status}`);
    });
  });

  it('acknowledges unrelated event types without a donation change', () => {
    expect(parse(stripeEvent('customer.created', { id: 'cus_1' }))).toBeNull();
    expect(parse(stripeEvent('charge.refunded', { id: 'ch_1', refunded: true }))).toBeNull();
  });

  it('refuses a body signed with another secret or altered after signing', () => {
    const body = stripeEvent('checkout.session.completed', { ...session, payment_status: 'paid' });
    expect(() => stripe.parseWebhook(body, { 'stripe-signature': sign('whsec_other', body) })).toThrow(ProblemError);
    expect(() => stripe.parseWebhook(body.replace('5000', '5'), { 'stripe-signature': sign(WHSEC, body) })).toThrow(
      /does not match/,
    );
    expect(() => stripe.parseWebhook(body, {})).toThrow(/Missing/);
  });
});

describe('sandbox provider', () => {
  const sandbox = new SandboxProvider('http://127.0.0.1:8787', 'whsec_sandbox');

  it('issues unguessable session ids in the contract format', async () => {
    const sessions = await Promise.all(Array.from({ length: 50 }, () => sandbox.createCheckout(request())));
    for (const s of sessions) {
      expect(s.providerRef).toMatch(/^cs_sandbox_[A-Za-z0-9]{24}$/);
      expect(s.url).toBe(`http://127.0.0.1:8787/v1/payments/sandbox/checkout/${s.providerRef}`);
    }
    expect(new Set(sessions.map((s) => s.providerRef)).size).toBe(50);
  });

  it('delivers webhooks it can verify, and no one else can forge', () => {
    const data = {
      sessionId: 'cs_sandbox_a1B2c3D4e5F6g7H8i9J0k1L2',
      donationId: DONATION,
      amount: 5000,
      currency: 'USD',
    };
    const hook = sandbox.webhookFor('checkout.succeeded', data);
    expect(hook.url).toBe('http://127.0.0.1:8787/v1/payments/webhooks/sandbox');
    const event = sandbox.parseWebhook(hook.body, { 'mahjar-signature': hook.headers['Mahjar-Signature'] });
    expect(event).toMatchObject({
      type: 'checkout.succeeded',
      outcome: 'succeeded',
      providerRef: data.sessionId,
      donationId: DONATION,
      amount: 5000,
      currency: 'USD',
    });
    expect(JSON.parse(hook.body).id).toMatch(/^evt_sandbox_[A-Za-z0-9]+$/);
    const forged = new SandboxProvider('http://127.0.0.1:8787', 'guessed').webhookFor('checkout.succeeded', data);
    expect(() => sandbox.parseWebhook(forged.body, { 'mahjar-signature': forged.headers['Mahjar-Signature'] })).toThrow(
      ProblemError,
    );
  });
});

/**
 * Monthly donations end to end: later months recorded from Stripe's `invoice.paid`, and closing a
 * campaign cancelling its subscriptions. Stripe is the real adapter with a stubbed HTTP layer (no
 * network) and webhooks signed locally with its webhook secret.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sign } from '../../src/payments/signature.js';
import { StripeProvider } from '../../src/payments/stripe.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

type Donation = components['schemas']['Donation'];
type EngagementReport = components['schemas']['EngagementReport'];

const WHSEC = 'whsec_subscriptions_test';

/** Stripe's API as far as the adapter uses it: checkout sessions and subscription cancellation. */
function stubStripe() {
  const cancelled: string[] = [];
  const stub = {
    cancelled,
    /** What DELETE /v1/subscriptions/{id} answers. */
    cancelAnswer: { status: 200, body: { object: 'subscription', status: 'canceled' } as unknown },
    provider: undefined as unknown as StripeProvider,
  };
  const fakeFetch = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    if (init.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${randomUUID().replace(/-/g, '')}`;
      return Response.json({ id, url: `https://checkout.stripe.com/c/pay/${id}` });
    }
    const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (init.method === 'DELETE' && sub) {
      cancelled.push(decodeURIComponent(sub));
      return Response.json(stub.cancelAnswer.body, { status: stub.cancelAnswer.status });
    }
    return Response.json({ error: { message: `unexpected ${init.method} ${path}` } }, { status: 400 });
  }) as unknown as typeof fetch;
  stub.provider = new StripeProvider('sk_test_subscriptions', WHSEC, fakeFetch);
  return stub;
}

const campaignInput = (slug: string) => ({
  slug,
  title: { en: `Monthly campaign ${slug}` },
  summary: { en: 'A campaign made by the test suite.' },
  goalAmount: 10_000_000,
  currency: 'USD',
  priorityArea: 'mental-health',
  startsOn: '2020-01-01',
  checkoutMode: 'hosted' as const,
  status: 'active' as const,
  allowMonthly: true,
});

/** `2026-Q3` for today, the quarter renewals recorded now fall in. */
const thisQuarter = () => {
  const d = new Date();
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

forEachApiEngine('monthly donations', (env) => {
  const admin = () => env().client({ key: 'secret', org: 'ilma-usa' });
  let stripe: ReturnType<typeof stubStripe>;

  beforeEach(() => {
    stripe = stubStripe();
    env().server.ctx.payments.stripe = stripe.provider;
  });
  afterEach(() => {
    delete env().server.ctx.payments.stripe;
  });

  async function newCampaign() {
    const slug = `monthly-${randomUUID().slice(0, 8)}`;
    const res = await admin().POST('/v1/admin/campaigns', { body: campaignInput(slug) });
    expect(res.response.status, JSON.stringify(res.error)).toBe(201);
    return slug;
  }

  async function campaign(slug: string) {
    const { data } = await env()
      .client()
      .GET('/v1/campaigns/{slug}', { params: { path: { slug } } });
    return data!;
  }

  async function donate(slug: string, frequency: 'monthly' | 'one_off' = 'monthly', amount = 2500) {
    const res = await env()
      .client()
      .POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug } },
        body: {
          amount,
          currency: 'USD',
          frequency,
          donorName: 'Monthly Donor',
          donorEmail: `monthly-${randomUUID()}@example.net`,
          returnUrl: `${ALLOWED_ORIGIN}/thanks`,
        },
      });
    expect(res.response.status, JSON.stringify(res.error)).toBe(201);
    return res.data!;
  }

  const close = async (slug: string) => {
    const res = await admin().POST('/v1/admin/campaigns/{slug}/close', { params: { path: { slug } } });
    expect(res.response.status).toBe(200);
  };

  async function stripeWebhook(type: string, object: Record<string, unknown>, id = `evt_${randomUUID().slice(0, 8)}`) {
    const body = JSON.stringify({
      id,
      object: 'event',
      type,
      created: nowSeconds(),
      livemode: false,
      data: { object },
    });
    const res = await env().fetch('/v1/payments/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Stripe-Signature': sign(WHSEC, body) },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { received: boolean; duplicate: boolean };
  }

  /** Stripe's `checkout.session.completed` for a donation, paid; monthly ones name their subscription. */
  async function checkoutPaid(d: Donation, subscription?: string) {
    const sessionId = new URL(d.checkoutUrl!).pathname.split('/').at(-1)!;
    return stripeWebhook('checkout.session.completed', {
      id: sessionId,
      object: 'checkout.session',
      mode: subscription ? 'subscription' : 'payment',
      client_reference_id: d.id,
      payment_status: 'paid',
      amount_total: d.amount,
      currency: 'usd',
      ...(subscription ? { subscription } : {}),
    });
  }

  /** Stripe's `invoice.paid` for one month of a subscription. */
  const invoicePaid = (
    d: Donation,
    subscription: string,
    invoice: string,
    over: { billing_reason?: string; paidAt?: number; eventId?: string } = {},
  ) =>
    stripeWebhook(
      'invoice.paid',
      {
        id: invoice,
        object: 'invoice',
        billing_reason: over.billing_reason ?? 'subscription_cycle',
        amount_paid: d.amount,
        currency: 'usd',
        status_transitions: { paid_at: over.paidAt ?? nowSeconds() },
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription, metadata: { donation_id: d.id } },
        },
      },
      over.eventId,
    );

  const rowsOf = (campaignSlug: string) =>
    env()
      .db.selectFrom('donations')
      .innerJoin('campaigns', 'campaigns.id', 'donations.campaign_id')
      .selectAll('donations')
      .where('campaigns.slug', '=', campaignSlug)
      // first donations, then months (a month is dated by its payment, which may precede the row)
      .orderBy(sql`donations.renewal_of IS NOT NULL`)
      .orderBy('donations.created_at')
      .execute();

  const receiptsTo = async (email: string) =>
    (
      await env()
        .db.selectFrom('outbox')
        .select('subject')
        .where('to_address', '=', email)
        .where('kind', '=', 'donation_receipt')
        .execute()
    ).length;

  async function fundsOf(slug: string) {
    const { data } = await admin().GET('/v1/admin/reports/engagement', {
      params: { query: { quarter: thisQuarter() } },
    });
    const report = data as EngagementReport;
    const rows = report.fundsRaised.byCampaign.filter((c) => c.campaignSlug === slug);
    expect(rows.length).toBeLessThanOrEqual(1);
    const usd = report.fundsRaised.totals.find((t) => t.currency === 'USD');
    return { campaign: rows[0], donationCount: usd?.donationCount ?? 0 };
  }

  describe('later months (Stripe invoice.paid)', () => {
    it('records each month once as its own succeeded donation, with a receipt, in totals and the report', async () => {
      const slug = await newCampaign();
      const d = await donate(slug, 'monthly', 2500);
      const sub = `sub_${randomUUID().slice(0, 12)}`;
      const reportBefore = await fundsOf(slug);

      await checkoutPaid(d, sub);
      // The first invoice is the checkout's own payment: already counted.
      await invoicePaid(d, sub, `in_first_${sub}`, { billing_reason: 'subscription_create' });
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 2500, donorCount: 1 });

      const month2 = `evt_${randomUUID().slice(0, 8)}`;
      expect(await invoicePaid(d, sub, `in_2_${sub}`, { eventId: month2 })).toEqual({
        received: true,
        duplicate: false,
      });
      // Redelivered event, and another event for the same invoice: nothing recorded twice.
      expect(await invoicePaid(d, sub, `in_2_${sub}`, { eventId: month2 })).toEqual({
        received: true,
        duplicate: true,
      });
      await invoicePaid(d, sub, `in_2_${sub}`);
      await invoicePaid(d, sub, `in_3_${sub}`);

      // Three months raised; still one donor.
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 7500, donorCount: 1 });
      const rows = await rowsOf(slug);
      expect(rows).toHaveLength(3);
      const [first, ...renewals] = rows;
      expect(first).toMatchObject({ id: d.id, status: 'succeeded', subscription_ref: sub, renewal_of: null });
      for (const r of renewals) {
        expect(r).toMatchObject({
          campaign_id: first!.campaign_id,
          renewal_of: d.id,
          status: 'succeeded',
          frequency: 'monthly',
          amount: 2500,
          currency: 'USD',
          donor_email: first!.donor_email,
          donor_name: 'Monthly Donor',
          provider: 'stripe',
        });
        expect(r.receipt_number).toMatch(/^ILMA-USA-\d{4}-\d{6}$/);
      }
      expect(renewals.map((r) => r.provider_ref).sort()).toEqual([`in_2_${sub}`, `in_3_${sub}`]);
      expect(new Set(rows.map((r) => r.receipt_number)).size).toBe(3);
      expect(await receiptsTo(first!.donor_email)).toBe(3);
      const { data: readBack } = await env()
        .client()
        .GET('/v1/donations/{id}', { params: { path: { id: renewals[0]!.id } } });
      expect(readBack).toMatchObject({
        campaignSlug: slug,
        frequency: 'monthly',
        status: 'succeeded',
        amount: 2500,
        receiptNumber: renewals[0]!.receipt_number,
      });

      // The quarterly report counts every month's money and donation, and the donor once.
      const report = await fundsOf(slug);
      expect(report.campaign).toMatchObject({ amount: 7500, donorCount: 1 });
      expect(report.donationCount - reportBefore.donationCount).toBe(3);
    });

    it('takes a refunded month back out of the totals, and dates each month by its payment', async () => {
      const slug = await newCampaign();
      const d = await donate(slug, 'monthly', 2500);
      const sub = `sub_${randomUUID().slice(0, 12)}`;
      await checkoutPaid(d, sub);
      const paidAt = nowSeconds() - 2 * 24 * 3600; // delivered two days late
      await invoicePaid(d, sub, `in_2_${sub}`, { paidAt });
      await invoicePaid(d, sub, `in_3_${sub}`);
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 7500, donorCount: 1 });
      const month2 = (await rowsOf(slug)).find((r) => r.provider_ref === `in_2_${sub}`)!;
      expect(month2.created_at.getTime()).toBe(paidAt * 1000);

      // A partial refund leaves the month standing; a full one reverses that month only.
      await stripeWebhook('charge.refunded', { id: 'ch_p', object: 'charge', invoice: `in_2_${sub}`, refunded: false });
      expect((await campaign(slug)).raisedAmount).toBe(7500);
      await stripeWebhook('charge.refunded', { id: 'ch_2', object: 'charge', invoice: `in_2_${sub}`, refunded: true });
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 5000, donorCount: 1 });
      const rows = await rowsOf(slug);
      expect(rows.find((r) => r.provider_ref === `in_2_${sub}`)?.status).toBe('refunded');
      expect(rows.filter((r) => r.status === 'succeeded').map((r) => r.id)).toContain(d.id);
    });

    it('ignores a renewal whose amount differs, or for a one-off donation', async () => {
      const slug = await newCampaign();
      const monthly = await donate(slug, 'monthly', 4000);
      const oneOff = await donate(slug, 'one_off', 1000);
      await checkoutPaid(monthly, 'sub_amountcheck');
      await checkoutPaid(oneOff);
      await invoicePaid({ ...monthly, amount: 9999 }, 'sub_amountcheck', 'in_amountcheck');
      await invoicePaid(oneOff, 'sub_notmonthly', 'in_notmonthly');
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 5000, donorCount: 2 });
      expect(await rowsOf(slug)).toHaveLength(2);
    });
  });

  describe('closing a campaign', () => {
    it('cancels each monthly subscription once at Stripe; later months are not recorded', async () => {
      const slug = await newCampaign();
      const a = await donate(slug, 'monthly', 2000);
      const b = await donate(slug, 'monthly', 3000);
      const oneOff = await donate(slug, 'one_off', 1000);
      const subA = `sub_a${randomUUID().slice(0, 8)}`;
      const subB = `sub_b${randomUUID().slice(0, 8)}`;
      await checkoutPaid(a, subA);
      await checkoutPaid(b, subB);
      await checkoutPaid(oneOff);
      expect(stripe.cancelled).toEqual([]);

      await close(slug);
      expect(stripe.cancelled.sort()).toEqual([subA, subB].sort());
      const rows = await rowsOf(slug);
      for (const r of rows.filter((x) => x.frequency === 'monthly')) {
        expect(r.subscription_ended_at).toBeInstanceOf(Date);
        expect(r.subscription_cancel_error).toBeNull();
      }
      expect(rows.find((r) => r.id === oneOff.id)?.subscription_ended_at).toBeNull();

      // Closing again has nothing left to cancel.
      await close(slug);
      expect(stripe.cancelled).toHaveLength(2);

      // A month charged after the cancellation is not recorded; one paid before it but delivered
      // late is (the money was taken while the subscription ran).
      await invoicePaid(a, subA, `in_after_${subA}`);
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 6000 });
      await invoicePaid(b, subB, `in_before_${subB}`, { paidAt: nowSeconds() - 3600 });
      expect(await campaign(slug)).toMatchObject({ raisedAmount: 9000, donorCount: 3 });
      expect((await rowsOf(slug)).map((r) => r.provider_ref)).not.toContain(`in_after_${subA}`);
    });

    it('records a failed cancellation on the donation and retries it when the campaign is closed again', async () => {
      const slug = await newCampaign();
      const d = await donate(slug);
      const sub = `sub_${randomUUID().slice(0, 12)}`;
      await checkoutPaid(d, sub);

      stripe.cancelAnswer = { status: 500, body: { error: { message: 'Stripe is down' } } };
      await close(slug);
      expect((await campaign(slug)).status).toBe('closed');
      expect(stripe.cancelled).toEqual([sub]);
      let [row] = await rowsOf(slug);
      expect(row!.subscription_ended_at).toBeNull();
      expect(row!.subscription_cancel_error).toMatch(/Stripe answered 500/);

      // Still running, so a month Stripe charged meanwhile is real money: recorded.
      stripe.cancelAnswer = { status: 500, body: { error: { message: 'Still down' } } };
      await invoicePaid(d, sub, `in_meanwhile_${sub}`);
      expect((await campaign(slug)).raisedAmount).toBe(5000);

      stripe.cancelAnswer = { status: 200, body: { object: 'subscription', status: 'canceled' } };
      await close(slug);
      [row] = await rowsOf(slug);
      expect(row!.subscription_ended_at).toBeInstanceOf(Date);
      expect(row!.subscription_cancel_error).toBeNull();
      const attempts = stripe.cancelled.length;
      await close(slug);
      expect(stripe.cancelled).toHaveLength(attempts);
    });

    it('cancels the subscription of a monthly checkout that completes after the close', async () => {
      const slug = await newCampaign();
      const d = await donate(slug);
      await close(slug);
      expect(stripe.cancelled).toEqual([]);
      await checkoutPaid(d, 'sub_latecomer');
      expect(stripe.cancelled).toEqual(['sub_latecomer']);
      const [row] = await rowsOf(slug);
      expect(row).toMatchObject({ status: 'succeeded', subscription_ref: 'sub_latecomer' });
      expect(row!.subscription_ended_at).toBeInstanceOf(Date);
    });

    it('records Stripe ending a subscription by itself (customer.subscription.deleted)', async () => {
      const slug = await newCampaign();
      const d = await donate(slug);
      await checkoutPaid(d, 'sub_donorstopped');
      await stripeWebhook('customer.subscription.deleted', {
        id: 'sub_donorstopped',
        object: 'subscription',
        metadata: { donation_id: d.id },
      });
      const [row] = await rowsOf(slug);
      expect(row).toMatchObject({ status: 'succeeded' });
      expect(row!.subscription_ended_at).toBeInstanceOf(Date);
      await close(slug);
      expect(stripe.cancelled).toEqual([]);
    });

    it('marks sandbox monthly donations ended', async () => {
      delete env().server.ctx.payments.stripe;
      const slug = await newCampaign();
      const d = await donate(slug);
      const session = new URL(d.checkoutUrl!).pathname.split('/').at(-1)!;
      const paid = await env().fetch(`/v1/payments/sandbox/checkout/${session}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome: 'succeeded' }).toString(),
        redirect: 'manual',
      });
      expect(paid.status).toBe(303);
      let [row] = await rowsOf(slug);
      expect(row).toMatchObject({ status: 'succeeded', subscription_ref: session, subscription_ended_at: null });
      await close(slug);
      [row] = await rowsOf(slug);
      expect(row!.subscription_ended_at).toBeInstanceOf(Date);
      expect(row!.subscription_cancel_error).toBeNull();
    });
  });

  describe('Stripe webhook with a bad signature, over HTTP', () => {
    /** A paid `checkout.session.completed` for `d`, as Stripe would send it (unsigned). */
    const paidEvent = (d: Donation) =>
      JSON.stringify({
        id: `evt_${randomUUID().slice(0, 8)}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: nowSeconds(),
        livemode: false,
        data: {
          object: {
            id: new URL(d.checkoutUrl!).pathname.split('/').at(-1),
            object: 'checkout.session',
            mode: 'payment',
            client_reference_id: d.id,
            payment_status: 'paid',
            amount_total: d.amount,
            currency: 'usd',
          },
        },
      });

    it.each([
      ['signed with another secret', (body: string) => ({ body, signature: sign('whsec_someone_else', body) })],
      [
        'altered after signing',
        (body: string) => ({ body: body.replace('"paid"', '"paid" '), signature: sign(WHSEC, body) }),
      ],
      [
        'signed too long ago',
        (body: string) => ({ body, signature: sign(WHSEC, body, Math.floor(Date.now() / 1000) - 3600) }),
      ],
      ['not signed', (body: string) => ({ body, signature: undefined })],
    ] as const)('%s → 401 problem, the donation and the campaign untouched', async (_name, make) => {
      const slug = await newCampaign();
      const d = await donate(slug, 'one_off');
      const before = { campaign: await campaign(slug), events: await env().count('webhook_events') };
      const { body, signature } = make(paidEvent(d));
      const res = await env().fetch('/v1/payments/webhooks/stripe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'Stripe-Signature': signature } : {}) },
        body,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).type).toBe('https://mahjar.dev/problems/unauthorized');
      const [row] = await rowsOf(slug);
      expect(row!.status).toBe('pending');
      expect(await env().count('webhook_events')).toBe(before.events);
      expect((await campaign(slug)).raisedAmount).toBe(before.campaign.raisedAmount);
      // The same event, signed as Stripe signs it, is accepted: the refusals above were the signature's.
      const good = paidEvent(d);
      expect((await stripeWebhook('checkout.session.completed', JSON.parse(good).data.object)).received).toBe(true);
      expect((await rowsOf(slug))[0]!.status).toBe('succeeded');
    });
  });
});

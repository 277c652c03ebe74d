import { randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/payments/signature.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

type Donation = components['schemas']['Donation'];
type DonationInput = components['schemas']['DonationInput'];

const PROBLEM = 'https://mahjar.dev/problems/';
const RED_CROSS = 'https://www.redcross.org.lb/donate';
/** Seeded: ilma-usa, USD, hosted, monthly allowed, active. */
const HOSTED = 'mental-health-lines';

const donationInput = (over: Partial<DonationInput> = {}): DonationInput => ({
  amount: 2500,
  currency: 'USD',
  frequency: 'one_off',
  anonymous: false,
  donorName: 'Test Donor',
  donorEmail: `donor-${randomUUID()}@example.net`,
  returnUrl: `${ALLOWED_ORIGIN}/thanks`,
  ...over,
});

const campaignInput = (slug: string, over: Record<string, unknown> = {}) => ({
  slug,
  title: { en: `Test campaign ${slug}` },
  summary: { en: 'A campaign made by the test suite.' },
  goalAmount: 1_000_000,
  currency: 'USD',
  priorityArea: 'mental-health',
  startsOn: '2020-01-01',
  checkoutMode: 'hosted',
  ...over,
});

const uniqueSlug = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

forEachApiEngine('campaigns and donations', (env) => {
  const publicClient = (locale?: string) => env().client(locale ? { locale } : {});
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });

  async function campaign(slug: string) {
    const { data } = await publicClient().GET('/v1/campaigns/{slug}', { params: { path: { slug } } });
    if (!data) throw new Error(`no campaign ${slug}`);
    return data;
  }

  async function donate(slug: string, over: Partial<DonationInput> = {}, locale?: string) {
    const res = await publicClient(locale).POST('/v1/campaigns/{slug}/donations', {
      params: { path: { slug } },
      body: donationInput(over),
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(201);
    return res.data!;
  }

  const sessionOf = (d: Donation) => new URL(d.checkoutUrl!).pathname.split('/').at(-1)!;

  const complete = (sessionId: string, outcome: string) =>
    env().fetch(`/v1/payments/sandbox/checkout/${sessionId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome }).toString(),
      redirect: 'manual',
    });

  const getDonation = async (id: string) =>
    (await publicClient().GET('/v1/donations/{id}', { params: { path: { id } } })).data!;

  /** A sandbox webhook as the provider would send it, signed with `secret` (default: the server's). */
  function sandboxEvent(
    d: Donation,
    type = 'checkout.succeeded',
    id = `evt_sandbox_${randomUUID().replace(/-/g, '')}`,
  ) {
    return JSON.stringify({
      id,
      type,
      created: new Date().toISOString(),
      data: { sessionId: sessionOf(d), donationId: d.id, amount: d.amount, currency: d.currency },
    });
  }
  const postWebhook = (body: string, signature: string | undefined) =>
    env().fetch('/v1/payments/webhooks/sandbox', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'Mahjar-Signature': signature } : {}) },
      body,
    });
  const secret = () => env().server.ctx.config.sandboxWebhookSecret;

  describe('public reads', () => {
    it('lists active campaigns by default, never drafts, with a stable cursor', async () => {
      const client = publicClient();
      const seen: components['schemas']['Campaign'][] = [];
      let cursor: string | undefined;
      do {
        const { data } = await client.GET('/v1/campaigns', {
          params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } },
        });
        seen.push(...data!.items);
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      const slugs = seen.map((c) => c.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs).toEqual(expect.arrayContaining([HOSTED, 'lrc-ambulances', 'telehealth-kits']));
      expect(slugs).not.toContain('imsa-oncology-fellows');
      expect(slugs).not.toContain('insulin-access-2026');
      expect(seen.every((c) => c.status === 'active')).toBe(true);
    });

    it('filters by status, organiser and priority area', async () => {
      const client = publicClient();
      const closed = await client.GET('/v1/campaigns', { params: { query: { status: ['closed'] } } });
      expect(closed.data!.items.map((c) => c.slug)).toContain('insulin-access-2026');
      expect(closed.data!.items.every((c) => c.status === 'closed')).toBe(true);
      const mine = await client.GET('/v1/campaigns', { params: { query: { organiser: ['ilma-usa'] } } });
      expect(mine.data!.items.length).toBeGreaterThan(0);
      expect(mine.data!.items.every((c) => c.organiserSlug === 'ilma-usa')).toBe(true);
      const area = await client.GET('/v1/campaigns', { params: { query: { priorityArea: ['digital-health'] } } });
      expect(area.data!.items.map((c) => c.slug)).toEqual(['telehealth-kits']);
    });

    it('shows a campaign with goal, progress and checkout settings', async () => {
      const c = await campaign(HOSTED);
      expect(c).toMatchObject({
        organiserSlug: 'ilma-usa',
        currency: 'USD',
        checkoutMode: 'hosted',
        linkOutUrl: null,
        allowMonthly: true,
      });
      expect(c.goalAmount).toBe(5_000_000);
      expect(c.raisedAmount).toBeGreaterThan(0);
      expect(c.donorCount).toBeGreaterThan(0);
      // The stored total is exactly the sum of succeeded donations.
      const sum = await env()
        .db.selectFrom('donations')
        .select((eb) => [eb.fn.sum<number>('amount').as('raised'), eb.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', c.id)
        .where('status', '=', 'succeeded')
        .executeTakeFirstOrThrow();
      expect(c.raisedAmount).toBe(Number(sum.raised));
      expect(c.donorCount).toBe(Number(sum.n));
      const lrc = await campaign('lrc-ambulances');
      expect(lrc).toMatchObject({ checkoutMode: 'link_out', linkOutUrl: RED_CROSS });
    });

    it.each([['imsa-oncology-fellows'], ['no-such-campaign']])(
      'answers 404 for %s (drafts are not public)',
      async (slug) => {
        const { response, error } = await publicClient().GET('/v1/campaigns/{slug}', { params: { path: { slug } } });
        expect(response.status).toBe(404);
        expect(error?.type).toBe(`${PROBLEM}not-found`);
      },
    );
  });

  describe('hosted checkout through the sandbox', () => {
    it('pays: checkout page, form post, signed webhook, receipt, total counted once', async () => {
      const before = await campaign(HOSTED);
      const outboxBefore = await env().count('outbox');
      const created = await publicClient('fr').POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug: HOSTED } },
        body: donationInput({ amount: 4200, frequency: 'monthly', dedication: 'Pour ma grand-mère' }),
      });
      expect(created.response.status).toBe(201);
      const d = created.data!;
      expect(d).toMatchObject({
        status: 'pending',
        amount: 4200,
        frequency: 'monthly',
        receiptNumber: null,
        campaignSlug: HOSTED,
      });
      expect(d.redirectUrl).toBe(d.checkoutUrl);
      expect(d.checkoutUrl).toMatch(
        new RegExp(`^${env().url}/v1/payments/sandbox/checkout/cs_sandbox_[A-Za-z0-9]{24}$`),
      );
      expect(created.response.headers.get('location')).toBe(`/v1/donations/${d.id}`);
      expect(JSON.stringify(d)).not.toContain('@example.net');

      const page = await env().fetch(new URL(d.checkoutUrl!).pathname);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      const html = await page.text();
      expect(html).toContain('SANDBOX');
      expect(html).toContain('lang="fr"');
      expect(html).toContain(new Intl.NumberFormat('fr', { style: 'currency', currency: 'USD' }).format(42));
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(`action="/v1/payments/sandbox/checkout/${sessionOf(d)}/complete"`);

      const done = await complete(sessionOf(d), 'succeeded');
      expect(done.status).toBe(303);
      const back = new URL(done.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(`${ALLOWED_ORIGIN}/thanks`);
      expect(Object.fromEntries(back.searchParams)).toEqual({
        'mahjar-donation': d.id,
        'mahjar-donation-status': 'succeeded',
      });

      // The webhook was delivered before the redirect: the thank-you page sees the result at once.
      const paid = await getDonation(d.id);
      expect(paid.status).toBe('succeeded');
      expect(paid.receiptNumber).toMatch(/^ILMA-USA-\d{4}-\d{6}$/);
      const after = await campaign(HOSTED);
      expect(after.raisedAmount).toBe(before.raisedAmount + 4200);
      expect(after.donorCount).toBe(before.donorCount + 1);

      const mail = await env()
        .db.selectFrom('outbox')
        .selectAll()
        .where('kind', '=', 'donation_receipt')
        .where('text', 'like', `%${paid.receiptNumber}%`)
        .execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toMatch(/^Merci/);
      expect(await env().count('outbox')).toBe(outboxBefore + 1);

      // A second click on Pay redirects again without a second payment; Fail can no longer undo it.
      const again = await complete(sessionOf(d), 'succeeded');
      expect(again.status).toBe(303);
      const undo = await complete(sessionOf(d), 'failed');
      expect(undo.status).toBe(409);
      expect((await campaign(HOSTED)).raisedAmount).toBe(after.raisedAmount);
      const closedPage = await (await env().fetch(new URL(d.checkoutUrl!).pathname)).text();
      expect(closedPage).not.toContain('<form');
    });

    it('fails: the donation is marked failed, nothing is raised and no receipt is sent', async () => {
      const before = await campaign(HOSTED);
      const d = await donate(HOSTED);
      const receipts = await env()
        .db.selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'donation_receipt')
        .execute();
      const done = await complete(sessionOf(d), 'failed');
      expect(done.status).toBe(303);
      expect(new URL(done.headers.get('location')!).searchParams.get('mahjar-donation-status')).toBe('failed');
      const failed = await getDonation(d.id);
      expect(failed).toMatchObject({ status: 'failed', receiptNumber: null });
      expect((await campaign(HOSTED)).raisedAmount).toBe(before.raisedAmount);
      const after = await env().db.selectFrom('outbox').select('id').where('kind', '=', 'donation_receipt').execute();
      expect(after).toHaveLength(receipts.length);
    });

    it('defaults the return address to the organiser website and refuses foreign ones', async () => {
      const d = await donate(HOSTED, { returnUrl: undefined });
      const done = await complete(sessionOf(d), 'failed');
      expect(done.headers.get('location')).toMatch(/^https:\/\/ilma-usa\.example\.org\/\?mahjar-donation=/);
      const before = await env().count('donations');
      const evil = await publicClient().POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug: HOSTED } },
        body: donationInput({ returnUrl: 'https://evil.example/steal' }),
      });
      expect(evil.response.status).toBe(400);
      expect(evil.error?.errors?.[0]?.pointer).toBe('/returnUrl');
      expect(await env().count('donations')).toBe(before);
    });

    it.each([
      ['unknown session', 404, 'cs_sandbox_AAAAAAAAAAAAAAAAAAAAAAAA', 'succeeded'],
      ['bad outcome', 400, null, 'maybe'],
      ['malformed session id', 400, 'sbx_nope', 'succeeded'],
    ])('completing with %s → %i and nothing changes', async (_name, status, session, outcome) => {
      const d = await donate(HOSTED);
      const res = await complete(session ?? sessionOf(d), outcome);
      expect(res.status).toBe(status);
      expect((await getDonation(d.id)).status).toBe('pending');
    });
  });

  describe('link-out campaigns', () => {
    it('records the intent and sends the donor to the partner', async () => {
      const before = await campaign('lrc-ambulances');
      const d = await donate('lrc-ambulances', { anonymous: true, donorName: undefined });
      expect(d).toMatchObject({
        status: 'pending',
        checkoutUrl: null,
        redirectUrl: RED_CROSS,
        anonymous: true,
        donorName: null,
      });
      const row = await env().db.selectFrom('donations').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ provider: 'link_out', provider_ref: null });
      expect((await getDonation(d.id)).redirectUrl).toBe(RED_CROSS);
      expect((await campaign('lrc-ambulances')).raisedAmount).toBe(before.raisedAmount);
    });
  });

  describe('idempotency', () => {
    it('makes a double submit one donation with the same response', async () => {
      const key = randomUUID();
      const body = donationInput();
      const before = await env().count('donations');
      const send = () =>
        publicClient().POST('/v1/campaigns/{slug}/donations', {
          params: { path: { slug: HOSTED }, header: { 'Idempotency-Key': key } },
          body,
        });
      const first = await send();
      const second = await send();
      expect(first.response.status).toBe(201);
      expect(second.response.status).toBe(201);
      expect(second.data).toEqual(first.data);
      expect(second.response.headers.get('idempotent-replayed')).toBe('true');
      expect(await env().count('donations')).toBe(before + 1);
    });

    it('refuses the same key with a different body (idempotency-conflict), writing nothing', async () => {
      const key = randomUUID();
      const send = (amount: number) =>
        publicClient().POST('/v1/campaigns/{slug}/donations', {
          params: { path: { slug: HOSTED }, header: { 'Idempotency-Key': key } },
          body: donationInput({ amount, donorEmail: 'same@example.net' }),
        });
      expect((await send(2500)).response.status).toBe(201);
      const before = await env().count('donations');
      const conflict = await send(9900);
      expect(conflict.response.status).toBe(409);
      expect(conflict.error?.type).toBe(`${PROBLEM}idempotency-conflict`);
      expect(await env().count('donations')).toBe(before);
    });
  });

  describe('donation rules', () => {
    it.each([
      ['another currency', HOSTED, { currency: 'EUR' }, 400, 'validation', '/currency'],
      ['below the minimum', HOSTED, { amount: 99 }, 400, 'validation', '/amount'],
      [
        'monthly where only one-off is allowed',
        'telehealth-kits',
        { currency: 'AUD', frequency: 'monthly' },
        400,
        'validation',
        '/frequency',
      ],
      ['a name missing on a named donation', HOSTED, { donorName: undefined }, 400, 'validation', '/donorName'],
      ['a closed campaign', 'insulin-access-2026', { currency: 'AED' }, 409, 'campaign-closed', undefined],
      ['a draft campaign', 'imsa-oncology-fellows', { currency: 'GBP' }, 404, 'not-found', undefined],
    ] as const)(
      'refuses %s with a clear problem and writes no row',
      async (_name, slug, over, status, type, pointer) => {
        const before = await env().count('donations');
        const res = await publicClient().POST('/v1/campaigns/{slug}/donations', {
          params: { path: { slug } },
          body: donationInput(over as Partial<DonationInput>),
        });
        expect(res.response.status).toBe(status);
        expect(res.error?.type).toBe(`${PROBLEM}${type}`);
        if (pointer) expect(res.error?.errors?.map((e) => e.pointer)).toContain(pointer);
        expect(await env().count('donations')).toBe(before);
      },
    );

    it('refuses donations to an active campaign past its last day (campaign-closed)', async () => {
      const slug = uniqueSlug('ended');
      const made = await admin().POST('/v1/admin/campaigns', {
        body: campaignInput(slug, { status: 'active', startsOn: '2020-01-01', endsOn: '2020-12-31' }) as never,
      });
      expect(made.response.status).toBe(201);
      expect(made.data?.status).toBe('closed');
      const before = await env().count('donations');
      const res = await publicClient().POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug } },
        body: donationInput(),
      });
      expect(res.response.status).toBe(409);
      expect(res.error?.type).toBe(`${PROBLEM}campaign-closed`);
      expect(await env().count('donations')).toBe(before);
    });
  });

  describe('signed webhooks', () => {
    const now = () => Math.floor(Date.now() / 1000);
    it.each([
      ['a wrong secret', (body: string) => ({ body, signature: sign('whsec_not_ours', body) })],
      [
        'a tampered body',
        (body: string, s: string) => ({
          body: body.replace('"amount":2500', '"amount":250000'),
          signature: sign(s, body),
        }),
      ],
      ['a stale timestamp', (body: string, s: string) => ({ body, signature: sign(s, body, now() - 3600) })],
      ['no signature', (body: string) => ({ body, signature: undefined })],
    ])('refuses %s with 401 and changes nothing', async (_name, forge) => {
      const d = await donate(HOSTED);
      const before = await campaign(HOSTED);
      const events = await env().count('webhook_events');
      const { body, signature } = forge(sandboxEvent(d), secret());
      const res = await postWebhook(body, signature);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { type: string }).type).toBe(`${PROBLEM}unauthorized`);
      expect((await getDonation(d.id)).status).toBe('pending');
      expect((await campaign(HOSTED)).raisedAmount).toBe(before.raisedAmount);
      expect(await env().count('webhook_events')).toBe(events);
    });

    it('applies a redelivered event once, and a second success for the same donation not at all', async () => {
      const d = await donate(HOSTED, { amount: 7700 });
      const before = await campaign(HOSTED);
      const body = sandboxEvent(d);
      const first = await postWebhook(body, sign(secret(), body));
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, duplicate: false });
      const replay = await postWebhook(body, sign(secret(), body));
      expect(await replay.json()).toEqual({ received: true, duplicate: true });
      const other = sandboxEvent(d);
      expect(await (await postWebhook(other, sign(secret(), other))).json()).toEqual({
        received: true,
        duplicate: false,
      });
      const after = await campaign(HOSTED);
      expect(after.raisedAmount).toBe(before.raisedAmount + 7700);
      expect(after.donorCount).toBe(before.donorCount + 1);
      expect((await getDonation(d.id)).status).toBe('succeeded');
    });

    it('takes a refunded donation back out of the total', async () => {
      const d = await donate(HOSTED, { amount: 3300 });
      const before = await campaign(HOSTED);
      const paid = sandboxEvent(d);
      await postWebhook(paid, sign(secret(), paid));
      expect((await campaign(HOSTED)).raisedAmount).toBe(before.raisedAmount + 3300);
      const refund = sandboxEvent(d, 'payment.refunded');
      expect((await postWebhook(refund, sign(secret(), refund))).status).toBe(200);
      const d2 = await getDonation(d.id);
      expect(d2.status).toBe('refunded');
      expect((await campaign(HOSTED)).raisedAmount).toBe(before.raisedAmount);
      expect((await campaign(HOSTED)).donorCount).toBe(before.donorCount);
    });

    it('ignores a signed event whose amount differs from the donation', async () => {
      const d = await donate(HOSTED);
      const body = sandboxEvent({ ...d, amount: d.amount + 100 });
      const res = await postWebhook(body, sign(secret(), body));
      expect(res.status).toBe(200);
      expect((await getDonation(d.id)).status).toBe('pending');
    });

    it('answers 404 for a provider that is not configured', async () => {
      const res = await env().fetch('/v1/payments/webhooks/stripe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Stripe-Signature': `t=1,v1=${'0'.repeat(64)}` },
        body: JSON.stringify({
          id: 'evt_1',
          object: 'event',
          type: 'checkout.session.completed',
          created: 1,
          data: { object: {} },
        }),
      });
      expect(res.status).toBe(404);
    });
  });

  describe('malformed requests', () => {
    const ok = () => ({ amount: 2500, currency: 'USD', donorName: 'A', donorEmail: 'a@example.net' });
    const cases: [string, number, string, string][] = [
      ['malformed JSON', 400, '{"amount":', 'application/json'],
      ['empty body', 400, '', 'application/json'],
      ['wrong content type', 415, 'amount=2500', 'text/plain'],
      ['unknown field', 400, JSON.stringify({ ...ok(), tip: 100 }), 'application/json'],
      ['bad enum', 400, JSON.stringify({ ...ok(), frequency: 'weekly' }), 'application/json'],
      ['wrong type', 400, JSON.stringify({ ...ok(), amount: '2500' }), 'application/json'],
      ['fractional amount', 400, JSON.stringify({ ...ok(), amount: 25.5 }), 'application/json'],
      ['missing field', 400, JSON.stringify({ amount: 2500, currency: 'USD' }), 'application/json'],
      ['bad e-mail', 400, JSON.stringify({ ...ok(), donorEmail: 'not-an-address' }), 'application/json'],
      ['oversized string', 400, JSON.stringify({ ...ok(), dedication: 'x'.repeat(301) }), 'application/json'],
      ['oversized body', 413, JSON.stringify({ ...ok(), dedication: 'x'.repeat(70_000) }), 'application/json'],
    ];
    it.each(cases)('createDonation: %s → %i problem, no donation written', async (_name, status, body, type) => {
      const before = await env().count('donations');
      const res = await env().fetch(`/v1/campaigns/${HOSTED}/donations`, {
        method: 'POST',
        headers: {
          'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
          'Idempotency-Key': randomUUID(),
          'content-type': type,
        },
        body,
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { status: number }).status).toBe(status);
      expect(await env().count('donations')).toBe(before);
    });

    it('createDonation without an Idempotency-Key → 400, no donation written', async () => {
      const before = await env().count('donations');
      const res = await env().fetch(`/v1/campaigns/${HOSTED}/donations`, {
        method: 'POST',
        headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'content-type': 'application/json' },
        body: JSON.stringify(ok()),
      });
      expect(res.status).toBe(400);
      expect(await env().count('donations')).toBe(before);
    });

    const camp = () => campaignInput(uniqueSlug('bad'));
    const campaignCases: [string, number, () => string, string][] = [
      ['malformed JSON', 400, () => '{"slug":', 'application/json'],
      ['wrong content type', 415, () => 'slug=x', 'text/plain'],
      ['unknown field', 400, () => JSON.stringify({ ...camp(), raisedAmount: 5 }), 'application/json'],
      ['bad enum', 400, () => JSON.stringify({ ...camp(), checkoutMode: 'paypal' }), 'application/json'],
      ['closed status', 400, () => JSON.stringify({ ...camp(), status: 'closed' }), 'application/json'],
      ['wrong type', 400, () => JSON.stringify({ ...camp(), goalAmount: 'lots' }), 'application/json'],
      ['missing field', 400, () => JSON.stringify({ slug: uniqueSlug('bad'), title: { en: 'x' } }), 'application/json'],
      [
        'oversized string',
        400,
        () => JSON.stringify({ ...camp(), summary: { en: 'x'.repeat(10_001) } }),
        'application/json',
      ],
      ['bad slug', 400, () => JSON.stringify({ ...camp(), slug: 'Not A Slug' }), 'application/json'],
      ['unknown currency', 400, () => JSON.stringify({ ...camp(), currency: 'XYZ' }), 'application/json'],
      [
        'unknown priority area',
        400,
        () => JSON.stringify({ ...camp(), priorityArea: 'no-such-area' }),
        'application/json',
      ],
      [
        'link-out without a URL',
        400,
        () => JSON.stringify({ ...camp(), checkoutMode: 'link_out' }),
        'application/json',
      ],
      [
        'hosted with a partner URL',
        400,
        () => JSON.stringify({ ...camp(), linkOutUrl: 'https://partner.example.org' }),
        'application/json',
      ],
      [
        'plain-http partner URL',
        400,
        () => JSON.stringify({ ...camp(), checkoutMode: 'link_out', linkOutUrl: 'http://partner.example.org' }),
        'application/json',
      ],
      [
        'ending before it starts',
        400,
        () => JSON.stringify({ ...camp(), startsOn: '2026-05-01', endsOn: '2026-04-01' }),
        'application/json',
      ],
      ['oversized body', 413, () => JSON.stringify({ ...camp(), junk: 'x'.repeat(70_000) }), 'application/json'],
    ];
    it.each(campaignCases)(
      'createCampaign: %s → %i problem, no campaign written',
      async (_name, status, body, type) => {
        const before = await env().count('campaigns');
        const res = await env().fetch('/v1/admin/campaigns', {
          method: 'POST',
          headers: { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa', 'Idempotency-Key': randomUUID(), 'content-type': type },
          body: body(),
        });
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(await env().count('campaigns')).toBe(before);
      },
    );
  });

  describe('admin', () => {
    it('creates a draft that stays private until activated, then takes donations', async () => {
      const slug = uniqueSlug('new');
      const created = await admin().POST('/v1/admin/campaigns', { body: campaignInput(slug) as never });
      expect(created.response.status).toBe(201);
      expect(created.response.headers.get('location')).toBe(`/v1/campaigns/${slug}`);
      expect(created.data).toMatchObject({
        slug,
        organiserSlug: 'ilma-usa',
        status: 'draft',
        raisedAmount: 0,
        donorCount: 0,
        endsOn: null,
      });
      const hidden = await publicClient().GET('/v1/campaigns/{slug}', { params: { path: { slug } } });
      expect(hidden.response.status).toBe(404);
      const live = await admin().PATCH('/v1/admin/campaigns/{slug}', {
        params: { path: { slug } },
        body: { status: 'active', goalAmount: 2_000_000, presetAmounts: [1000, 5000], allowMonthly: true },
      });
      expect(live.data).toMatchObject({
        status: 'active',
        goalAmount: 2_000_000,
        presetAmounts: [1000, 5000],
        allowMonthly: true,
      });
      expect((await campaign(slug)).status).toBe('active');
      await donate(slug, { frequency: 'monthly' });
    });

    it('lists its own campaigns for the console (listAdminCampaigns): drafts too, newest first, paged', async () => {
      const draft = uniqueSlug('listed-draft');
      expect((await admin().POST('/v1/admin/campaigns', { body: campaignInput(draft) as never })).response.status).toBe(
        201,
      );
      const other = uniqueSlug('other-org');
      expect(
        (
          await admin('alma-australia').POST('/v1/admin/campaigns', {
            body: campaignInput(other, { currency: 'AUD' }) as never,
          })
        ).response.status,
      ).toBe(201);
      const seen: { slug: string; organiserSlug: string; status: string }[] = [];
      let cursor: string | undefined;
      do {
        const { data, response } = await admin().GET('/v1/admin/campaigns', {
          params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } },
        });
        expect(response.status).toBe(200);
        seen.push(...data!.items);
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(seen[0]).toMatchObject({ slug: draft, status: 'draft' });
      expect(new Set(seen.map((c) => c.organiserSlug))).toEqual(new Set(['ilma-usa']));
      expect(seen.map((c) => c.slug)).not.toContain(other);
      expect(new Set(seen.map((c) => c.slug)).size).toBe(seen.length);
      const publishable = await publicClient().GET('/v1/admin/campaigns');
      expect([401, 403]).toContain(publishable.response.status);
    });

    it('makes a double create one campaign', async () => {
      const key = randomUUID();
      const body = campaignInput(uniqueSlug('twice')) as never;
      const before = await env().count('campaigns');
      const send = () => admin().POST('/v1/admin/campaigns', { params: { header: { 'Idempotency-Key': key } }, body });
      const [a, b] = [await send(), await send()];
      expect(b.data).toEqual(a.data);
      expect(await env().count('campaigns')).toBe(before + 1);
    });

    it('refuses a slug that is taken (409)', async () => {
      const before = await env().count('campaigns');
      const res = await admin().POST('/v1/admin/campaigns', { body: campaignInput(HOSTED) as never });
      expect(res.response.status).toBe(409);
      expect(await env().count('campaigns')).toBe(before);
    });

    it('keeps currency and checkout mode once active and computed totals on hosted campaigns', async () => {
      const slug = uniqueSlug('rules');
      await admin().POST('/v1/admin/campaigns', { body: campaignInput(slug, { status: 'active' }) as never });
      for (const body of [
        { currency: 'EUR' },
        { checkoutMode: 'link_out', linkOutUrl: 'https://p.example.org' },
        { raisedAmount: 5 },
        { status: 'draft' },
      ]) {
        // `status: draft` is allowed before any donation: make one first so it is refused too.
        if ('status' in body) await donate(slug);
        const res = await admin().PATCH('/v1/admin/campaigns/{slug}', {
          params: { path: { slug } },
          body: body as never,
        });
        expect(res.response.status, JSON.stringify(body)).toBe(409);
        expect(res.error?.type).toBe(`${PROBLEM}conflict`);
      }
      const c = await campaign(slug);
      expect(c).toMatchObject({ currency: 'USD', checkoutMode: 'hosted', raisedAmount: 0, status: 'active' });
    });

    it('lets a link-out campaign carry the partner figures, and a draft switch checkout mode', async () => {
      const slug = uniqueSlug('partner');
      await admin().POST('/v1/admin/campaigns', { body: campaignInput(slug) as never });
      const switched = await admin().PATCH('/v1/admin/campaigns/{slug}', {
        params: { path: { slug } },
        body: { checkoutMode: 'link_out', linkOutUrl: 'https://partner.example.org/give', currency: 'EUR' },
      });
      expect(switched.data).toMatchObject({
        checkoutMode: 'link_out',
        linkOutUrl: 'https://partner.example.org/give',
        currency: 'EUR',
      });
      const figures = await admin().PATCH('/v1/admin/campaigns/{slug}', {
        params: { path: { slug } },
        body: { raisedAmount: 1_250_000, donorCount: 87, status: 'active', endsOn: '2099-12-31' },
      });
      expect(figures.data).toMatchObject({
        raisedAmount: 1_250_000,
        donorCount: 87,
        status: 'active',
        endsOn: '2099-12-31',
      });
      const cleared = await admin().PATCH('/v1/admin/campaigns/{slug}', {
        params: { path: { slug } },
        body: { endsOn: null },
      });
      expect(cleared.data?.endsOn).toBeNull();
    });

    it('closes a campaign (twice is fine); new donations are refused', async () => {
      const slug = uniqueSlug('close');
      await admin().POST('/v1/admin/campaigns', { body: campaignInput(slug, { status: 'active' }) as never });
      const pending = await donate(slug, { amount: 1500 });
      for (let i = 0; i < 2; i++) {
        const res = await admin().POST('/v1/admin/campaigns/{slug}/close', { params: { path: { slug } } });
        expect(res.response.status).toBe(200);
        expect(res.data?.status).toBe('closed');
      }
      const refused = await publicClient().POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug } },
        body: donationInput(),
      });
      expect(refused.error?.type).toBe(`${PROBLEM}campaign-closed`);
      // A checkout started before closing may still complete.
      await complete(sessionOf(pending), 'succeeded');
      expect((await campaign(slug)).raisedAmount).toBe(1500);
      const reopen = await admin().PATCH('/v1/admin/campaigns/{slug}', {
        params: { path: { slug } },
        body: { status: 'active' },
      });
      expect(reopen.response.status).toBe(409);
    });

    describe('auth matrix', () => {
      const ops = (slug: string) =>
        [
          ['createCampaign', 'POST', '/v1/admin/campaigns', campaignInput(uniqueSlug('auth'))],
          ['updateCampaign', 'PATCH', `/v1/admin/campaigns/${slug}`, { goalAmount: 1 }],
          ['closeCampaign', 'POST', `/v1/admin/campaigns/${slug}/close`, undefined],
        ] as const;

      async function call(method: string, path: string, body: unknown, headers: Record<string, string>) {
        return env().fetch(path, {
          method,
          headers: {
            'Idempotency-Key': randomUUID(),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      }

      async function keyWithRole(role: 'viewer' | 'reviewer') {
        const made = await admin().POST('/v1/admin/api-keys', { body: { kind: 'secret', name: `${role} key`, role } });
        return made.data!.key;
      }

      it.each([
        ['no key', 401, async () => ({})],
        ['a publishable key', 403, async () => ({ 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' })],
        // Another chapter's campaign is answered as none: its slug tells nobody what it holds.
        ['another chapter’s secret key', 404, async () => ({ 'Mahjar-Secret-Key': 'sk_demo_alma-australia' })],
        ['a viewer key', 403, async () => ({ 'Mahjar-Secret-Key': await keyWithRole('viewer') })],
        ['a reviewer key (editor needed)', 403, async () => ({ 'Mahjar-Secret-Key': await keyWithRole('reviewer') })],
      ] as const)('refuses %s (%i), never data, nothing changes', async (who, status, headers) => {
        const h = await headers();
        for (const [op, method, path, body] of ops(HOSTED)) {
          // Another chapter can still create campaigns of its own: only the other two ops apply to it.
          if (who.startsWith('another') && op === 'createCampaign') continue;
          const before = { campaigns: await env().count('campaigns'), c: await campaign(HOSTED) };
          const res = await call(method, path, body, h);
          expect(res.status, `${op} with ${who}`).toBe(status);
          const problem = (await res.json()) as Record<string, unknown>;
          expect(problem.type).toMatch(/\/problems\/(unauthorized|forbidden|not-found)$/);
          expect(problem).not.toHaveProperty('slug');
          expect(await env().count('campaigns')).toBe(before.campaigns);
          expect(await campaign(HOSTED)).toEqual(before.c);
        }
      });

      it('accepts the owner’s bearer token', async () => {
        const res = await call(
          'PATCH',
          `/v1/admin/campaigns/${HOSTED}`,
          { presetAmounts: [2000, 5000, 10000] },
          {
            Authorization: 'Bearer sk_demo_ilma-usa',
          },
        );
        expect(res.status).toBe(200);
      });

      it('answers 404 for an unknown campaign', async () => {
        const res = await call('POST', '/v1/admin/campaigns/no-such-campaign/close', undefined, {
          'Mahjar-Secret-Key': 'sk_demo_ilma-usa',
        });
        expect(res.status).toBe(404);
      });
    });
  });
});

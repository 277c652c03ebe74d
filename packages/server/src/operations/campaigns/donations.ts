import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext, Handlers, Principal } from '../../http/types.js';
import type { PaymentProvider } from '../../payments/provider.js';
import { type FieldError, ProblemError } from '../../problems.js';
import { acceptsDonations, type CampaignRow, isoDay, pickText, toDonation } from './mapping.js';

/**
 * The provider new hosted donations go to: Stripe once it is configured (STRIPE_SECRET_KEY and
 * STRIPE_WEBHOOK_SECRET), otherwise the built-in sandbox.
 */
export function checkoutProvider(ctx: AppContext): PaymentProvider {
  return ctx.payments.stripe ?? ctx.payments.sandbox;
}

const originOf = (url: string | null | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * `url` with `?mahjar-donation=<id>&mahjar-donation-status=<outcome>` added (existing query kept).
 * Prefixed, like the directory's `mahjar-` parameters, so they never clash with the host page's own.
 */
export function returnUrlWith(url: string, donationId: string, status: string): string {
  const u = new URL(url);
  u.searchParams.set('mahjar-donation', donationId);
  u.searchParams.set('mahjar-donation-status', status);
  return u.toString();
}

/**
 * Where checkout sends the donor back. A given `returnUrl` must be on an origin the campaign's
 * organiser or the calling key's organisation has registered (allowed origins or website), so the
 * checkout cannot be used as an open redirect; the default is the organiser's website.
 */
async function resolveReturnUrl(
  db: Kysely<DB>,
  ctx: AppContext,
  campaign: CampaignRow,
  principal: Principal,
  requested: string | undefined,
): Promise<string> {
  const slugs = [campaign.organiser_slug, ...(principal.kind === 'anonymous' ? [] : [principal.organisationSlug])];
  const orgs = await db
    .selectFrom('organisations')
    .select(['slug', 'website', 'allowed_origins'])
    .where('slug', 'in', slugs)
    .execute();
  if (requested === undefined) {
    const organiser = orgs.find((o) => o.slug === campaign.organiser_slug);
    return organiser?.website ?? orgs.find((o) => o.website)?.website ?? `${ctx.config.publicUrl}/`;
  }
  const origin = originOf(requested);
  const allowed = new Set(orgs.flatMap((o) => [...o.allowed_origins, originOf(o.website)]).filter(Boolean));
  if (!origin || !/^https?:$/.test(new URL(requested).protocol) || !allowed.has(origin)) {
    throw new ProblemError('validation', 'returnUrl must be on one of the organisation’s allowed origins.', {
      errors: [{ pointer: '/returnUrl', detail: 'is not on an allowed origin of this organisation' }],
    });
  }
  return requested;
}

export const createDonation: Handlers['createDonation'] = async ({ db, ctx, path, body, principal, locale }) => {
  const campaign = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('slug', '=', path.slug)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (!campaign) throw new ProblemError('not-found', `No campaign ${path.slug}.`);
  if (!acceptsDonations(campaign, isoDay(ctx.now()))) {
    throw new ProblemError('campaign-closed', `The campaign ${campaign.slug} is not accepting donations.`);
  }

  const frequency = body.frequency ?? 'one_off';
  const anonymous = body.anonymous ?? false;
  const errors: FieldError[] = [];
  if (body.currency !== campaign.currency) {
    errors.push({ pointer: '/currency', detail: `must be ${campaign.currency}, the campaign's currency` });
  }
  if (frequency === 'monthly' && !campaign.allow_monthly) {
    errors.push({ pointer: '/frequency', detail: 'this campaign accepts one-off donations only' });
  }
  if (!anonymous && !body.donorName?.trim()) {
    errors.push({ pointer: '/donorName', detail: 'is required unless the donation is anonymous' });
  }
  if (errors.length > 0) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
  const returnUrl = await resolveReturnUrl(db, ctx, campaign, principal, body.returnUrl);

  const hosted = campaign.checkout_mode === 'hosted';
  const provider = hosted ? checkoutProvider(ctx) : undefined;
  let donation = await db
    .insertInto('donations')
    .values({
      campaign_id: campaign.id,
      amount: body.amount,
      currency: body.currency,
      frequency,
      anonymous,
      donor_name: body.donorName?.trim() || null,
      donor_email: body.donorEmail,
      dedication: body.dedication ?? null,
      // Link-out: the partner collects the money; the row records the intent and stays pending.
      provider: provider?.name ?? 'link_out',
      locale,
      return_url: returnUrl,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  if (provider) {
    const session = await provider.createCheckout({
      donationId: donation.id,
      amount: donation.amount,
      currency: donation.currency,
      frequency,
      description: pickText(campaign.title, locale),
      donorEmail: donation.donor_email,
      successUrl: returnUrlWith(returnUrl, donation.id, 'succeeded'),
      cancelUrl: returnUrlWith(returnUrl, donation.id, 'failed'),
    });
    donation = await db
      .updateTable('donations')
      .set({ provider_ref: session.providerRef, checkout_url: session.url })
      .where('id', '=', donation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  return {
    status: 201,
    headers: { Location: `/v1/donations/${donation.id}` },
    body: toDonation(donation, campaign),
  };
};

export const getDonation: Handlers['getDonation'] = async ({ db, path }) => {
  const row = await db
    .selectFrom('donations')
    .innerJoin('campaigns', 'campaigns.id', 'donations.campaign_id')
    .selectAll('donations')
    .select(['campaigns.slug as campaign_slug', 'campaigns.link_out_url as campaign_link_out_url'])
    .where('donations.id', '=', path.id)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such donation.');
  const { campaign_slug, campaign_link_out_url, ...donation } = row;
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: toDonation(donation, { slug: campaign_slug, link_out_url: campaign_link_out_url }),
  };
};

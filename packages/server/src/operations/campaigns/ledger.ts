import type { components } from '@mahjar/sdk';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { requireRole } from '../../http/auth.js';
import type { Handlers, Principal } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { csvRow } from '../csv.js';
import { keysetPage } from '../paging.js';
import type { CampaignRow, DonationRow } from './mapping.js';
import { enqueueReceipt } from './receipts.js';

type AdminDonation = components['schemas']['AdminDonation'];

/** The CSV's columns, in the contract's `AdminDonation` order. */
const COLUMNS = [
  'id',
  'campaignSlug',
  'amount',
  'currency',
  'frequency',
  'renewalOf',
  'status',
  'anonymous',
  'donorName',
  'donorEmail',
  'dedication',
  'receiptNumber',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof AdminDonation)[];

/**
 * A donation as the treasurer sees it: the address the receipt goes to, and the donor's name unless
 * the donor asked to stay anonymous (the rule `toDonation` applies to every other reader too).
 */
function toAdminDonation(d: DonationRow, campaign: Pick<CampaignRow, 'slug'>): AdminDonation {
  return {
    id: d.id,
    campaignSlug: campaign.slug,
    amount: d.amount,
    currency: d.currency,
    frequency: d.frequency,
    renewalOf: d.renewal_of,
    status: d.status,
    anonymous: d.anonymous,
    donorName: d.anonymous ? null : d.donor_name,
    donorEmail: d.donor_email,
    dedication: d.dedication,
    receiptNumber: d.receipt_number,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

/** The caller's own campaign; another organisation's answers as none, like a missing one. */
async function ownCampaign(db: Kysely<DB>, principal: Principal, slug: string): Promise<CampaignRow> {
  const p = requireRole(principal, 'treasurer');
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('slug', '=', slug)
    .where('organiser_slug', '=', p.organisationSlug)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', `No campaign ${slug} in your organisation.`);
  return row;
}

const NEWEST_FIRST = [
  { by: 'created_at', kind: 'instant' },
  { by: 'id', kind: 'uuid' },
] as const;

/** A campaign's donations, every status, newest first, a page at a time: the treasurer's ledger. */
export const listCampaignDonations: Handlers['listCampaignDonations'] = async ({ db, principal, path, query }) => {
  const campaign = await ownCampaign(db, principal, path.slug);
  const { items, nextCursor } = await keysetPage(
    db.selectFrom('donations').selectAll().where('campaign_id', '=', campaign.id),
    query,
    NEWEST_FIRST,
    'desc',
  );
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: { items: items.map((row) => toAdminDonation(row, campaign)), nextCursor },
  };
};

/** Every donation to a campaign, as CSV (default) or JSON, for the books. */
export const exportCampaignDonations: Handlers['exportCampaignDonations'] = async ({
  db,
  ctx,
  principal,
  path,
  query,
}) => {
  const campaign = await ownCampaign(db, principal, path.slug);
  const rows = await db
    .selectFrom('donations')
    .selectAll()
    .where('campaign_id', '=', campaign.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const items = rows.map((row) => toAdminDonation(row, campaign));
  const generatedAt = ctx.now();
  const filename = `donations-${campaign.slug}-${generatedAt.toISOString().slice(0, 10)}`;
  if (query.format === 'json') {
    return {
      status: 200,
      mediaType: 'application/json',
      headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${filename}.json"` },
      body: { campaignSlug: campaign.slug, generatedAt: generatedAt.toISOString(), items },
    };
  }
  const lines = [COLUMNS.join(','), ...items.map((item) => csvRow(COLUMNS.map((column) => item[column])))];
  return {
    status: 200,
    mediaType: 'text/csv',
    headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${filename}.csv"` },
    body: `${lines.join('\r\n')}\r\n`,
  };
};

/** Queues a succeeded donation's receipt again, with its number, in the donor's language. */
export const resendDonationReceipt: Handlers['resendDonationReceipt'] = async ({ db, ctx, principal, path }) => {
  const campaign = await ownCampaign(db, principal, path.slug);
  const donation = await db
    .selectFrom('donations')
    .selectAll()
    .where('id', '=', path.id)
    .where('campaign_id', '=', campaign.id)
    .executeTakeFirst();
  if (!donation) throw new ProblemError('not-found', `No donation ${path.id} to ${campaign.slug}.`);
  // A refunded donation keeps its number, but a receipt for money given back would mislead.
  if (donation.status !== 'succeeded' || !donation.receipt_number) {
    throw new ProblemError('conflict', `The donation is ${donation.status}; only a succeeded donation has a receipt.`);
  }
  await enqueueReceipt(ctx.mailer, db, donation, campaign, donation.receipt_number);
  return { status: 202, body: toAdminDonation(donation, campaign) };
};

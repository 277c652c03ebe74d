import type { components } from '@mahjar/sdk';
import type { Campaign, Donation } from '../../db/schema.js';

type Schemas = components['schemas'];

export type CampaignRow = Campaign;
export type DonationRow = Donation;

/** `YYYY-MM-DD` of an instant, in UTC. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Whether a campaign takes donations today: active, started, not past its last day. */
export function acceptsDonations(c: Pick<CampaignRow, 'status' | 'starts_on' | 'ends_on'>, today: string): boolean {
  return c.status === 'active' && c.starts_on <= today && (c.ends_on === null || today <= c.ends_on);
}

/** An active campaign past its last day is reported as closed: the API says whether it takes money. */
export function publicStatus(c: Pick<CampaignRow, 'status' | 'ends_on'>, today: string): Schemas['CampaignStatus'] {
  return c.status === 'active' && c.ends_on !== null && c.ends_on < today ? 'closed' : c.status;
}

export function toCampaign(c: CampaignRow, today: string): Schemas['Campaign'] {
  const summary = Object.keys(c.summary ?? {}).length > 0 ? c.summary : c.title;
  return {
    id: c.id,
    slug: c.slug,
    organiserSlug: c.organiser_slug,
    title: c.title as Schemas['LocalizedText'],
    summary: summary as Schemas['LocalizedLongText'],
    goalAmount: c.goal_amount,
    currency: c.currency,
    raisedAmount: c.raised_amount,
    donorCount: c.donor_count,
    priorityArea: c.priority_area,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    status: publicStatus(c, today),
    checkoutMode: c.checkout_mode,
    linkOutUrl: c.link_out_url,
    presetAmounts: c.preset_amounts,
    allowMonthly: c.allow_monthly,
  };
}

export function toDonation(d: DonationRow, campaign: Pick<CampaignRow, 'slug' | 'link_out_url'>): Schemas['Donation'] {
  return {
    id: d.id,
    campaignId: d.campaign_id,
    campaignSlug: campaign.slug,
    amount: d.amount,
    currency: d.currency,
    frequency: d.frequency,
    anonymous: d.anonymous,
    donorName: d.anonymous ? null : d.donor_name,
    dedication: d.dedication,
    status: d.status,
    checkoutUrl: d.checkout_url,
    redirectUrl: d.checkout_url ?? campaign.link_out_url ?? d.return_url ?? '',
    createdAt: d.created_at.toISOString(),
    receiptNumber: d.receipt_number,
  };
}

/** A localised text in the reader's language, falling back en → fr → ar. */
export function pickText(text: { en?: string; ar?: string; fr?: string }, locale: string): string {
  const t = text as Partial<Record<string, string>>;
  return t[locale] ?? t.en ?? t.fr ?? t.ar ?? '';
}

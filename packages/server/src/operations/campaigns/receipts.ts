import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sendMail } from '../../mail/send.js';
import type { Mailer } from '../../mail.js';
import type { CampaignRow, DonationRow } from './mapping.js';

/** `ILMA-USA-2026-000413`: organiser, year, and a database-wide sequence (unique under concurrency). */
export async function nextReceiptNumber(db: Kysely<DB>, organiserSlug: string, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`select nextval('donation_receipt_seq') as n`.execute(db);
  const n = String(rows[0]!.n).padStart(6, '0');
  return `${organiserSlug.toUpperCase().slice(0, 40)}-${at.getUTCFullYear()}-${n}`;
}

/**
 * Queues the receipt e-mail in the donor's language (the donation's `locale`: the donate button sends
 * its own as Accept-Language), inside the webhook's transaction.
 */
export async function enqueueReceipt(
  mailer: Mailer,
  db: Kysely<DB>,
  donation: DonationRow,
  campaign: CampaignRow,
  receipt: string,
): Promise<void> {
  await sendMail(db, mailer, {
    kind: 'donation_receipt',
    to: donation.donor_email,
    organisation: campaign.organiser_slug,
    locales: [donation.locale],
    data: {
      donorName: donation.donor_name,
      amount: donation.amount,
      currency: donation.currency,
      campaign: campaign.title,
      receiptNumber: receipt,
      monthly: donation.frequency === 'monthly',
      // A renewal is dated when the month was paid; a first donation when it succeeded.
      paidAt: donation.renewal_of ? donation.created_at : donation.updated_at,
    },
  });
}

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Mailer } from '../../mail.js';
import type { CampaignRow, DonationRow } from './mapping.js';
import { pickText } from './mapping.js';
import { formatMoney } from './money.js';

/** `ILMA-USA-2026-000413`: organiser, year, and a database-wide sequence (unique under concurrency). */
export async function nextReceiptNumber(db: Kysely<DB>, organiserSlug: string, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`select nextval('donation_receipt_seq') as n`.execute(db);
  const n = String(rows[0]!.n).padStart(6, '0');
  return `${organiserSlug.toUpperCase().slice(0, 40)}-${at.getUTCFullYear()}-${n}`;
}

const TEXT = {
  en: {
    subject: (title: string) => `Thank you for your donation to ${title}`,
    body: (name: string, amount: string, title: string, receipt: string, monthly: boolean) =>
      `Dear ${name},\n\nThank you for your ${monthly ? 'monthly ' : ''}donation of ${amount} to ${title}.\n\n` +
      `Receipt number: ${receipt}\n\nKeep this e-mail as your receipt.`,
    donor: 'donor',
  },
  fr: {
    subject: (title: string) => `Merci pour votre don à ${title}`,
    body: (name: string, amount: string, title: string, receipt: string, monthly: boolean) =>
      `Bonjour ${name},\n\nMerci pour votre don${monthly ? ' mensuel' : ''} de ${amount} à ${title}.\n\n` +
      `Numéro de reçu : ${receipt}\n\nConservez ce courriel comme reçu.`,
    donor: 'chère donatrice, cher donateur',
  },
  ar: {
    subject: (title: string) => `شكراً لتبرعك لـ ${title}`,
    body: (name: string, amount: string, title: string, receipt: string, monthly: boolean) =>
      `عزيزنا ${name}،\n\nشكراً لتبرعك ${monthly ? 'الشهري ' : ''}بمبلغ ${amount} لـ ${title}.\n\n` +
      `رقم الإيصال: ${receipt}\n\nاحتفظ بهذه الرسالة كإيصال.`,
    donor: 'المتبرع',
  },
} as const;

/** Queues the receipt e-mail in the donor's language, inside the webhook's transaction. */
export async function enqueueReceipt(
  mailer: Mailer,
  db: Kysely<DB>,
  donation: DonationRow,
  campaign: CampaignRow,
  receipt: string,
): Promise<void> {
  const lang = (donation.locale in TEXT ? donation.locale : 'en') as keyof typeof TEXT;
  const t = TEXT[lang];
  const title = pickText(campaign.title, lang);
  const amount = formatMoney(donation.amount, donation.currency, lang);
  await mailer.enqueue(db, {
    to: donation.donor_email,
    subject: t.subject(title),
    text: t.body(donation.donor_name ?? t.donor, amount, title, receipt, donation.frequency === 'monthly'),
    kind: 'donation_receipt',
    organisation: campaign.organiser_slug,
  });
}

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Monthly donations as subscriptions.
 *
 * - `renewal_of`: each month after the first is its own succeeded donation row pointing at the
 *   donation whose checkout started the subscription (same campaign, donor, amount, currency), with
 *   the provider's invoice id as `provider_ref` (unique, so an invoice is recorded once).
 * - `subscription_ref`: the provider's subscription id on that first donation (Stripe `sub_…`; the
 *   sandbox has no separate object and uses the checkout session id), needed to cancel it.
 * - `subscription_ended_at`: when the provider confirmed the subscription ended (our cancellation
 *   or its own `subscription deleted` event); renewals paid after that are not recorded.
 * - `subscription_cancel_error`: why the last cancellation attempt failed, cleared once it succeeds.
 *   A subscription of a closed campaign that has not ended is a cancellation still owed.
 *
 * The totals trigger now counts a donor once per donation the donor started: a renewal adds to
 * `raised_amount` but not to `donor_count`.
 */
const totalsFunction = (donorDelta: (row: 'OLD' | 'NEW') => string) => `
  CREATE OR REPLACE FUNCTION mahjar_donation_totals() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'succeeded' THEN
      UPDATE campaigns SET raised_amount = raised_amount - OLD.amount, donor_count = donor_count - ${donorDelta('OLD')}
      WHERE id = OLD.campaign_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'succeeded' THEN
      UPDATE campaigns SET raised_amount = raised_amount + NEW.amount, donor_count = donor_count + ${donorDelta('NEW')}
      WHERE id = NEW.campaign_id;
    END IF;
    RETURN NULL;
  END
  $fn$`;

const up_statements = [
  `ALTER TABLE donations ADD COLUMN renewal_of uuid REFERENCES donations (id)`,
  `ALTER TABLE donations ADD COLUMN subscription_ref text CHECK (length(subscription_ref) <= 255)`,
  `ALTER TABLE donations ADD COLUMN subscription_ended_at timestamptz`,
  `ALTER TABLE donations ADD COLUMN subscription_cancel_error text`,
  `ALTER TABLE donations ADD CONSTRAINT donations_renewal_is_monthly CHECK (renewal_of IS NULL OR frequency = 'monthly')`,
  `CREATE INDEX donations_renewal_of_idx ON donations (renewal_of) WHERE renewal_of IS NOT NULL`,
  `CREATE UNIQUE INDEX donations_subscription_ref_idx ON donations (provider, subscription_ref)
    WHERE subscription_ref IS NOT NULL`,
  // Sandbox subscriptions are named after their checkout session; Stripe ones are learnt from
  // their next invoice (the checkout session alone does not name the subscription).
  `UPDATE donations SET subscription_ref = provider_ref
    WHERE provider = 'sandbox' AND frequency = 'monthly' AND status IN ('succeeded', 'refunded')
      AND provider_ref IS NOT NULL`,
  totalsFunction((row) => `(CASE WHEN ${row}.renewal_of IS NULL THEN 1 ELSE 0 END)`),
];

const down_statements = [
  totalsFunction(() => '1'),
  // Renewals stay (the money was received) and become plain monthly donations: count their donors
  // as the old trigger would have.
  `UPDATE campaigns c SET donor_count = donor_count + r.n
    FROM (SELECT campaign_id, count(*) AS n FROM donations
          WHERE renewal_of IS NOT NULL AND status = 'succeeded' GROUP BY campaign_id) r
    WHERE c.id = r.campaign_id`,
  `DROP INDEX IF EXISTS donations_subscription_ref_idx`,
  `DROP INDEX IF EXISTS donations_renewal_of_idx`,
  `ALTER TABLE donations DROP CONSTRAINT IF EXISTS donations_renewal_is_monthly`,
  `ALTER TABLE donations DROP COLUMN IF EXISTS subscription_cancel_error`,
  `ALTER TABLE donations DROP COLUMN IF EXISTS subscription_ended_at`,
  `ALTER TABLE donations DROP COLUMN IF EXISTS subscription_ref`,
  `ALTER TABLE donations DROP COLUMN IF EXISTS renewal_of`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

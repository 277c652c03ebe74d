import type { MahjarClient } from '@mahjar/sdk';

/** English strings of the return from checkout (with this code, which only a returning donor loads). */
export const en = {
  thanks: (amount: string, monthly: boolean) =>
    monthly ? `Thank you for your monthly gift of ${amount}.` : `Thank you for your gift of ${amount}.`,
  receipt: 'Your receipt is on its way by e-mail.',
  processing: 'Your payment is still being processed. It will be counted here once the provider confirms it.',
  failed: "Your donation wasn't completed and nothing was charged. You can try again.",
};

/**
 * What the return needs from the button. The button passes itself (these are its own members), so
 * its chunk, which every page loads, holds no adapter for this rare path.
 */
export interface ReturnHost {
  readonly campaign: string;
  readonly ui: 'en' | 'ar' | 'fr';
  /** An amount in the shown language. */
  money(minor: number, currency: string): string;
  /** The thank-you shown: its two lines, and whether the gift did not go through. */
  gift?: [string, string, boolean];
  /** Re-reads the campaign; `fresh`: past the HTTP cache (the gift is settled and paid, so counted). */
  load(fresh: true): unknown;
}

/** Waits between looks at a pending donation: the provider's webhook usually lands within seconds. */
const WAITS = [1e3, 2e3, 3e3, 5e3, 8e3, 13e3];

/**
 * Back from hosted checkout at `?mahjar-donation=<id>&mahjar-donation-status=<outcome>`: the donation
 * is read (never from a cache) until the webhook has settled it, for a bounded time, and the
 * parameters leave the address bar. Only the button of the donation's campaign answers.
 */
export async function back(host: ReturnHost, client: MahjarClient): Promise<void> {
  const id = new URLSearchParams(location.search).get('mahjar-donation');
  if (!id) return;
  const text: typeof en =
    host.ui === 'en'
      ? en
      : (
          await (host.ui === 'ar'
            ? import('../translations/ar/donate-return.js')
            : import('../translations/fr/donate-return.js')
          ).catch(() => ({ default: en }))
        ).default;
  for (let look = 0; ; look++) {
    const { data } = await client.GET('/v1/donations/{id}', { params: { path: { id } }, cache: 'no-store' });
    if (!data || data.campaignSlug !== host.campaign) return;
    if (!look) {
      const url = new URL(location.href);
      url.searchParams.delete('mahjar-donation');
      url.searchParams.delete('mahjar-donation-status');
      history.replaceState(history.state, '', url);
    }
    const { status, amount, currency, frequency } = data;
    const failed = status === 'failed' || status === 'cancelled';
    host.gift = failed
      ? [text.failed, '', true]
      : [
          text.thanks(host.money(amount, currency), frequency === 'monthly'),
          status === 'pending' ? text.processing : text.receipt,
          false,
        ];
    if (status === 'succeeded') host.load(true);
    if (status !== 'pending' || look >= WAITS.length) return;
    await new Promise((wake) => setTimeout(wake, WAITS[look]));
  }
}

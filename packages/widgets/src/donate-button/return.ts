import type { MahjarClient } from '@mahjar/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** English strings of the return from checkout (with this code, which only a returning donor loads). */
export const en = {
  thanks: (amount: string, monthly: boolean) =>
    monthly ? `Thank you for your monthly gift of ${amount}.` : `Thank you for your gift of ${amount}.`,
  receipt: 'Your receipt is on its way by e-mail.',
  processing: 'Your payment is still being processed. It will be counted here once the provider confirms it.',
  failed: "Your donation wasn't completed and nothing was charged. You can try again.",
};

/** What the return needs from the button: a small view, built by the button when a donor comes back. */
export interface ReturnView {
  readonly client: MahjarClient;
  readonly campaign: string;
  /** The shown language. */
  readonly language: 'en' | 'ar' | 'fr';
  /** An amount in the shown language. */
  money(minor: number, currency: string): string;
  /** Re-reads the campaign past the HTTP cache (the gift is settled and paid, so counted). */
  refresh(): unknown;
}

/** The thank-you shown to a donor back from checkout. */
export interface Thanks {
  title: string;
  detail: string;
  /** The gift did not go through. */
  failed: boolean;
}

/** Waits between looks at a pending donation: the provider's webhook usually lands within seconds. */
const WAITS = [1e3, 2e3, 3e3, 5e3, 8e3, 13e3];

/**
 * Back from hosted checkout at `?mahjar-donation=<id>&mahjar-donation-status=<outcome>`: the donation
 * is read (never from a cache) until the webhook has settled it, for a bounded time, and the
 * parameters leave the address bar. Only the button of the donation's campaign answers. The button
 * loads this module (and creates the controller) only when the address asks for it.
 */
export class CheckoutReturn implements ReactiveController {
  /** What the button shows, once the donation was read. */
  thanks?: Thanks;
  #host: ReactiveControllerHost;
  /** The button left the page: no more looks. */
  #stopped = false;

  constructor(host: ReactiveControllerHost, view: ReturnView) {
    this.#host = host;
    host.addController(this);
    this.#follow(view);
  }

  hostDisconnected(): void {
    this.#stopped = true;
  }

  async #follow(view: ReturnView): Promise<void> {
    const id = new URLSearchParams(location.search).get('mahjar-donation');
    if (!id) return;
    const text: typeof en =
      view.language === 'en'
        ? en
        : (
            await (view.language === 'ar'
              ? import('../translations/ar/donate-return.js')
              : import('../translations/fr/donate-return.js')
            ).catch(() => ({ default: en }))
          ).default;
    for (let look = 0; ; look++) {
      const { data } = await view.client.GET('/v1/donations/{id}', { params: { path: { id } }, cache: 'no-store' });
      if (!data || data.campaignSlug !== view.campaign) return;
      if (!look) {
        const url = new URL(location.href);
        url.searchParams.delete('mahjar-donation');
        url.searchParams.delete('mahjar-donation-status');
        history.replaceState(history.state, '', url);
      }
      const { status, amount, currency, frequency } = data;
      const failed = status === 'failed' || status === 'cancelled';
      this.thanks = failed
        ? { title: text.failed, detail: '', failed }
        : {
            title: text.thanks(view.money(amount, currency), frequency === 'monthly'),
            detail: status === 'pending' ? text.processing : text.receipt,
            failed,
          };
      this.#host.requestUpdate();
      if (status === 'succeeded') view.refresh();
      if (status !== 'pending' || look >= WAITS.length || this.#stopped) return;
      await new Promise((wake) => setTimeout(wake, WAITS[look]));
    }
  }
}

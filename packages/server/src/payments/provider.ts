export interface CheckoutRequest {
  donationId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  frequency: 'one_off' | 'monthly';
  description: string;
  donorEmail: string;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  /** The provider's reference, stored on the donation. */
  providerRef: string;
  /** Where the donor pays. */
  url: string;
}

/** What a verified webhook event means for one donation. */
export interface PaymentEvent {
  /** Provider's event id: each is applied once. */
  eventId: string;
  /** Provider's event type, kept for the record. */
  type: string;
  /** The checkout session the event is about, when the event names one. */
  providerRef?: string;
  /** Our donation id, when the provider echoes it back (client reference or metadata). */
  donationId?: string;
  outcome: 'succeeded' | 'failed' | 'refunded' | 'cancelled';
  /** Amount and currency the provider reports, checked against the donation when present. */
  amount?: number;
  currency?: string;
}

/** One interface for every payment provider; donations change state only through `parseWebhook`. */
export interface PaymentProvider {
  readonly name: 'sandbox' | 'stripe';
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /**
   * Verifies the signature over the raw body (throws `unauthorized` when it does not match) and
   * returns the event, or null for event kinds that do not change a donation.
   */
  parseWebhook(rawBody: string, headers: Record<string, string | undefined>): PaymentEvent | null;
}

export type PaymentProviders = Record<string, PaymentProvider> & { sandbox: PaymentProvider };

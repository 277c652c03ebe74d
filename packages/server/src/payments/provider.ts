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

/**
 * What a verified webhook event means for one donation. `renewed` is a later month of a monthly
 * donation: it names the first donation (by id or subscription) and is recorded as a new donation.
 */
export interface PaymentEvent {
  /** Provider's event id: each is applied once. */
  eventId: string;
  /** Provider's event type, kept for the record. */
  type: string;
  /** The checkout session the event is about, when the event names one. */
  providerRef?: string;
  /** Our donation id, when the provider echoes it back (client reference or metadata). */
  donationId?: string;
  outcome: 'succeeded' | 'failed' | 'refunded' | 'cancelled' | 'renewed';
  /** Amount and currency the provider reports, checked against the donation when present. */
  amount?: number;
  currency?: string;
  /** The provider's subscription a monthly donation runs as, when the event names it. */
  subscriptionRef?: string;
  /** `renewed`: the provider's id for this month's payment (Stripe: the invoice); recorded once. */
  paymentRef?: string;
  /** `renewed`: when the month was paid, as the provider reports it. */
  paidAt?: Date;
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
  /**
   * Stops a monthly donation's subscription so no further month is charged. Resolves once the
   * provider has confirmed it (or reports the subscription already ended); throws otherwise.
   */
  cancelSubscription(subscriptionRef: string): Promise<void>;
}

export type PaymentProviders = Record<string, PaymentProvider> & { sandbox: PaymentProvider };

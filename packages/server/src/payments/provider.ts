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

export interface PaymentEvent {
  /** Provider's event id: each is applied once. */
  eventId: string;
  providerRef: string;
  outcome: 'succeeded' | 'failed' | 'refunded';
}

/** One interface for every payment provider; donations change state only through `parseWebhook`. */
export interface PaymentProvider {
  readonly name: 'sandbox' | 'stripe';
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies the signature over the raw body and returns the event, or throws. Unknown event kinds → null. */
  parseWebhook(rawBody: string, headers: Record<string, string | undefined>): PaymentEvent | null;
}

export type PaymentProviders = Record<string, PaymentProvider> & { sandbox: PaymentProvider };

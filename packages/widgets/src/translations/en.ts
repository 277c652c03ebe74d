/**
 * English strings: bundled with every element, and the type every other language must match.
 * One export per area so a standalone element only bundles its own section.
 */
import type { Plural } from '../shared/localize.js';

/** Shared by every element. Problem messages are keyed by the last segment of the problem `type`. */
export const common = {
  dir: 'ltr' as 'ltr' | 'rtl',
  loading: 'Loading…',
  retry: 'Try again',
  offline: "You're offline. We'll try again when you're back online.",
  problems: {
    network: "We couldn't reach the server. Check your connection and try again.",
    'not-found': "We couldn't find this.",
    validation: 'Some details need fixing.',
    unauthorized: "This site isn't set up for Mahjar (check the publishable key).",
    forbidden: "This site isn't allowed to use this Mahjar account.",
    'rate-limited': 'Too many requests. Wait a moment and try again.',
    'idempotency-conflict': 'This was already sent with different details. Reload and try again.',
    'campaign-closed': 'This campaign has closed.',
    internal: 'Something went wrong on our side. Try again in a moment.',
  },
};

export const donateButton = {
  donate: 'Donate',
  raised: (raised: string, goal: string) => `${raised} raised of ${goal}`,
  donors: { one: '# donor', other: '# donors' } as Plural,
  progress: 'Progress toward the goal',
  percent: (p: string) => `${p} of the goal`,
  closed: 'This campaign has closed. Thank you to everyone who gave.',
  dialogTitle: (title: string) => `Donate to ${title}`,
  close: 'Close',
  amount: (currency: string) => `Amount (${currency})`,
  other: 'Other amount',
  tooSmall: (min: string) => `Enter at least ${min}.`,
  tooLarge: (max: string) => `Enter at most ${max}.`,
  frequency: 'How often',
  oneOff: 'Once',
  monthly: 'Monthly',
  name: 'Your name',
  email: 'E-mail, for your receipt',
  nameRequired: 'Enter your name, or choose not to show it publicly.',
  emailInvalid: 'Enter an e-mail address like name@example.org.',
  dedication: 'In honour or memory of (optional)',
  anonymous: "Don't show my name publicly",
  submit: (amount: string, monthly: boolean) => (monthly ? `Donate ${amount} a month` : `Donate ${amount}`),
  sending: 'Sending…',
  redirecting: 'Taking you to secure checkout…',
};

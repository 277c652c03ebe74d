/** English strings of <mahjar-donate-button>: bundled with it, and the type other languages match. */
import type { Plural } from '../../shared/localize.js';

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

/** English strings of every element: bundled with each element, and the type other languages match. */

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
    forbidden: "You aren't allowed to do this.",
    'origin-not-allowed': '{origin} may not use this Mahjar key: its owner must add this website.',
    'rate-limited': 'Too many requests. Wait a moment and try again.',
    'idempotency-conflict': 'This was already sent with different details. Reload and try again.',
    'campaign-closed': 'This campaign has closed.',
    internal: 'Something went wrong on our side. Try again in a moment.',
  },
};

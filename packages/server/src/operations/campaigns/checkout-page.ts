import { createHash } from 'node:crypto';
import { formatMoney } from './money.js';

const STRINGS = {
  en: {
    title: 'Sandbox checkout',
    banner: 'SANDBOX — test mode. No real payment is taken and no card is needed.',
    to: 'Donation to',
    monthly: 'every month',
    pay: 'Pay',
    fail: 'Fail',
    done: 'This checkout is already complete. Status:',
  },
  fr: {
    title: 'Paiement de test (sandbox)',
    banner: 'SANDBOX — mode test. Aucun paiement réel n’est effectué et aucune carte n’est demandée.',
    to: 'Don pour',
    monthly: 'chaque mois',
    pay: 'Payer',
    fail: 'Échouer',
    done: 'Ce paiement est déjà terminé. Statut :',
  },
  ar: {
    title: 'دفع تجريبي (Sandbox)',
    banner: 'SANDBOX — وضع الاختبار. لا يتم أي دفع حقيقي ولا حاجة إلى بطاقة.',
    to: 'تبرع لـ',
    monthly: 'كل شهر',
    pay: 'ادفع',
    fail: 'فشل',
    done: 'اكتملت عملية الدفع هذه. الحالة:',
  },
} as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  '.sandbox{background:#fff3cd;border:2px dashed #b58100;padding:.75rem;font-weight:700}' +
  '.amount{font-size:2rem;margin:.5rem 0}button{font:inherit;padding:.6rem 1.4rem;margin-inline-end:.75rem}';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface CheckoutPageInput {
  sessionId: string;
  locale: string;
  campaignTitle: string;
  amount: number;
  currency: string;
  frequency: 'one_off' | 'monthly';
  status: string;
  /** Origin the completion redirects to, allowed as a form target in the page's CSP. */
  returnOrigin: string | undefined;
}

/**
 * The sandbox's hosted checkout page: static HTML, no script (it is served under a CSP that allows
 * none), a plain form whose two buttons post the outcome to `completeSandboxCheckout`.
 */
export function renderCheckoutPage(p: CheckoutPageInput): { html: string; csp: string } {
  const lang = (p.locale in STRINGS ? p.locale : 'en') as keyof typeof STRINGS;
  const t = STRINGS[lang];
  const amount = formatMoney(p.amount, p.currency, lang);
  const body =
    p.status === 'pending'
      ? `<form method="post" action="/v1/payments/sandbox/checkout/${escapeHtml(p.sessionId)}/complete">` +
        `<button type="submit" name="outcome" value="succeeded">${t.pay}</button>` +
        `<button type="submit" name="outcome" value="failed">${t.fail}</button></form>`
      : `<p role="status">${t.done} ${escapeHtml(p.status)}</p>`;
  const html =
    `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${t.title}</title><style>${STYLE}</style></head><body><main>` +
    `<p class="sandbox" role="note">${t.banner}</p><h1>${t.title}</h1>` +
    `<p>${t.to} <strong>${escapeHtml(p.campaignTitle)}</strong></p>` +
    `<p class="amount">${escapeHtml(amount)}${p.frequency === 'monthly' ? ` <small>${t.monthly}</small>` : ''}</p>` +
    `${body}</main></body></html>`;
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${styleHash}'`,
    `form-action 'self'${p.returnOrigin ? ` ${p.returnOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return { html, csp };
}

/** Arabic strings of a donor's return from checkout (<mahjar-donate-button>), loaded on demand. */
import type { en } from '../../donate-button/return.js';

export default {
  thanks: (amount, monthly) => (monthly ? `شكرًا لتبرعك الشهري بمبلغ ${amount}.` : `شكرًا لتبرعك بمبلغ ${amount}.`),
  receipt: 'إيصالك في طريقه إليك بالبريد الإلكتروني.',
  processing: 'ما زالت عملية الدفع قيد المعالجة. سيُحتسب تبرعك هنا فور تأكيده من مزوّد الدفع.',
  failed: 'لم يكتمل تبرعك ولم يُقتطع أي مبلغ. يمكنك المحاولة مرة أخرى.',
} satisfies typeof en;

/** Arabic strings (right-to-left) of <mahjar-donate-button>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { donateButton as En } from '../en.js';

export default {
  donate: 'تبرّع',
  raised: (raised, goal) => `جُمع ${raised} من أصل ${goal}`,
  donors: {
    zero: 'لا متبرعين بعد',
    one: 'متبرع واحد',
    two: 'متبرعان',
    few: '# متبرعين',
    many: '# متبرعًا',
    other: '# متبرع',
  },
  progress: 'التقدّم نحو الهدف',
  percent: (p) => `${p} من الهدف`,
  closed: 'انتهت هذه الحملة. شكرًا لكل من ساهم.',
  dialogTitle: (title) => `تبرّع لـ${title}`,
  close: 'إغلاق',
  amount: (currency) => `المبلغ (${currency})`,
  other: 'مبلغ آخر',
  tooSmall: (min) => `أدخل ${min} على الأقل.`,
  tooLarge: (max) => `أدخل ${max} على الأكثر.`,
  frequency: 'عدد المرات',
  oneOff: 'مرة واحدة',
  monthly: 'شهريًا',
  name: 'اسمك',
  email: 'البريد الإلكتروني لإرسال الإيصال',
  nameRequired: 'أدخل اسمك، أو اختر عدم إظهاره للعموم.',
  emailInvalid: 'أدخل بريدًا إلكترونيًا صحيحًا مثل name@example.org.',
  dedication: 'إهداء التبرع لشخص أو تكريمًا لذكراه (اختياري)',
  anonymous: 'لا تُظهر اسمي للعموم',
  submit: (amount, monthly) => (monthly ? `تبرّع بـ${amount} شهريًا` : `تبرّع بـ${amount}`),
  sending: 'جارٍ الإرسال…',
  redirecting: 'جارٍ نقلك إلى صفحة الدفع الآمنة…',
} satisfies typeof En;

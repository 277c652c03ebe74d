/** Arabic strings (right-to-left), loaded on demand. */
import type { common as Common, donateButton as DonateButton } from './en.js';

export const common: typeof Common = {
  dir: 'rtl',
  loading: 'جارٍ التحميل…',
  retry: 'حاول مرة أخرى',
  offline: 'أنت غير متصل بالإنترنت. سنحاول مجددًا فور عودة الاتصال.',
  problems: {
    network: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
    'not-found': 'لم نعثر على المطلوب.',
    validation: 'بعض البيانات تحتاج إلى تصحيح.',
    unauthorized: 'هذا الموقع غير مُعدّ لاستخدام مهجر (تحقّق من المفتاح العام).',
    forbidden: 'هذا الموقع غير مسموح له باستخدام حساب مهجر هذا.',
    'rate-limited': 'طلبات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.',
    'idempotency-conflict': 'سبق إرسال هذا الطلب ببيانات مختلفة. أعد تحميل الصفحة وحاول مرة أخرى.',
    'campaign-closed': 'انتهت هذه الحملة.',
    internal: 'حدث خطأ من جهتنا. حاول مرة أخرى بعد قليل.',
  },
};

export const donateButton: typeof DonateButton = {
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
};

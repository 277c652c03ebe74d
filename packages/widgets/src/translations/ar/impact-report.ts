/** Arabic strings (right-to-left) of <mahjar-impact-report>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { impactReport as En } from '../en/impact-report.js';

export default {
  title: 'تقرير المشاركة الفصلي',
  quarter: (number: string, year: string) => `الربع ${number} من ${year}`,
  previous: 'الربع السابق',
  next: 'الربع التالي',
  download: 'تنزيل ملف CSV',
  downloading: 'جارٍ تحضير الملف…',
  needsCredentials: 'يتطلّب هذا التقرير المفتاح السري للمؤسسة أو مسؤولًا مسجَّل الدخول. لا يمكن قراءته بالمفتاح العام.',
  showTable: 'عرض جدول البيانات',
  months: {
    title: 'الفعاليات والمشاركون حسب الشهر',
    events: 'الفعاليات المنعقدة',
    webinars: 'الندوات عبر الإنترنت',
    registrations: 'التسجيلات',
    participants: 'المشاركون',
    eventsChart: 'الفعاليات المنعقدة حسب الشهر',
    participantsChart: 'المشاركون حسب الشهر',
    month: 'الشهر',
  },
  needs: {
    title: 'الاحتياجات المفتوحة والملبّاة حسب المجال ذي الأولوية',
    opened: 'فُتحت',
    filled: 'لُبّيت',
    assigned: 'أشخاص مكلَّفون',
    hours: 'ساعات العمل',
    peopleReached: 'أشخاص استفادوا',
    summary: (answers: string, assigned: string, open: string) =>
      `${answers} ردًّا بـ«أستطيع المساعدة»، و${assigned} شخصًا مكلَّفًا، و${open} احتياجًا ما زال مفتوحًا في نهاية الربع.`,
    none: 'لم يُفتح أو يُلبَّ أي احتياج في هذا الربع.',
  },
  funds: {
    title: 'الأموال المجموعة حسب المجال ذي الأولوية',
    inCurrency: (currency: string) => `الأموال المجموعة بعملة ${currency}`,
    amount: 'المبلغ',
    currency: 'العملة',
    none: 'لم تصل أي تبرعات في هذا الربع.',
  },
  change: {
    title: 'التغيّر مقارنةً بالربع السابق',
    metric: 'المؤشر',
    change: 'التغيّر',
    new: 'جديد',
    same: 'دون تغيّر',
    metrics: {
      signupsReceived: 'طلبات الانتساب',
      verifiedMembers: 'الأعضاء الموثَّقون',
      eventsHeld: 'الفعاليات المنعقدة',
      participants: 'المشاركون',
      contactRequests: 'طلبات التواصل',
      needsOpened: 'الاحتياجات المفتوحة',
      needsFilled: 'الاحتياجات الملبّاة',
    },
    funds: (currency: string) => `الأموال المجموعة (${currency})`,
  },
  priorityArea: 'المجال ذو الأولوية',
  highest: (label: string, value: string) => `الأعلى: ${label}، ${value}.`,
  empty: 'لا شيء لعرضه.',
  narrative: {
    title: 'ملاحظات المنسّق',
    milestones: 'المحطات',
    outcomes: 'النتائج',
    challenges: 'التحديات',
    none: 'لم يُكتب شيء لهذا الربع بعد.',
  },
} satisfies typeof En;

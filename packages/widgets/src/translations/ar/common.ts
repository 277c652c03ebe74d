/** Arabic strings (right-to-left) of every element, loaded on demand. */
import type { common as En } from '../en.js';

export default {
  dir: 'rtl',
  loading: 'جارٍ التحميل…',
  retry: 'حاول مرة أخرى',
  offline: 'أنت غير متصل بالإنترنت. سنحاول مجددًا فور عودة الاتصال.',
  problems: {
    network: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
    'not-found': 'لم نعثر على المطلوب.',
    validation: 'بعض البيانات تحتاج إلى تصحيح.',
    unauthorized: 'هذا الموقع غير مُعدّ لاستخدام مهجر (تحقّق من المفتاح العام).',
    forbidden: 'غير مسموح لك بهذا الإجراء.',
    'origin-not-allowed':
      'هذا الموقع ({origin}) غير مسموح له باستخدام مفتاح مهجر هذا: على مالك المفتاح إضافته إلى قائمة المواقع المسموح بها.',
    'rate-limited': 'طلبات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.',
    'idempotency-conflict': 'سبق إرسال هذا الطلب ببيانات مختلفة. أعد تحميل الصفحة وحاول مرة أخرى.',
    'campaign-closed': 'انتهت هذه الحملة.',
    internal: 'حدث خطأ من جهتنا. حاول مرة أخرى بعد قليل.',
  },
} satisfies typeof En;

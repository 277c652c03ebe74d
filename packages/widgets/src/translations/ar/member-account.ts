/** Arabic strings (right-to-left) of <mahjar-member-account>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { memberAccount as En } from '../en/member-account.js';

export default {
  title: 'حسابك كعضو',
  signInIntro: 'أدخل البريد الإلكتروني الذي انضممت به. سنرسل إليك رابطًا لتسجيل الدخول، دون حاجة إلى كلمة مرور.',
  email: 'البريد الإلكتروني',
  send: 'أرسل إليّ رابط تسجيل الدخول',
  sending: 'جارٍ الإرسال…',
  sent: (minutes) =>
    `إذا كان هذا العنوان لعضو، فرابط تسجيل الدخول في طريقه إليه. يعمل الرابط مرة واحدة خلال ${minutes} دقيقة. يمكنك إغلاق هذه الصفحة وفتح الرابط من بريدك.`,
  emailInvalid: 'أدخل بريدًا إلكترونيًا صحيحًا مثل name@example.org.',
  signingIn: 'جارٍ تسجيل دخولك…',
  ended: 'تم تسجيل خروجك. سجّل الدخول مجددًا للمتابعة.',
  linkInvalid:
    'انتهت صلاحية رابط تسجيل الدخول هذا، أو سبق استخدامه، أو طُلب من متصفح آخر. اطلب رابطًا جديدًا أدناه من هذا المتصفح.',
  signedInAs: (name) => `مسجّل الدخول باسم ${name}`,
  signOut: 'تسجيل الخروج',
  signOutEverywhere: 'تسجيل الخروج من كل الأجهزة',
  sections: {
    profile: 'ملفك الشخصي',
    audiences: 'من يرى ماذا',
    consents: 'موافقاتك',
    chapters: 'فروعك',
    gifts: 'التبرعات الشهرية',
    data: 'بياناتك',
    delete: 'حذف حسابك',
  },
  status: {
    pending_email: 'البريد غير مؤكَّد',
    pending_review: 'بانتظار المراجعة',
    verified: 'موثَّق',
    suspended: 'موقوف',
  },
  listed: 'أدرجني في الدليل (بالحقول التي يحق لكل فئة رؤيتها).',
  ministriesIntro: 'وزارات الصحة التي يحق لها رؤية الحقول التي حدّدتها «للوزارة» واحتسابك في تقاريرها:',
  ministry: (name) => `المشاركة مع ${name}`,
  noMinistries: 'لا تعمل أي وزارة مع فروعك حتى الآن.',
  transferAbroad: 'يجوز تخزين بياناتي ومعالجتها خارج بلد ممارستي.',
  newsletter: 'أرسلوا إليّ النشرات الإخبارية لفروعي بالبريد الإلكتروني.',
  notice: 'إشعار الخصوصية الذي توافق عليه عند الحفظ',
  save: 'حفظ التغييرات',
  saving: 'جارٍ الحفظ…',
  saved: 'تم الحفظ. يعرض الدليل تغييراتك الآن.',
  chaptersIntro: 'اختر الفروع التي تنتمي إليها (فرعًا واحدًا على الأقل).',
  saveChapters: 'حفظ الفروع',
  pickChapter: 'اختر فرعًا واحدًا على الأقل.',
  noGifts: 'ليس لديك تبرعات شهرية.',
  gift: (amount, campaign) => `${amount} شهريًا لـ${campaign}`,
  giftSince: (date, months) => `منذ ${date} · عدد الأشهر المدفوعة: ${months}`,
  giftEnded: (date) => `انتهى في ${date}`,
  cancelGift: 'أوقف هذا التبرع',
  cancelGiftConfirm: (what) => `إيقاف ${what}؟ لن تُقتطع أي دفعة بعد الآن.`,
  keepGift: 'أبقِه',
  confirmCancel: 'أوقف التبرع',
  dataIntro:
    'نزّل كل ما نحتفظ به عنك بصيغة JSON: ملفك الشخصي وموافقاتك والمراجعات والتسجيلات والتبرعات وعمليات تسجيل الدخول.',
  download: 'تنزيل بياناتي',
  deleteIntro:
    'يُحذف ملفك من الدليل فورًا ويُغلق حسابك. لا نحتفظ إلا بسجلّ خالٍ من البيانات الشخصية يفيد بأنك وافقت ثم غادرت، وتبقى إيصالات التبرعات كما يفرض القانون.',
  deleteAccount: 'حذف حسابي',
  deleteConfirm: 'هل تريد حذف حسابك نهائيًا؟ لا يمكن التراجع عن ذلك.',
  keepAccount: 'الإبقاء على حسابي',
  deleted: 'تم حذف حسابك. رسالة تأكيد في طريقها إلى بريدك.',
  close: 'إغلاق',
} satisfies typeof En;

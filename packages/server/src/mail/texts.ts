import type { OutboxKind } from '@mahjar/sdk';
import type { AdminRole, ContactPurpose, EventLocation, LocalisedText } from '../db/schema.js';
import { formatMoney } from '../operations/campaigns/money.js';
import {
  type Block,
  intlLocale,
  localised,
  type MailBody,
  type MailLocale,
  type Part,
  type Picture,
} from './document.js';

/**
 * Every e-mail the server sends, in English, Arabic and French. One function per kind and language
 * takes what the mail needs (`MailData[kind]`) and the organisation's name already in that language,
 * and returns the subject and the body as blocks, from which `compose` writes the plain-text and the
 * HTML parts. Nothing here escapes: the HTML writer escapes every piece of text it is given.
 */

export interface EventMailData {
  title: LocalisedText;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: EventLocation | null;
  /** Only to a confirmed registrant of an event that still takes place. */
  joinUrl: string | null;
  /** The registrant's personal `.ics`; null in mail about a cancellation. */
  calendarUrl: string | null;
  /** Only right after registering: the plain token exists nowhere else. */
  cancelUrl: string | null;
  waitlistPosition: number | null;
  /** The organiser's reason, when the event is cancelled. */
  reason: LocalisedText | null;
  /** A confirmed registrant's check-in code (`K7QF-2M9X-PA3T`) and its QR code; null otherwise. */
  checkIn: { code: string; picture: Picture } | null;
}

export interface MailData {
  /** To an address nobody has confirmed yet: no text the caller typed (not even the names). */
  signup_verification: { link: string; token: string };
  /** To the owner of an address someone signed up with again; a link only if it still waits. */
  signup_duplicate: { pending: { link: string; token: string } | null };
  signup_reviewed: {
    name: string;
    nameAr: string | null;
    outcome: 'verified' | 'rejected' | 'suspended';
    note: string | null;
  };
  contact_request: {
    /** The professional's name; `nameAr` is their name in Arabic script, if they gave one. */
    name: string;
    nameAr: string | null;
    purpose: ContactPurpose;
    requesterName: string;
    requesterEmail: string;
    requesterInstitution: string | null;
    /** Quoted as the sender wrote it. */
    message: string;
  };
  registration_confirmed: EventMailData;
  registration_waitlisted: EventMailData;
  registration_promoted: EventMailData;
  registration_cancelled: EventMailData;
  event_updated: EventMailData;
  event_cancelled: EventMailData;
  donation_receipt: {
    donorName: string | null;
    /** Minor units of `currency`. */
    amount: number;
    currency: string;
    campaign: LocalisedText;
    receiptNumber: string;
    monthly: boolean;
    paidAt: Date;
  };
  member_sign_in: { link: string; site: string };
  member_account_deleted: Record<string, never>;
  /** To a candidate the ministry chose; `link` carries their personal token in its fragment. */
  need_invitation: NeedMailData & { link: string; expiresAt: Date };
  /** To a professional the ministry assigned to a need. */
  need_assignment: NeedMailData;
  /** To a professional, once, 30 days before a verified credential's last valid day. */
  credential_expiring: {
    name: string;
    nameAr: string | null;
    credential: string;
    issuer: string;
    /** `YYYY-MM-DD`, the last day it is valid. */
    expiresOn: string;
  };
  /** To a person an owner (or the operator) added to an organisation's console. */
  admin_invitation: { role: AdminRole; organisationSlug: string; email: string; consoleUrl: string };
  /** To an admin user who asked to sign in to the console; `link` carries the code in its fragment. */
  admin_sign_in: { link: string };
}

/** What mail about a need says of it: the ministry's words, as it typed them. */
export interface NeedMailData {
  name: string;
  nameAr: string | null;
  title: string;
  place: string;
}

export type Writer<K extends OutboxKind> = (data: MailData[K], organisation: string) => MailBody;
export type MailTexts = { [K in OutboxKind]: Record<MailLocale, Writer<K>> };

const para = (...lines: (Part | Part[])[]): Block => ({
  lines: lines.map((line) => (Array.isArray(line) ? line : [line])),
});
const link = (href: string, label?: string): Part => (label ? { href, label } : { href });
/** RFC 6068: the address percent-encoded, so a `?` or `&` in its local part adds no header to the reply. */
const mailto = (address: string): Part => ({ href: `mailto:${encodeURIComponent(address)}`, label: address });
/** The closing line: the organisation the mail comes from. */
const signed = (organisation: string): Block => para(`— ${organisation}`);

// ---------- sign-up ----------

const signupVerification: MailTexts['signup_verification'] = {
  en: ({ link: href, token }, org) => ({
    subject: `Confirm your e-mail address for ${org}`,
    blocks: [
      para('Hello,'),
      para(
        `Thank you for joining the directory of ${org}. Please confirm your e-mail address; the link works for 48 hours:`,
        link(href, 'Confirm my e-mail address'),
      ),
      para(`If the link does not open, enter this verification code on the sign-up page: ${token}`),
      para('Once your address is confirmed, a reviewer from your chapter checks your profile before it is listed.'),
      para('If you did not sign up, ignore this message: nothing is published without this confirmation.'),
      signed(org),
    ],
  }),
  fr: ({ link: href, token }, org) => ({
    subject: `Confirmez votre adresse e-mail pour ${org}`,
    blocks: [
      para('Bonjour,'),
      para(
        `Merci de rejoindre l’annuaire de ${org}. Veuillez confirmer votre adresse e-mail ; le lien est valable 48 heures :`,
        link(href, 'Confirmer mon adresse e-mail'),
      ),
      para(`Si le lien ne s’ouvre pas, saisissez ce code de vérification sur la page d’inscription : ${token}`),
      para(
        'Une fois votre adresse confirmée, une personne de votre association examine votre profil avant qu’il ne paraisse dans l’annuaire.',
      ),
      para(
        'Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : sans confirmation, rien n’est publié.',
      ),
      signed(org),
    ],
  }),
  ar: ({ link: href, token }, org) => ({
    subject: `أكّد عنوان بريدك الإلكتروني لدى ${org}`,
    blocks: [
      para('مرحباً،'),
      para(
        `شكراً لانضمامك إلى دليل ${org}. يُرجى تأكيد عنوان بريدك الإلكتروني، علماً أن الرابط صالح لمدة 48 ساعة:`,
        link(href, 'تأكيد عنوان بريدي الإلكتروني'),
      ),
      para(`إن لم يُفتح الرابط، أدخل رمز التحقق هذا في صفحة التسجيل: ${token}`),
      para('بعد تأكيد عنوانك، يراجع أحد المسؤولين في فرعك ملفك قبل إدراجه في الدليل.'),
      para('إن لم تكن أنت من قام بالتسجيل، فتجاهل هذه الرسالة، إذ لا يُنشر شيء دون هذا التأكيد.'),
      signed(org),
    ],
  }),
};

const signupDuplicate: MailTexts['signup_duplicate'] = {
  en: ({ pending }, org) => ({
    subject: `You already have a profile with ${org}`,
    blocks: [
      para('Hello,'),
      para(
        `Someone, perhaps you, tried to sign up to the directory of ${org} with this address, which already has a profile.`,
      ),
      ...(pending
        ? [
            para(
              'Your profile is still waiting for this address to be confirmed. Confirm it here (the link works for 48 hours):',
              link(pending.link, 'Confirm my e-mail address'),
            ),
            para(`Verification code: ${pending.token}`),
          ]
        : [para('Nothing was changed. If this was not you, you can ignore this message.')]),
      signed(org),
    ],
  }),
  fr: ({ pending }, org) => ({
    subject: `Vous avez déjà un profil auprès de ${org}`,
    blocks: [
      para('Bonjour,'),
      para(
        `Quelqu’un, peut-être vous, a tenté de s’inscrire à l’annuaire de ${org} avec cette adresse, qui a déjà un profil.`,
      ),
      ...(pending
        ? [
            para(
              'Votre profil attend toujours la confirmation de cette adresse. Confirmez-la ici (le lien est valable 48 heures) :',
              link(pending.link, 'Confirmer mon adresse e-mail'),
            ),
            para(`Code de vérification : ${pending.token}`),
          ]
        : [para('Rien n’a été modifié. Si ce n’était pas vous, vous pouvez ignorer ce message.')]),
      signed(org),
    ],
  }),
  ar: ({ pending }, org) => ({
    subject: `لديك ملف شخصي بالفعل لدى ${org}`,
    blocks: [
      para('مرحباً،'),
      para(`حاول أحدهم، وربما أنت، التسجيل في دليل ${org} بهذا العنوان، وهو مرتبط بملف شخصي موجود.`),
      ...(pending
        ? [
            para(
              'ما زال ملفك بانتظار تأكيد هذا العنوان. أكّده من هنا (الرابط صالح لمدة 48 ساعة):',
              link(pending.link, 'تأكيد عنوان بريدي الإلكتروني'),
            ),
            para(`رمز التحقق: ${pending.token}`),
          ]
        : [para('لم يتغيّر شيء. إن لم تكن أنت صاحب المحاولة، يمكنك تجاهل هذه الرسالة.')]),
      signed(org),
    ],
  }),
};

const signupReviewed: MailTexts['signup_reviewed'] = {
  en: ({ name, outcome, note }, org) => ({
    subject: outcome === 'verified' ? 'Your profile is verified' : 'About your profile',
    blocks: [
      para(`Hello ${name},`),
      para(
        outcome === 'verified'
          ? `Your profile has been verified and is now listed in the directory of ${org}, showing only the fields you chose to make visible.`
          : outcome === 'rejected'
            ? 'We could not verify your profile, so it is not listed in the directory.'
            : 'Your profile has been suspended and is no longer listed in the directory.',
      ),
      ...(note ? [para('Note from the reviewer:'), { quote: note }] : []),
      signed(org),
    ],
  }),
  fr: ({ name, outcome, note }, org) => ({
    subject: outcome === 'verified' ? 'Votre profil est vérifié' : 'À propos de votre profil',
    blocks: [
      para(`Bonjour ${name},`),
      para(
        outcome === 'verified'
          ? `Votre profil a été vérifié : il figure désormais dans l’annuaire de ${org}, avec les seuls champs que vous avez choisi de rendre visibles.`
          : outcome === 'rejected'
            ? 'Nous n’avons pas pu vérifier votre profil ; il ne figure donc pas dans l’annuaire.'
            : 'Votre profil a été suspendu et ne figure plus dans l’annuaire.',
      ),
      ...(note ? [para('Remarque de la personne qui a examiné votre profil :'), { quote: note }] : []),
      signed(org),
    ],
  }),
  ar: ({ name, nameAr, outcome, note }, org) => ({
    subject: outcome === 'verified' ? 'تم التحقق من ملفك الشخصي' : 'بخصوص ملفك الشخصي',
    blocks: [
      para(`مرحباً ${nameAr ?? name}،`),
      para(
        outcome === 'verified'
          ? `تم التحقق من ملفك، وهو الآن مدرج في دليل ${org}، ولا يظهر منه إلا الحقول التي اخترت إظهارها.`
          : outcome === 'rejected'
            ? 'تعذّر علينا التحقق من ملفك، لذلك لم يُدرج في الدليل.'
            : 'تم تعليق ملفك، ولم يعد مدرجاً في الدليل.',
      ),
      ...(note ? [para('ملاحظة من المراجِع:'), { quote: note }] : []),
      signed(org),
    ],
  }),
};

// ---------- the directory's contact relay ----------

const PURPOSES: Record<MailLocale, Record<ContactPurpose, string>> = {
  en: {
    mentoring: 'mentoring',
    consultation: 'a consultation',
    teaching: 'teaching or CME',
    research: 'research',
    return_placement: 'a return placement',
    medical_mission: 'a medical mission',
    other: 'another matter',
  },
  fr: {
    mentoring: 'mentorat',
    consultation: 'consultation',
    teaching: 'enseignement ou FMC',
    research: 'recherche',
    return_placement: 'mission de retour',
    medical_mission: 'mission médicale',
    other: 'autre sujet',
  },
  ar: {
    mentoring: 'الإرشاد',
    consultation: 'استشارة',
    teaching: 'التعليم أو التعليم الطبي المستمر',
    research: 'البحث العلمي',
    return_placement: 'عودة مؤقتة للعمل',
    medical_mission: 'بعثة طبية',
    other: 'موضوع آخر',
  },
};

const contactRequest: MailTexts['contact_request'] = {
  en: (d, org) => ({
    subject: `Contact request (${PURPOSES.en[d.purpose]}) from ${d.requesterName}`,
    blocks: [
      para(`Hello ${d.name},`),
      para(
        `${d.requesterName}${d.requesterInstitution ? ` (${d.requesterInstitution})` : ''} found you in the directory of ${org} ` +
          `and writes to you about ${PURPOSES.en[d.purpose]}. Their message, as they wrote it:`,
      ),
      { quote: d.message },
      para([`To answer, write to ${d.requesterName} at `, mailto(d.requesterEmail), '.']),
      para('Your own address has not been shared: they only learn it if you reply.'),
      signed(org),
    ],
  }),
  fr: (d, org) => ({
    subject: `Demande de contact (${PURPOSES.fr[d.purpose]}) de ${d.requesterName}`,
    blocks: [
      para(`Bonjour ${d.name},`),
      para(
        `${d.requesterName}${d.requesterInstitution ? ` (${d.requesterInstitution})` : ''} a trouvé votre profil dans l’annuaire de ${org} ` +
          `et vous écrit au sujet suivant : ${PURPOSES.fr[d.purpose]}. Voici son message, tel quel :`,
      ),
      { quote: d.message },
      para([`Pour répondre, écrivez à ${d.requesterName} à l’adresse `, mailto(d.requesterEmail), '.']),
      para('Votre propre adresse n’a pas été communiquée : elle ne le sera que si vous répondez.'),
      signed(org),
    ],
  }),
  ar: (d, org) => ({
    subject: `طلب تواصل (${PURPOSES.ar[d.purpose]}) من ${d.requesterName}`,
    blocks: [
      para(`مرحباً ${d.nameAr ?? d.name}،`),
      para(
        `وجد ${d.requesterName}${d.requesterInstitution ? ` (${d.requesterInstitution})` : ''} ملفك في دليل ${org}، ` +
          `ويودّ التواصل معك بخصوص: ${PURPOSES.ar[d.purpose]}. هذه رسالته كما كتبها:`,
      ),
      { quote: d.message },
      para([`للرد، راسل ${d.requesterName} على العنوان `, mailto(d.requesterEmail), '.']),
      para('لم نُطلع أحداً على عنوانك، ولن يعرفه المرسل إلا إذا رددت عليه.'),
      signed(org),
    ],
  }),
};

// ---------- events ----------

/** The mails about an event or a registration to it. */
export type EventKind = Extract<
  OutboxKind,
  | 'registration_confirmed'
  | 'registration_waitlisted'
  | 'registration_promoted'
  | 'registration_cancelled'
  | 'event_updated'
  | 'event_cancelled'
>;

const EVENT_SUBJECTS: Record<EventKind, Record<MailLocale, (title: string) => string>> = {
  registration_confirmed: {
    en: (t) => `You are registered: ${t}`,
    fr: (t) => `Inscription confirmée : ${t}`,
    ar: (t) => `تم تأكيد تسجيلك: ${t}`,
  },
  registration_waitlisted: {
    en: (t) => `You are on the waitlist: ${t}`,
    fr: (t) => `Vous êtes sur liste d’attente : ${t}`,
    ar: (t) => `أنت على قائمة الانتظار: ${t}`,
  },
  registration_promoted: {
    en: (t) => `A seat is yours: ${t}`,
    fr: (t) => `Une place s’est libérée pour vous : ${t}`,
    ar: (t) => `أصبح لديك مقعد: ${t}`,
  },
  registration_cancelled: {
    en: (t) => `Registration cancelled: ${t}`,
    fr: (t) => `Inscription annulée : ${t}`,
    ar: (t) => `تم إلغاء تسجيلك: ${t}`,
  },
  event_updated: {
    en: (t) => `Event changed: ${t}`,
    fr: (t) => `Événement modifié : ${t}`,
    ar: (t) => `تغيير في الفعالية: ${t}`,
  },
  event_cancelled: {
    en: (t) => `Event cancelled: ${t}`,
    fr: (t) => `Événement annulé : ${t}`,
    ar: (t) => `أُلغيت الفعالية: ${t}`,
  },
};

const EVENT_LINES = {
  en: {
    colon: ': ',
    hello: 'Hello,',
    when: 'When',
    where: 'Where',
    join: 'Join link',
    calendar: 'Add to your calendar',
    cancel: 'Cannot come? Cancel your registration so someone on the waitlist gets your seat',
    waitlist: (position: string) => `The event is full, so you are on the waitlist at position ${position}.`,
    promoted: 'A seat freed up and is now yours.',
    cancelled: 'Your registration is cancelled. Thank you for letting us know.',
    updated: 'The organiser changed this event. The details below are the current ones.',
    eventCancelled: 'The organiser cancelled this event.',
    reason: 'Reason',
    online: 'Online',
    checkIn: 'Your check-in code',
    checkInHint: 'Show it at the entrance, or the QR code in this e-mail: it is yours alone, and it works once.',
  },
  fr: {
    colon: ' : ',
    hello: 'Bonjour,',
    when: 'Quand',
    where: 'Où',
    join: 'Lien de connexion',
    calendar: 'Ajouter à votre agenda',
    cancel: 'Empêché ? Annulez votre inscription pour libérer votre place',
    waitlist: (position: string) => `L’événement est complet ; vous êtes sur liste d’attente en position ${position}.`,
    promoted: 'Une place s’est libérée : elle est à vous.',
    cancelled: 'Votre inscription est annulée. Merci de nous avoir prévenus.',
    updated: 'L’organisateur a modifié cet événement. Voici les informations à jour.',
    eventCancelled: 'L’organisateur a annulé cet événement.',
    reason: 'Motif',
    online: 'En ligne',
    checkIn: 'Votre code d’accueil',
    checkInHint: 'Présentez-le à l’entrée, ou le QR code de cet e-mail : il n’est qu’à vous et ne sert qu’une fois.',
  },
  ar: {
    colon: ': ',
    hello: 'مرحباً،',
    when: 'الموعد',
    where: 'المكان',
    join: 'رابط الانضمام',
    calendar: 'أضف إلى تقويمك',
    cancel: 'لا تستطيع الحضور؟ ألغِ تسجيلك ليحصل غيرك على مقعدك',
    waitlist: (position: string) => `الفعالية مكتملة، وأنت على قائمة الانتظار في المرتبة ${position}.`,
    promoted: 'تحرر مقعد وأصبح لك.',
    cancelled: 'تم إلغاء تسجيلك. شكراً لإعلامنا.',
    updated: 'عدّل المنظم هذه الفعالية. التفاصيل أدناه هي الحالية.',
    eventCancelled: 'ألغى المنظم هذه الفعالية.',
    reason: 'السبب',
    online: 'عبر الإنترنت',
    checkIn: 'رمز تسجيل حضورك',
    checkInHint: 'أبرزه عند المدخل، أو رمز QR الموجود في هذه الرسالة: هو لك وحدك، ويُستعمل مرة واحدة.',
  },
} satisfies Record<MailLocale, unknown>;

/** `Saturday 3 October 2026, 18:00 – 19:30 GMT+3 (Asia/Beirut); UTC 2026-10-03 15:00`, in the mail's language. */
export function eventTime(e: Pick<EventMailData, 'startsAt' | 'endsAt' | 'timeZone'>, locale: MailLocale): string {
  const start = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: e.timeZone,
  });
  // timeStyle cannot be combined with timeZoneName: spell the fields out.
  const end = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: e.timeZone,
    timeZoneName: 'short',
  });
  const utc = e.startsAt.toISOString().slice(0, 16).replace('T', ' ');
  return `${start.format(e.startsAt)} – ${end.format(e.endsAt)} (${e.timeZone})${locale === 'ar' ? '؛' : ';'} UTC ${utc}`;
}

/** `Hôtel-Dieu, Beyrouth, Liban`: the country by its name in the mail's language when it is a code. */
function place(location: EventLocation, locale: MailLocale): string {
  const country = /^[A-Z]{2}$/.test(location.country)
    ? (new Intl.DisplayNames([locale], { type: 'region' }).of(location.country) ?? location.country)
    : location.country;
  return `${location.venue}, ${location.city}, ${country}`;
}

function eventWriter(kind: EventKind, locale: MailLocale): Writer<EventKind> {
  const t = EVENT_LINES[locale];
  return (e, org) => {
    const title = localised(e.title, locale);
    const reason = localised(e.reason, locale);
    // No caller text (not even the name typed into the form) in mail to an address nobody verified.
    const blocks: Block[] = [para(t.hello)];
    if (kind === 'registration_waitlisted') {
      const position =
        e.waitlistPosition === null ? '?' : new Intl.NumberFormat(intlLocale(locale)).format(e.waitlistPosition);
      blocks.push(para(t.waitlist(position)));
    }
    if (kind === 'registration_promoted') blocks.push(para(t.promoted));
    if (kind === 'registration_cancelled') blocks.push(para(t.cancelled));
    if (kind === 'event_updated') blocks.push(para(t.updated));
    if (kind === 'event_cancelled') {
      blocks.push(para(t.eventCancelled, ...(reason ? [`${t.reason}${t.colon}${reason}`] : [])));
    }
    const details: Part[][] = [
      [title],
      [`${t.when}${t.colon}${eventTime(e, locale)}`],
      [`${t.where}${t.colon}${e.location ? place(e.location, locale) : t.online}`],
    ];
    if (e.joinUrl) details.push([`${t.join}${t.colon}`, link(e.joinUrl)]);
    blocks.push({ lines: details });
    if (e.checkIn) {
      blocks.push(para(`${t.checkIn}${t.colon}${e.checkIn.code}`, t.checkInHint), { picture: e.checkIn.picture });
    }
    const actions: Part[][] = [];
    if (e.calendarUrl) actions.push([`${t.calendar}${t.colon}`, link(e.calendarUrl)]);
    if (e.cancelUrl) actions.push([`${t.cancel}${t.colon}`, link(e.cancelUrl)]);
    if (actions.length) blocks.push({ lines: actions });
    blocks.push(signed(org));
    return { subject: EVENT_SUBJECTS[kind][locale](title), blocks };
  };
}

const eventTexts = <K extends EventKind>(kind: K): Record<MailLocale, Writer<K>> => ({
  en: eventWriter(kind, 'en'),
  fr: eventWriter(kind, 'fr'),
  ar: eventWriter(kind, 'ar'),
});

// ---------- donations ----------

/** The day a payment was made, in the mail's language (UTC: the receipt's day, whoever reads it). */
const paidOn = (at: Date, locale: MailLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(at);

const donationReceipt: MailTexts['donation_receipt'] = {
  en: (d, org) => {
    const amount = formatMoney(d.amount, d.currency, intlLocale('en'));
    const campaign = localised(d.campaign, 'en');
    return {
      subject: `Thank you for your donation to ${campaign}`,
      blocks: [
        para(d.donorName ? `Dear ${d.donorName},` : 'Dear donor,'),
        para(
          `Thank you for your ${d.monthly ? 'monthly ' : ''}donation of ${amount} to ${campaign}, a campaign of ${org}.`,
        ),
        para(`Amount: ${amount}`, `Date: ${paidOn(d.paidAt, 'en')}`, `Receipt number: ${d.receiptNumber}`),
        para('Keep this e-mail as your receipt.'),
        signed(org),
      ],
    };
  },
  fr: (d, org) => {
    const amount = formatMoney(d.amount, d.currency, intlLocale('fr'));
    const campaign = localised(d.campaign, 'fr');
    return {
      subject: `Merci pour votre don à ${campaign}`,
      blocks: [
        para(d.donorName ? `Bonjour ${d.donorName},` : 'Chère donatrice, cher donateur,'),
        para(`Merci pour votre don${d.monthly ? ' mensuel' : ''} de ${amount} à ${campaign}, une campagne de ${org}.`),
        para(`Montant : ${amount}`, `Date : ${paidOn(d.paidAt, 'fr')}`, `Numéro de reçu : ${d.receiptNumber}`),
        para('Conservez ce courriel : il vous tient lieu de reçu.'),
        signed(org),
      ],
    };
  },
  ar: (d, org) => {
    const amount = formatMoney(d.amount, d.currency, intlLocale('ar'));
    const campaign = localised(d.campaign, 'ar');
    return {
      subject: `شكراً لتبرعك لحملة ${campaign}`,
      blocks: [
        para(d.donorName ? `عزيزنا ${d.donorName}،` : 'عزيزنا المتبرع الكريم،'),
        para(`نشكرك على تبرعك ${d.monthly ? 'الشهري ' : ''}بمبلغ ${amount} لحملة ${campaign} التي تنظّمها ${org}.`),
        para(`المبلغ: ${amount}`, `التاريخ: ${paidOn(d.paidAt, 'ar')}`, `رقم الإيصال: ${d.receiptNumber}`),
        para('احتفظ بهذه الرسالة، فهي إيصال تبرعك.'),
        signed(org),
      ],
    };
  },
};

// ---------- member accounts ----------

const memberSignIn: MailTexts['member_sign_in'] = {
  en: ({ link: href, site }, org) => ({
    subject: 'Your sign-in link',
    blocks: [
      para('Hello,'),
      para(
        `Use this link to sign in to your member account with ${org} on ${site}. It works once, within 15 minutes:`,
        link(href),
      ),
      para('If you did not ask to sign in, ignore this message: nothing changes.'),
      signed(org),
    ],
  }),
  fr: ({ link: href, site }, org) => ({
    subject: 'Votre lien de connexion',
    blocks: [
      para('Bonjour,'),
      para(
        `Utilisez ce lien pour vous connecter à votre compte de membre de ${org} sur ${site}. Il fonctionne une fois, dans les 15 minutes :`,
        link(href),
      ),
      para('Si vous n’avez rien demandé, ignorez ce message : rien ne change.'),
      signed(org),
    ],
  }),
  ar: ({ link: href, site }, org) => ({
    subject: 'رابط تسجيل الدخول',
    blocks: [
      para('مرحباً،'),
      para(
        `استخدم هذا الرابط لتسجيل الدخول إلى حسابك لدى ${org} على ${site}. يعمل الرابط مرة واحدة، خلال 15 دقيقة:`,
        link(href),
      ),
      para('إذا لم تطلب تسجيل الدخول، فتجاهل هذه الرسالة، ولن يتغيّر شيء.'),
      signed(org),
    ],
  }),
};

const memberAccountDeleted: MailTexts['member_account_deleted'] = {
  en: (_, org) => ({
    subject: 'Your account has been deleted',
    blocks: [
      para('Hello,'),
      para(
        `As you asked, your member account with ${org} and your profile in the directory have been deleted. ` +
          'We keep no personal data about you beyond what the law requires for donations you made.',
      ),
      para('Thank you for your time with us.'),
      signed(org),
    ],
  }),
  fr: (_, org) => ({
    subject: 'Votre compte a été supprimé',
    blocks: [
      para('Bonjour,'),
      para(
        `Comme vous l’avez demandé, votre compte de membre de ${org} et votre profil dans l’annuaire ont été supprimés. ` +
          'Nous ne gardons aucune donnée personnelle vous concernant au-delà de ce que la loi exige pour vos dons.',
      ),
      para('Merci pour le temps passé parmi nous.'),
      signed(org),
    ],
  }),
  ar: (_, org) => ({
    subject: 'تم حذف حسابك',
    blocks: [
      para('مرحباً،'),
      para(
        `بناءً على طلبك، حُذف حسابك لدى ${org} وملفك في الدليل. ` +
          'لا نحتفظ بأي بيانات شخصية عنك إلا ما يفرضه القانون بشأن التبرعات التي قدّمتها.',
      ),
      para('شكراً على الوقت الذي أمضيته معنا.'),
      signed(org),
    ],
  }),
};

// ---------- needs ----------

const day = (at: Date, locale: MailLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(at);

const needInvitation: MailTexts['need_invitation'] = {
  en: (d, org) => ({
    subject: `Can you help? ${d.title}`,
    blocks: [
      para(`Dear ${d.name},`),
      para(`${org} is looking for people to help with this need, and thinks you could be one of them:`),
      para(d.title, d.place),
      para(
        `If you can help, say so through your personal link (it works until ${day(d.expiresAt, 'en')}, for this need only):`,
        link(d.link),
      ),
      para('If you cannot, there is nothing to do: nobody is told that you did not answer.'),
      signed(org),
    ],
  }),
  fr: (d, org) => ({
    subject: `Pouvez-vous aider ? ${d.title}`,
    blocks: [
      para(`Bonjour ${d.name},`),
      para(`${org} cherche des personnes pour répondre à ce besoin, et pense que vous pourriez en faire partie :`),
      para(d.title, d.place),
      para(
        `Si vous pouvez aider, dites-le par votre lien personnel (valable jusqu’au ${day(d.expiresAt, 'fr')}, pour ce besoin seulement) :`,
        link(d.link),
      ),
      para('Sinon, vous n’avez rien à faire : personne n’est averti de votre silence.'),
      signed(org),
    ],
  }),
  ar: (d, org) => ({
    subject: `هل يمكنك المساعدة؟ ${d.title}`,
    blocks: [
      para(`عزيزي/عزيزتي ${d.nameAr ?? d.name}،`),
      para(`تبحث ${org} عن أشخاص يساعدون في تلبية هذه الحاجة، وترى أنك قد تكون واحداً منهم:`),
      para(d.title, d.place),
      para(
        `إن كان بإمكانك المساعدة فأخبرنا عبر رابطك الشخصي (صالح حتى ${day(d.expiresAt, 'ar')}، ولهذه الحاجة وحدها):`,
        link(d.link),
      ),
      para('وإن لم يكن بإمكانك، فلا شيء عليك: لن يُبلَّغ أحد بأنك لم تُجب.'),
      signed(org),
    ],
  }),
};

const needAssignment: MailTexts['need_assignment'] = {
  en: (d, org) => ({
    subject: `You are assigned: ${d.title}`,
    blocks: [
      para(`Dear ${d.name},`),
      para(`Thank you for offering your help. ${org} has chosen you for this need:`),
      para(d.title, d.place),
      para('Someone from the ministry will write to you soon about the next steps.'),
      signed(org),
    ],
  }),
  fr: (d, org) => ({
    subject: `Vous êtes retenu·e : ${d.title}`,
    blocks: [
      para(`Bonjour ${d.name},`),
      para(`Merci d’avoir proposé votre aide. ${org} vous a retenu·e pour ce besoin :`),
      para(d.title, d.place),
      para('Quelqu’un du ministère vous écrira bientôt pour la suite.'),
      signed(org),
    ],
  }),
  ar: (d, org) => ({
    subject: `تم اختيارك: ${d.title}`,
    blocks: [
      para(`عزيزي/عزيزتي ${d.nameAr ?? d.name}،`),
      para(`شكراً لعرضك المساعدة. لقد اختارتك ${org} لهذه الحاجة:`),
      para(d.title, d.place),
      para('سيتواصل معك أحد من الوزارة قريباً بشأن الخطوات التالية.'),
      signed(org),
    ],
  }),
};

// ---------- admin users ----------

const roleNames: Record<MailLocale, Record<AdminRole, string>> = {
  en: { owner: 'owner', editor: 'editor', reviewer: 'reviewer', treasurer: 'treasurer', viewer: 'viewer' },
  fr: { owner: 'propriétaire', editor: 'éditeur', reviewer: 'relecteur', treasurer: 'trésorier', viewer: 'lecteur' },
  ar: { owner: 'مالك', editor: 'محرّر', reviewer: 'مراجع', treasurer: 'أمين صندوق', viewer: 'مطّلع' },
};

const adminInvitation: MailTexts['admin_invitation'] = {
  en: ({ role, organisationSlug, email, consoleUrl }, org) => ({
    subject: `You can now manage ${org} on Mahjar`,
    blocks: [
      para('Hello,'),
      para(`You have been added to ${org}’s console as ${roleNames.en[role]}.`),
      para(
        'To sign in, open the console, enter this address and the organisation below, and follow the link we then send you:',
        link(consoleUrl),
        `Address: ${email}`,
        `Organisation: ${organisationSlug}`,
      ),
      para('If you did not expect this, ignore this message.'),
      signed(org),
    ],
  }),
  fr: ({ role, organisationSlug, email, consoleUrl }, org) => ({
    subject: `Vous pouvez désormais gérer ${org} sur Mahjar`,
    blocks: [
      para('Bonjour,'),
      para(`Vous avez été ajouté à la console de ${org} en tant que ${roleNames.fr[role]}.`),
      para(
        'Pour vous connecter, ouvrez la console, saisissez cette adresse et l’organisation ci-dessous, puis suivez le lien que nous vous enverrons :',
        link(consoleUrl),
        `Adresse : ${email}`,
        `Organisation : ${organisationSlug}`,
      ),
      para('Si vous ne vous y attendiez pas, ignorez ce message.'),
      signed(org),
    ],
  }),
  ar: ({ role, organisationSlug, email, consoleUrl }, org) => ({
    subject: `يمكنك الآن إدارة ${org} على مهجر`,
    blocks: [
      para('مرحباً،'),
      para(`أُضفت إلى لوحة إدارة ${org} بدور ${roleNames.ar[role]}.`),
      para(
        'لتسجيل الدخول، افتح لوحة الإدارة وأدخل هذا العنوان والمنظمة أدناه، ثم اتبع الرابط الذي سنرسله إليك:',
        link(consoleUrl),
        `العنوان: ${email}`,
        `المنظمة: ${organisationSlug}`,
      ),
      para('إذا لم تكن تتوقع هذه الرسالة، فتجاهلها.'),
      signed(org),
    ],
  }),
};

const adminSignIn: MailTexts['admin_sign_in'] = {
  en: ({ link: href }, org) => ({
    subject: `Your sign-in link for ${org}`,
    blocks: [
      para('Hello,'),
      para(
        `Use this link to sign in to ${org}’s console. It works once, within 15 minutes, in the browser you asked from:`,
        link(href),
      ),
      para('If you did not ask to sign in, ignore this message: nothing changes.'),
      signed(org),
    ],
  }),
  fr: ({ link: href }, org) => ({
    subject: `Votre lien de connexion pour ${org}`,
    blocks: [
      para('Bonjour,'),
      para(
        `Utilisez ce lien pour vous connecter à la console de ${org}. Il fonctionne une fois, dans les 15 minutes, dans le navigateur où vous l’avez demandé :`,
        link(href),
      ),
      para('Si vous n’avez rien demandé, ignorez ce message : rien ne change.'),
      signed(org),
    ],
  }),
  ar: ({ link: href }, org) => ({
    subject: `رابط تسجيل الدخول إلى ${org}`,
    blocks: [
      para('مرحباً،'),
      para(
        `استخدم هذا الرابط لتسجيل الدخول إلى لوحة إدارة ${org}. يعمل مرة واحدة، خلال 15 دقيقة، في المتصفح الذي طلبته منه:`,
        link(href),
      ),
      para('إذا لم تطلب تسجيل الدخول، فتجاهل هذه الرسالة، ولن يتغيّر شيء.'),
      signed(org),
    ],
  }),
};

// ---------- credentials ----------

const credentialExpiring: MailTexts['credential_expiring'] = {
  en: (d, org) => ({
    subject: `Your credential expires on ${day(new Date(d.expiresOn), 'en')}`,
    blocks: [
      para(`Dear ${d.name},`),
      para(
        `${d.credential} (${d.issuer}), which ${org} verified for your profile, is valid until ${day(new Date(d.expiresOn), 'en')}.`,
      ),
      para(
        'After that day the directory no longer shows it as verified. Once you have renewed it, send the renewed document to your chapter so that a reviewer can verify it again.',
      ),
      signed(org),
    ],
  }),
  fr: (d, org) => ({
    subject: `Votre titre expire le ${day(new Date(d.expiresOn), 'fr')}`,
    blocks: [
      para(`Bonjour ${d.name},`),
      para(
        `${d.credential} (${d.issuer}), que ${org} a vérifié pour votre profil, est valable jusqu’au ${day(new Date(d.expiresOn), 'fr')}.`,
      ),
      para(
        'Passé ce jour, l’annuaire ne l’indique plus comme vérifié. Une fois le titre renouvelé, envoyez le document à votre association pour qu’il soit vérifié à nouveau.',
      ),
      signed(org),
    ],
  }),
  ar: (d, org) => ({
    subject: `تنتهي صلاحية شهادتك في ${day(new Date(d.expiresOn), 'ar')}`,
    blocks: [
      para(`عزيزي/عزيزتي ${d.nameAr ?? d.name}،`),
      para(
        `${d.credential} (${d.issuer})، التي تحققت منها ${org} لملفك، صالحة حتى ${day(new Date(d.expiresOn), 'ar')}.`,
      ),
      para(
        'بعد ذلك اليوم لن يظهر في الدليل أنها موثّقة. حين تجددها، أرسل الوثيقة المجددة إلى جمعيتك ليتحقق منها أحد المراجعين من جديد.',
      ),
      signed(org),
    ],
  }),
};

/** Every kind of the contract's `OutboxKind`, in every language of `MailLocale`. */
export const mailTexts: MailTexts = {
  signup_verification: signupVerification,
  signup_duplicate: signupDuplicate,
  signup_reviewed: signupReviewed,
  contact_request: contactRequest,
  registration_confirmed: eventTexts('registration_confirmed'),
  registration_waitlisted: eventTexts('registration_waitlisted'),
  registration_promoted: eventTexts('registration_promoted'),
  registration_cancelled: eventTexts('registration_cancelled'),
  event_updated: eventTexts('event_updated'),
  event_cancelled: eventTexts('event_cancelled'),
  donation_receipt: donationReceipt,
  member_sign_in: memberSignIn,
  member_account_deleted: memberAccountDeleted,
  need_invitation: needInvitation,
  need_assignment: needAssignment,
  credential_expiring: credentialExpiring,
  admin_invitation: adminInvitation,
  admin_sign_in: adminSignIn,
};

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../http/types.js';
import type { MailKind } from '../../mail.js';
import { eventCalendar, icsDisposition } from './calendar.js';
import { type EventRow, icsUrl, pick, type RegistrationRow, readReason } from './model.js';

type Lang = 'en' | 'ar' | 'fr';
type Kind = Extract<
  MailKind,
  | 'registration_confirmed'
  | 'registration_waitlisted'
  | 'registration_promoted'
  | 'registration_cancelled'
  | 'event_updated'
  | 'event_cancelled'
>;

const SUBJECTS: Record<Kind, Record<Lang, (title: string) => string>> = {
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

const LINES: Record<Lang, Record<string, string>> = {
  en: {
    hello: 'Hello',
    when: 'When',
    where: 'Where',
    join: 'Join link',
    calendar: 'Add to your calendar',
    cancel: 'Cannot come? Cancel your registration so someone on the waitlist gets your seat',
    waitlist: 'The event is full, so you are on the waitlist at position',
    promoted: 'A seat freed up and is now yours.',
    cancelled: 'Your registration is cancelled. Thank you for letting us know.',
    updated: 'The organiser changed this event. The details below are the current ones.',
    eventCancelled: 'The organiser cancelled this event.',
    reason: 'Reason',
    online: 'Online',
  },
  fr: {
    hello: 'Bonjour',
    when: 'Quand',
    where: 'Où',
    join: 'Lien de connexion',
    calendar: 'Ajouter à votre agenda',
    cancel: 'Empêché ? Annulez votre inscription pour libérer votre place',
    waitlist: 'L’événement est complet ; vous êtes sur liste d’attente en position',
    promoted: 'Une place s’est libérée : elle est à vous.',
    cancelled: 'Votre inscription est annulée. Merci de nous avoir prévenus.',
    updated: 'L’organisateur a modifié cet événement. Voici les informations à jour.',
    eventCancelled: 'L’organisateur a annulé cet événement.',
    reason: 'Motif',
    online: 'En ligne',
  },
  ar: {
    hello: 'مرحباً',
    when: 'الموعد',
    where: 'المكان',
    join: 'رابط الانضمام',
    calendar: 'أضف إلى تقويمك',
    cancel: 'لا تستطيع الحضور؟ ألغِ تسجيلك ليحصل غيرك على مقعدك',
    waitlist: 'الفعالية مكتملة، وأنت على قائمة الانتظار في المرتبة',
    promoted: 'تحرر مقعد وأصبح لك.',
    cancelled: 'تم إلغاء تسجيلك. شكراً لإعلامنا.',
    updated: 'عدّل المنظم هذه الفعالية. التفاصيل أدناه هي الحالية.',
    eventCancelled: 'ألغى المنظم هذه الفعالية.',
    reason: 'السبب',
    online: 'عبر الإنترنت',
  },
};

export const langOf = (locale: string): Lang => {
  const base = locale.toLowerCase().split('-')[0];
  return base === 'ar' || base === 'fr' ? base : 'en';
};

function when(e: EventRow, lang: Lang): string {
  const local = new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: e.time_zone,
  });
  // timeStyle cannot be combined with timeZoneName: spell the fields out.
  const end = new Intl.DateTimeFormat(lang, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: e.time_zone,
    timeZoneName: 'short',
  });
  return `${local.format(e.starts_at)} – ${end.format(e.ends_at)} (${e.time_zone}); UTC ${e.starts_at.toISOString().slice(0, 16).replace('T', ' ')}`;
}

export interface RegistrationMail {
  kind: Kind;
  event: EventRow;
  registration: RegistrationRow;
  /** Only right after registering: the plain token exists nowhere else. */
  cancelToken?: string | undefined;
  waitlistPosition?: number | null | undefined;
}

/** The cancel link: `getRegistrationCancelPage`, which only shows a button (opening it cancels nothing). */
export const cancelUrl = (publicUrl: string, r: RegistrationRow, token: string) =>
  `${publicUrl}/v1/registrations/${r.id}/cancel?token=${encodeURIComponent(token)}`;

/** Queues one registrant's e-mail, with their personal `.ics` attached, in the caller's transaction. */
export async function sendRegistrationMail(db: Kysely<DB>, ctx: AppContext, m: RegistrationMail): Promise<void> {
  const { event: e, registration: r } = m;
  const lang = langOf(r.locale);
  const t = LINES[lang];
  const title = pick(e.title, lang) || e.slug;
  const cancel = m.cancelToken ? cancelUrl(ctx.config.publicUrl, r, m.cancelToken) : undefined;
  const joinUrl = r.status === 'confirmed' && e.status !== 'cancelled' ? e.join_url : null;
  const text: string[] = [`${t.hello} ${r.name},`, ''];
  if (m.kind === 'registration_waitlisted') text.push(`${t.waitlist} ${m.waitlistPosition ?? '?'}.`, '');
  if (m.kind === 'registration_promoted') text.push(t.promoted!, '');
  if (m.kind === 'registration_cancelled') text.push(t.cancelled!, '');
  if (m.kind === 'event_updated') text.push(t.updated!, '');
  if (m.kind === 'event_cancelled') {
    text.push(t.eventCancelled!);
    const reason = pick(readReason(e.cancellation_reason), lang);
    if (reason) text.push(`${t.reason}: ${reason}`);
    text.push('');
  }
  text.push(title, `${t.when}: ${when(e, lang)}`);
  const where = e.location ? `${e.location.venue}, ${e.location.city}, ${e.location.country}` : t.online;
  text.push(`${t.where}: ${where}`);
  if (joinUrl) text.push(`${t.join}: ${joinUrl}`);
  if (m.kind !== 'registration_cancelled' && m.kind !== 'event_cancelled') {
    text.push('', `${t.calendar}: ${icsUrl(ctx.config.publicUrl, r)}`);
    if (cancel) text.push(`${t.cancel}: ${cancel}`);
  }
  await ctx.mailer.enqueue(db, {
    to: r.email,
    subject: SUBJECTS[m.kind][lang](title),
    text: text.join('\n'),
    kind: m.kind,
    organisation: e.organiser_slug,
    attachment: {
      filename: icsDisposition(e.slug).replace(/^attachment; filename="|"$/g, ''),
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: eventCalendar(e, lang, ctx.config.publicUrl, { registration: r, cancelUrl: cancel }),
    },
  });
}

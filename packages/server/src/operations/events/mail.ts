import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../http/types.js';
import { type MailLocale, mailLanguageOf } from '../../mail/document.js';
import { qrPicture } from '../../mail/qr.js';
import { sendMail } from '../../mail/send.js';
import type { EventKind } from '../../mail/texts.js';
import { eventCalendar, icsDisposition } from './calendar.js';
import { type EventRow, formatCheckInCode, icsUrl, type RegistrationRow, readReason } from './model.js';

/** The language of a registrant's mail and pages, from the locale they registered in. */
export const langOf = (locale: string): MailLocale => mailLanguageOf(locale) ?? 'en';

/** The mails that carry a confirmed registrant's check-in code: they may be all the registrant keeps. */
const WITH_CHECK_IN: readonly EventKind[] = ['registration_confirmed', 'registration_promoted', 'event_updated'];

/** The check-in code and its QR code, for a confirmed registration of an event that takes place. */
function checkIn(m: RegistrationMail) {
  if (!WITH_CHECK_IN.includes(m.kind) || m.registration.status !== 'confirmed' || m.event.status === 'cancelled')
    return null;
  const code = formatCheckInCode(m.registration.check_in_code);
  return { code, picture: qrPicture(code, code) };
}

export interface RegistrationMail {
  kind: EventKind;
  event: EventRow;
  registration: RegistrationRow;
  /** Only right after registering: the plain token exists nowhere else. */
  cancelToken?: string | undefined;
  waitlistPosition?: number | null | undefined;
}

/** The cancel link: `getRegistrationCancelPage`, which only shows a button (opening it cancels nothing). */
export const cancelUrl = (publicUrl: string, r: RegistrationRow, token: string) =>
  `${publicUrl}/v1/registrations/${r.id}/cancel?token=${encodeURIComponent(token)}`;

/** Queues one registrant's e-mail (texts in `src/mail/texts.ts`), with their personal `.ics` attached, in the caller's transaction. */
export async function sendRegistrationMail(db: Kysely<DB>, ctx: AppContext, m: RegistrationMail): Promise<void> {
  const { event: e, registration: r } = m;
  const cancel = m.cancelToken ? cancelUrl(ctx.config.publicUrl, r, m.cancelToken) : undefined;
  const cancellation = m.kind === 'registration_cancelled' || m.kind === 'event_cancelled';
  // No caller text (not even the name typed into the form) in mail to an address nobody verified.
  await sendMail(db, ctx.mailer, {
    kind: m.kind,
    to: r.email,
    organisation: e.organiser_slug,
    // Chosen at registration: the form's locale, else Accept-Language, else the organiser's first.
    locales: [r.locale],
    data: {
      title: Object.keys(e.title ?? {}).length ? e.title : { en: e.slug },
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      timeZone: e.time_zone,
      location: e.location,
      joinUrl: r.status === 'confirmed' && e.status !== 'cancelled' ? e.join_url : null,
      calendarUrl: cancellation ? null : icsUrl(ctx.config.publicUrl, r),
      cancelUrl: cancellation ? null : (cancel ?? null),
      waitlistPosition: m.waitlistPosition ?? null,
      reason: m.kind === 'event_cancelled' ? readReason(e.cancellation_reason) : null,
      checkIn: checkIn(m),
    },
    attachment: (locale) => ({
      filename: icsDisposition(e.slug).replace(/^attachment; filename="|"$/g, ''),
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: eventCalendar(e, locale, ctx.config.publicUrl, { registration: r, cancelUrl: cancel }),
    }),
  });
}

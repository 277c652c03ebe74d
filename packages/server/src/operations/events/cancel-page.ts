import { createHash } from 'node:crypto';
import type { operations } from '@mahjar/sdk';
import type { HandlerResult, Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { langOf } from './mail.js';
import { cancelTokenMatches, type EventRow, pick, type RegistrationRow } from './model.js';

type Lang = 'en' | 'ar' | 'fr';

const STRINGS = {
  en: {
    confirmTitle: 'Cancel your registration?',
    confirmLead: 'If you cannot come, cancel below: your seat goes to the next person on the waitlist.',
    registeredAs: 'Registered as',
    waitlisted: 'You are on the waitlist.',
    eventCancelled: 'The organiser has cancelled this event.',
    button: 'Cancel my registration',
    doneTitle: 'Your registration is cancelled',
    doneLead: 'Thank you for letting us know. A confirmation is on its way by e-mail.',
    alreadyTitle: 'This registration was already cancelled',
    alreadyLead: 'There is nothing more to do.',
    invalidTitle: 'This cancel link is not valid',
    invalidLead: 'Please use the link from your most recent registration e-mail.',
    online: 'Online',
  },
  fr: {
    confirmTitle: 'Annuler votre inscription ?',
    confirmLead:
      'Si vous ne pouvez pas venir, annulez ci-dessous : votre place ira à la prochaine personne sur la liste d’attente.',
    registeredAs: 'Inscription au nom de',
    waitlisted: 'Vous êtes sur la liste d’attente.',
    eventCancelled: 'L’organisateur a annulé cet événement.',
    button: 'Annuler mon inscription',
    doneTitle: 'Votre inscription est annulée',
    doneLead: 'Merci de nous avoir prévenus. Une confirmation vous est envoyée par e-mail.',
    alreadyTitle: 'Cette inscription était déjà annulée',
    alreadyLead: 'Vous n’avez rien d’autre à faire.',
    invalidTitle: 'Ce lien d’annulation n’est pas valide',
    invalidLead: 'Utilisez le lien de votre dernier e-mail d’inscription.',
    online: 'En ligne',
  },
  ar: {
    confirmTitle: 'هل تريد إلغاء تسجيلك؟',
    confirmLead: 'إذا لم تستطع الحضور، ألغِ تسجيلك أدناه ليذهب مقعدك إلى أول شخص على قائمة الانتظار.',
    registeredAs: 'التسجيل باسم',
    waitlisted: 'أنت على قائمة الانتظار.',
    eventCancelled: 'ألغى المنظم هذه الفعالية.',
    button: 'ألغِ تسجيلي',
    doneTitle: 'تم إلغاء تسجيلك',
    doneLead: 'شكراً لإعلامنا. سيصلك تأكيد بالبريد الإلكتروني.',
    alreadyTitle: 'هذا التسجيل ملغى من قبل',
    alreadyLead: 'لا حاجة إلى أي إجراء آخر.',
    invalidTitle: 'رابط الإلغاء هذا غير صالح',
    invalidLead: 'يرجى استخدام الرابط الوارد في آخر رسالة تسجيل وصلتك.',
    online: 'عبر الإنترنت',
  },
} as const satisfies Record<Lang, Record<string, string>>;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}' +
  'h1{font-size:1.5rem}.event{font-size:1.15rem;margin-block-end:.25rem}.note{font-weight:700}' +
  'button{font:inherit;padding:.6rem 1.4rem;margin-block-start:1rem}';

/** Only the stylesheet above; no script at all; the form may post to this server only. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers of every cancel page: the URL carries the token, so nothing keeps or forwards it. */
const HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Start to end in the event's own time zone, e.g. "Wednesday, October 14, 2026, 1:00 – 2:30 PM EDT". */
export function eventTimes(e: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'>, lang: Lang): string {
  const format = new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: e.time_zone,
    timeZoneName: 'short',
  });
  return `${format.formatRange(e.starts_at, e.ends_at)} (${e.time_zone})`;
}

export type CancelPageKind = 'confirm' | 'done' | 'already' | 'invalid';

export interface CancelPageInput {
  kind: CancelPageKind;
  locale: string;
  /** Absent for `invalid`: a wrong link reveals nothing about any registration. */
  registration?: RegistrationRow | undefined;
  event?: EventRow | undefined;
  /** The plain cancel token, for the confirm page's form. */
  cancelToken?: string | undefined;
}

/**
 * The cancel link's pages: static HTML in the registrant's language, no script (served under a CSP
 * that allows none), and for `confirm` a plain form that posts the token to `cancelRegistration`.
 */
export function renderCancelPage(p: CancelPageInput): string {
  const lang = langOf(p.locale);
  const t = STRINGS[lang];
  const texts: Record<CancelPageKind, [title: string, lead: string]> = {
    confirm: [t.confirmTitle, t.confirmLead],
    done: [t.doneTitle, t.doneLead],
    already: [t.alreadyTitle, t.alreadyLead],
    invalid: [t.invalidTitle, t.invalidLead],
  };
  const [title, lead] = texts[p.kind];
  const parts: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  const { event: e, registration: r } = p;
  if (e && r && p.kind !== 'invalid') {
    const where = e.location ? `${e.location.venue}, ${e.location.city}, ${e.location.country}` : t.online;
    parts.push(
      `<p class="event"><strong>${escapeHtml(pick(e.title, lang) || e.slug)}</strong></p>`,
      `<p><time datetime="${e.starts_at.toISOString()}">${escapeHtml(eventTimes(e, lang))}</time></p>`,
      `<p>${escapeHtml(where)}</p>`,
    );
    if (p.kind === 'confirm') {
      parts.push(`<p>${escapeHtml(t.registeredAs)} ${escapeHtml(r.name)}</p>`);
      if (r.status === 'waitlisted') parts.push(`<p>${escapeHtml(t.waitlisted)}</p>`);
      if (e.status === 'cancelled') parts.push(`<p class="note">${escapeHtml(t.eventCancelled)}</p>`);
    }
  }
  parts.push(`<p${p.kind === 'confirm' ? '' : ' role="status"'}>${escapeHtml(lead)}</p>`);
  if (p.kind === 'confirm' && r && p.cancelToken) {
    parts.push(
      `<form method="post" action="/v1/registrations/${escapeHtml(r.id)}/cancel">` +
        `<input type="hidden" name="cancelToken" value="${escapeHtml(p.cancelToken)}">` +
        `<button type="submit">${escapeHtml(t.button)}</button></form>`,
    );
  }
  return (
    `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${parts.join('')}</main></body></html>`
  );
}

type CancelResult = HandlerResult<operations['cancelRegistration']>;

/**
 * `cancelRegistration`'s answer to a form post: an HTML page with the contract's status for it
 * (200 cancelled, 404 wrong link, 409 already cancelled). `HandlerResult` types only the 2xx
 * answers; the router sends any status it is given, and the contract declares `text/html` for
 * these 4xx, hence the one cast.
 */
export function cancelPageResult(status: 200 | 404 | 409, input: CancelPageInput): CancelResult {
  return { status, mediaType: 'text/html', body: renderCancelPage(input), headers: { ...HEADERS } } as CancelResult;
}

/**
 * The page the e-mail's cancel link opens. Reads only: mail scanners and link previews follow
 * links, so only the page's button (a form post to `cancelRegistration`) cancels.
 */
export const getRegistrationCancelPage: Handlers['getRegistrationCancelPage'] = async ({ db, path, query }) => {
  const r = await db.selectFrom('registrations').selectAll().where('id', '=', path.id).executeTakeFirst();
  // A wrong token looks exactly like an unknown registration.
  if (!r || !cancelTokenMatches(query.token, r.cancel_token_hash)) {
    throw new ProblemError('not-found', 'No such registration, or the cancel token does not match.');
  }
  const event = await db.selectFrom('events').selectAll().where('id', '=', r.event_id).executeTakeFirstOrThrow();
  const html = renderCancelPage({
    kind: r.status === 'cancelled' ? 'already' : 'confirm',
    locale: r.locale,
    registration: r,
    event,
    cancelToken: query.token,
  });
  return { status: 200, mediaType: 'text/html', body: html, headers: { ...HEADERS } };
};

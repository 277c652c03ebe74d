import { type CalendarEvent, type CalendarEventStatus, formatCalendar } from '../../ical.js';
import { type EventRow, formatCheckInCode, pick, type RegistrationRow, readReason } from './model.js';

export const eventUid = (e: Pick<EventRow, 'id'>) => `${e.id}@mahjar.dev`;

function place(e: EventRow): string | undefined {
  if (!e.location) return undefined;
  const { venue, city, country } = e.location;
  return `${venue}, ${city}, ${country}`;
}

function eventStatus(e: EventRow): CalendarEventStatus {
  if (e.status === 'cancelled') return 'CANCELLED';
  return e.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED';
}

export interface Personal {
  registration: RegistrationRow;
  /** Only the registrant's own e-mail has it: the stored hash cannot give it back. */
  cancelUrl?: string | undefined;
}

/**
 * One event as a VEVENT. Without `personal` it is the public view: never the join link. With it,
 * a confirmed registrant's copy carries the join link (URL, and LOCATION for online events), and
 * the registrant's cancel link when known.
 */
export function calendarEvent(e: EventRow, locale: string, publicUrl: string, personal?: Personal): CalendarEvent {
  const r = personal?.registration;
  const joinUrl = r?.status === 'confirmed' && e.status !== 'cancelled' ? e.join_url : null;
  const lines: string[] = [];
  const description = pick(e.description, locale);
  if (description) lines.push(description);
  if (e.speakers?.length) {
    lines.push(
      `Speakers: ${e.speakers.map((s) => (s.affiliation ? `${s.name} (${s.affiliation})` : s.name)).join('; ')}`,
    );
  }
  if (e.cme_credits !== null && Number(e.cme_credits) > 0) lines.push(`CME credits: ${Number(e.cme_credits)}`);
  if (e.status === 'cancelled') {
    const reason = pick(readReason(e.cancellation_reason), locale);
    lines.push(reason ? `Cancelled: ${reason}` : 'Cancelled by the organiser.');
  }
  if (joinUrl) lines.push(`Join: ${joinUrl}`);
  // what the registrant shows at the entrance (the QR code of the confirmation mail carries the same)
  if (r?.status === 'confirmed' && e.status !== 'cancelled')
    lines.push(`Check-in code: ${formatCheckInCode(r.check_in_code)}`);
  if (r?.status === 'waitlisted') lines.push('You are on the waitlist; we will e-mail you if a seat frees up.');
  if (personal?.cancelUrl && r?.status !== 'cancelled') lines.push(`Cancel your registration: ${personal.cancelUrl}`);
  if (e.recording_url) lines.push(`Recording: ${e.recording_url}`);

  let status = eventStatus(e);
  if (r?.status === 'cancelled') status = 'CANCELLED';
  else if (r?.status === 'waitlisted' && status === 'CONFIRMED') status = 'TENTATIVE';

  return {
    uid: eventUid(e),
    stamp: r && r.updated_at > e.updated_at ? r.updated_at : e.updated_at,
    start: e.starts_at,
    end: e.ends_at,
    sequence: e.sequence,
    status,
    summary: pick(e.title, locale) || e.slug,
    description: lines.join('\n\n'),
    location: place(e) ?? (joinUrl && e.mode === 'online' ? joinUrl : e.mode === 'online' ? 'Online' : undefined),
    url: joinUrl ?? `${publicUrl}/v1/events/${e.id}/ics`,
    categories: [e.kind.toUpperCase().replace(/_/g, '-')],
    timeZone: e.time_zone,
    created: e.created_at,
    lastModified: e.updated_at,
  };
}

export function eventCalendar(e: EventRow, locale: string, publicUrl: string, personal?: Personal): string {
  return formatCalendar({
    method: 'PUBLISH',
    timeZone: e.time_zone,
    events: [calendarEvent(e, locale, publicUrl, personal)],
  });
}

/** `attachment; filename="<slug>.ics"`, ASCII only as the header schema requires. */
export function icsDisposition(slug: string): string {
  return `attachment; filename="${slug.replace(/[^a-z0-9-]/g, '')}.ics"`;
}

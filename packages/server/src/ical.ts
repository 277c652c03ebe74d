/**
 * A small iCalendar (RFC 5545) writer: just what event files and feeds need, written out so the
 * rules are visible. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
 * sequence (§3.1); TEXT values escape `\ ; ,` and newlines (§3.3.11); times are UTC with `Z`
 * (§3.3.5 form 2), so no VTIMEZONE is needed and the instants are exact across DST changes. The
 * organiser's zone travels as `X-WR-TIMEZONE` (calendar) and `X-MAHJAR-TIMEZONE` (event), which
 * clients use only for display.
 */

export type CalendarEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface CalendarEvent {
  /** Globally unique and stable for the event, e.g. `<uuid>@mahjar.dev`. */
  uid: string;
  /** When this version of the event information was produced (DTSTAMP). */
  stamp: Date;
  start: Date;
  end: Date;
  /** Revision number; a calendar replaces its copy when this grows. */
  sequence: number;
  status: CalendarEventStatus;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  /** A URI (not escaped as TEXT); control characters are removed. */
  url?: string | undefined;
  categories?: string[] | undefined;
  /** IANA zone of the organiser, for display only (times are UTC). */
  timeZone?: string | undefined;
  created?: Date | undefined;
  lastModified?: Date | undefined;
}

export interface Calendar {
  /** `X-WR-CALNAME`, the name a subscribed calendar gets. */
  name?: string | undefined;
  /** `PUBLISH` for feeds and files meant to be imported. */
  method?: 'PUBLISH' | undefined;
  timeZone?: string | undefined;
  events: CalendarEvent[];
}

export const PRODID = '-//Mahjar//Events//EN';
const MAX_OCTETS = 75;

/** `20261014T170000Z` (UTC, seconds precision). */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma, and every kind of line break as `\n`. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point (RFC 5545 §3.3.11 forbids them in TEXT).
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
  );
}

/** A URI value: kept verbatim apart from characters that could break the line structure. */
function uriValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and spaces are what must not reach a URI value.
  return value.replace(/[\u0000-\u001F\u007F\s]/g, '');
}

/**
 * Folds one content line: no physical line longer than 75 octets, continuation lines start with
 * one space (which counts towards their 75). Splits only between code points, never inside a
 * UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(e: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.stamp)}`,
    `DTSTART:${formatUtc(e.start)}`,
    `DTEND:${formatUtc(e.end)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `STATUS:${e.status}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.created) lines.push(`CREATED:${formatUtc(e.created)}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${uriValue(e.url)}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.timeZone) lines.push(`X-MAHJAR-TIMEZONE:${escapeText(e.timeZone)}`);
  lines.push(`TRANSP:${e.status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT');
  return lines;
}

/** Serialises a calendar: CRLF after every line (including the last), long lines folded. */
export function formatCalendar(calendar: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN'];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  if (calendar.timeZone) lines.push(`X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`);
  for (const e of calendar.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

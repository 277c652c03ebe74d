/**
 * Wall-clock times in an event's own IANA time zone, converted to and from the UTC instants the
 * API speaks, with `Intl` alone (no date library). A `datetime-local` value (`2026-03-29T02:30`)
 * names a time on the organiser's clocks, not the browser's.
 *
 * Times that do not exist (the hour skipped when clocks go forward) and times that happen twice
 * (the hour repeated when they go back) are resolved as Temporal's `disambiguation: 'compatible'`
 * does, so the console agrees with calendars: a skipped time moves forward by the gap (02:30 on
 * the night Paris skips from 02:00 to 03:00 is 03:30), a repeated time is the earlier of the two.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `instant` in `timeZone`, as milliseconds of the same fields read as UTC. */
function wallClock(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  date.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return date.getTime();
}

/** The zone's offset from UTC at `instant`, in milliseconds (Beirut in summer: +3 h). */
export const offsetAt = (instant: number, timeZone: string) =>
  wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY = 86_400_000;

/**
 * The UTC instant (RFC 3339) at which clocks in `timeZone` show the wall time `local`
 * (`YYYY-MM-DDTHH:mm`, a `datetime-local` value). Empty or malformed input gives `''`, for the
 * API to refuse at its field.
 */
export function zonedToInstant(local: string, timeZone: string): string {
  const match = LOCAL.exec(local);
  if (!match) return '';
  const [, year, month, day, hour, minute, second] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
  );
  // The offsets a day either side: at most one change of the clocks lies between them.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  // Repeated: the earlier; skipped: read with the offset in force before the change, which lands
  // as far past the gap as the time was into it.
  const instant = candidates[0] ?? wall - before;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** The wall time (`YYYY-MM-DDTHH:mm`, for a `datetime-local` input) that clocks in `timeZone` show at `instant`. */
export function instantToZoned(instant: string, timeZone: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return '';
  return new Date(wallClock(time, timeZone)).toISOString().slice(0, 16);
}

/** The IANA zones this browser knows, sorted, with `UTC` and `keep` (an event's own zone) always among them. */
export function timeZones(keep?: string): string[] {
  const known: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, 'UTC', ...(keep ? [keep] : [])])].sort();
}

/** The browser's own zone, or UTC when it has none the API would take. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// Calendar arithmetic with `Intl` only (no date library, no Temporal). Days are "civil days":
// whole days since 1970-01-01 of a wall-clock calendar, computed in UTC so they never see DST.
// Instants are placed on civil days in a given IANA zone by `Intl.DateTimeFormat`, which knows
// every zone's daylight-saving rules in both hemispheres.

const DAY = 864e5;
const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter (formatters are costly to build and a month renders hundreds of times). */
export const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = locale + JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
};

/** The viewer's zone as the browser reports it. */
export const localZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The civil day of an instant in a zone. */
export function dayOf(at: Date | string, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const { type, value } of dateFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(at)))
    p[type] = value;
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!) / DAY;
}

/** Civil day ↔ its UTC midnight `Date` (only ever formatted with `timeZone: 'UTC'`). */
export const dateOf = (d: number): Date => new Date(d * DAY);
export const civil = (y: number, m: number, d: number): number => Date.UTC(y, m, d) / DAY;
/** A civil date: its year, month (0–11) and day of the month. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}
export const civilDate = (civilDay: number): CivilDate => {
  const date = dateOf(civilDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
};
/** Day of the week, 1 = Monday … 7 = Sunday (as `Intl.Locale` week info counts). */
export const weekday = (d: number): number => ((dateOf(d).getUTCDay() + 6) % 7) + 1;

// Regions whose week starts on Sunday or Saturday (CLDR weekData), for browsers without week info.
const SUN =
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW';
const SAT = 'AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY';

/** First day of the week (1 = Monday … 7 = Sunday) in the viewer's locale. */
export function firstDay(locale: string): number {
  try {
    const intlLocale = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?(): { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = intlLocale.getWeekInfo?.() ?? intlLocale.weekInfo;
    if (info) return info.firstDay;
    const region = intlLocale.maximize().region;
    return region && SUN.includes(region) ? 7 : region && SAT.includes(region) ? 6 : 1;
  } catch {
    return 1;
  }
}

/** The weeks (rows of 7 civil days) that show `month` of `year`. */
export function monthWeeks(year: number, month: number, first: number): number[][] {
  const start = civil(year, month, 1);
  const end = civil(year, month + 1, 1);
  let day = start - ((weekday(start) - first + 7) % 7);
  const weeks: number[][] = [];
  while (day < end) weeks.push(Array.from({ length: 7 }, () => day++));
  return weeks;
}

/**
 * A zone as a reader names it, from `Intl`'s locale data, never from its id: browsers report some
 * zones by legacy ids (Chromium says `Asia/Calcutta` in Kolkata, and no `Intl` call gives the current
 * IANA id), so the id is never shown. The short generic name (`Sydney Time`, `India Time`,
 * `توقيت لبنان`) unless it is an abbreviation (`ET`) or, for Arabic readers, holds Latin letters;
 * then the long one (`Eastern Time`, `توقيت شرق أستراليا`).
 */
export function city(zone: string, intl = 'en'): string {
  const short = zoneName(zone, intl, 'shortGeneric');
  return /^[A-Z]{2,5}$/.test(short) || (intl.startsWith('ar') && /[a-z]/i.test(short))
    ? zoneName(zone, intl, 'longGeneric')
    : short;
}

/** Whether two zone ids name the same zone (`Asia/Kolkata` and its legacy `Asia/Calcutta` do). */
export const sameZone = (a: string, b: string): boolean =>
  a === b ||
  dateFormat('en', { timeZone: a }).resolvedOptions().timeZone ===
    dateFormat('en', { timeZone: b }).resolvedOptions().timeZone;

const zoneName = (zone: string, intl: string, timeZoneName: 'shortGeneric' | 'longGeneric'): string =>
  dateFormat(intl, { timeZone: zone, timeZoneName })
    .formatToParts(Date.now())
    .find((p) => p.type === 'timeZoneName')?.value ?? zone;

/** A time of day in a zone (`19:00`, `7:00 PM`), with the day when it differs from `day`. */
export function clock(at: string, zone: string, locale: string, day?: number): string {
  const t = dateFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(at));
  return day === undefined || dayOf(at, zone) === day
    ? t
    : `${dateFormat(locale, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(at))} ${t}`;
}

/** `20261014T170000Z`: the basic ISO form calendar links use. */
export const basic = (at: string): string => new Date(at).toISOString().replace(/[-:]|\.\d+/g, '');

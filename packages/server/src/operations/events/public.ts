import { LOCALES } from '../../http/input.js';
import type { Handlers } from '../../http/types.js';
import { formatCalendar } from '../../ical.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { calendarEvent, eventCalendar, icsDisposition } from './calendar.js';
import { pick, toEvent } from './model.js';

const DAY = 86_400_000;
/** How far back the organiser feed reaches, so yesterday's webinar stays in subscribers' calendars. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 2000;
const CALENDAR_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

function parseInstant(value: string | undefined, pointer: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new ProblemError('validation', `${pointer} is not a date-time`, {
      errors: [{ pointer, detail: 'is not a date-time' }],
    });
  }
  return d;
}

/** Calendar files are read by applications that send no Accept-Language: then the event's own language. */
function calendarLocale(acceptLanguage: string | string[] | undefined, negotiated: string, eventLanguage?: string) {
  if (acceptLanguage) return negotiated;
  return eventLanguage && LOCALES.includes(eventLanguage) ? eventLanguage : 'en';
}

type Ops = 'listEvents' | 'getEvent' | 'getEventIcs' | 'getEventsFeed';

export const publicEventHandlers: Pick<Handlers, Ops> = {
  async listEvents({ db, query, ctx }) {
    const now = ctx.now();
    const from = parseInstant(query.from, '/query/from') ?? now;
    const to = parseInstant(query.to, '/query/to');
    if (to && to <= from) {
      throw new ProblemError('validation', 'to must be after from.', {
        errors: [{ pointer: '/query/to', detail: 'must be after from' }],
      });
    }
    if (to && to.getTime() - from.getTime() > 400 * DAY) {
      throw new ProblemError('validation', 'The range may span at most 400 days.', {
        errors: [{ pointer: '/query/to', detail: 'must be at most 400 days after from' }],
      });
    }
    let q = db.selectFrom('events').selectAll().where('ends_at', '>', from);
    if (to) q = q.where('starts_at', '<', to);
    if (query.kind?.length) q = q.where('kind', 'in', query.kind);
    if (query.organiser?.length) q = q.where('organiser_slug', 'in', query.organiser);
    if (query.language?.length) q = q.where('language', 'in', query.language);
    if (query.priorityArea?.length) q = q.where('priority_area', 'in', query.priorityArea);
    if (query.mode?.length) q = q.where('mode', 'in', query.mode);
    if (query.status?.length) q = q.where('status', 'in', query.status);
    const { items, nextCursor } = await keysetPage(q, query, [
      { by: 'starts_at', kind: 'instant' },
      { by: 'id', kind: 'uuid' },
    ]);
    return { status: 200, body: { items: items.map(toEvent), nextCursor } };
  },

  async getEvent({ db, path }) {
    const row = await db.selectFrom('events').selectAll().where('id', '=', path.id).executeTakeFirst();
    if (!row) throw new ProblemError('not-found', 'No such event.');
    return { status: 200, body: toEvent(row) };
  },

  async getEventIcs({ db, path, ctx, locale, acceptLanguage }) {
    const row = await db.selectFrom('events').selectAll().where('id', '=', path.id).executeTakeFirst();
    if (!row) throw new ProblemError('not-found', 'No such event.');
    const lang = calendarLocale(acceptLanguage, locale, row.language);
    return {
      status: 200,
      mediaType: 'text/calendar',
      body: eventCalendar(row, lang, ctx.config.publicUrl),
      headers: { 'Cache-Control': CALENDAR_CACHE, 'Content-Disposition': icsDisposition(row.slug) },
    };
  },

  async getEventsFeed({ db, path, ctx, locale, acceptLanguage }) {
    const org = await db.selectFrom('organisations').selectAll().where('slug', '=', path.slug).executeTakeFirst();
    if (!org) throw new ProblemError('not-found', `No organisation ${path.slug}.`);
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('organiser_slug', '=', org.slug)
      .where('ends_at', '>=', new Date(ctx.now().getTime() - FEED_PAST_DAYS * DAY))
      .orderBy('starts_at')
      .orderBy('id')
      .limit(FEED_MAX_EVENTS)
      .execute();
    const lang = calendarLocale(acceptLanguage, locale, org.locales[0]);
    // The zone most of the organiser's events use, as the calendar's display default.
    const zones = new Map<string, number>();
    for (const r of rows) zones.set(r.time_zone, (zones.get(r.time_zone) ?? 0) + 1);
    const timeZone = [...zones.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const name = pick(org.name, lang) || org.slug;
    return {
      status: 200,
      mediaType: 'text/calendar',
      body: formatCalendar({
        method: 'PUBLISH',
        name: lang === 'ar' ? `فعاليات ${name}` : lang === 'fr' ? `Événements ${name}` : `${name} events`,
        timeZone,
        events: rows.map((r) => calendarEvent(r, lang, ctx.config.publicUrl)),
      }),
      headers: { 'Cache-Control': CALENDAR_CACHE },
    };
  },
};

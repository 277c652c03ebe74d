import { randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { escapeText, foldLine, formatCalendar, formatUtc } from '../../src/ical.js';
import { forEachApiEngine, reversedKeys } from './harness.js';

type EventInput = components['schemas']['EventInput'];
type Registration = components['schemas']['Registration'];

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// A tiny iCalendar reader for the assertions: checks the physical format, unfolds, splits.

interface Prop {
  name: string;
  params: string;
  value: string;
}
interface ParsedCalendar {
  props: Prop[];
  events: Prop[][];
  raw: string;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function parseIcs(raw: string): ParsedCalendar {
  expect(raw.endsWith('\r\n'), 'ends with CRLF').toBe(true);
  const physical = raw.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n') || line.includes('\r'), `bare line break in ${JSON.stringify(line)}`).toBe(false);
    expect(Buffer.byteLength(line, 'utf8'), `line longer than 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const props = logical.map((l) => {
    const colon = l.indexOf(':');
    const head = l.slice(0, colon);
    const semi = head.indexOf(';');
    return {
      name: semi < 0 ? head : head.slice(0, semi),
      params: semi < 0 ? '' : head.slice(semi + 1),
      value: l.slice(colon + 1),
    };
  });
  expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
  expect(props.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
  const events: Prop[][] = [];
  let current: Prop[] | undefined;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') current = [];
    else if (p.name === 'END' && p.value === 'VEVENT') {
      events.push(current!);
      current = undefined;
    } else current?.push(p);
  }
  return { props, events, raw };
}

const prop = (ev: Prop[], name: string) => ev.find((p) => p.name === name)?.value;

// ---------------------------------------------------------------------------------------------
// iCalendar writer, without a server

describe('iCalendar writer', () => {
  it.each([
    ['comma', 'a,b', 'a\\,b'],
    ['semicolon', 'a;b', 'a\\;b'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['LF', 'a\nb', 'a\\nb'],
    ['CRLF', 'a\r\nb', 'a\\nb'],
    ['CR', 'a\rb', 'a\\nb'],
    ['all at once', '\\;,\n', '\\\\\\;\\,\\n'],
    ['colon stays', 'Note: x', 'Note: x'],
  ])('escapes %s in TEXT', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
    expect(unescapeText(escapeText(input))).toBe(input.replace(/\r\n|\r/g, '\n'));
  });

  it.each([
    ['ASCII', 'x'.repeat(200)],
    ['exactly 75 octets', 'y'.repeat(75)],
    ['76 octets', 'y'.repeat(76)],
    ['Arabic (2-octet)', `SUMMARY:${'مرحبا بالعالم '.repeat(20)}`],
    ['CJK (3-octet)', `SUMMARY:${'漢字'.repeat(60)}`],
    ['emoji (4-octet, surrogate pairs)', `SUMMARY:${'🩺❤️'.repeat(40)}`],
    ['mixed', `DESCRIPTION:a${'é🩺ب'.repeat(50)}`],
  ])('folds %s at 75 octets without splitting a character', (_name, line) => {
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    parts.forEach((p, i) => {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // every part is valid UTF-8 on its own: no sequence was cut
      expect(Buffer.from(Buffer.from(p, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(p, 'utf8'))).toBe(true);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$/);
    });
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    if (Buffer.byteLength(line) <= 75) expect(parts).toHaveLength(1);
  });

  it('writes UTC instants and CRLF everywhere', () => {
    expect(formatUtc(new Date('2026-10-14T17:00:00.123Z'))).toBe('20261014T170000Z');
    const text = formatCalendar({
      method: 'PUBLISH',
      events: [
        {
          uid: 'x@mahjar.dev',
          stamp: new Date('2026-01-01T00:00:00Z'),
          start: new Date('2026-03-29T00:30:00Z'),
          end: new Date('2026-03-29T01:30:00Z'),
          sequence: 2,
          status: 'CANCELLED',
          summary: 'S',
        },
      ],
    });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const ev = parseIcs(text).events[0]!;
    expect(prop(ev, 'DTSTART')).toBe('20260329T003000Z');
    expect(prop(ev, 'SEQUENCE')).toBe('2');
    expect(prop(ev, 'STATUS')).toBe('CANCELLED');
  });
});

// ---------------------------------------------------------------------------------------------

forEachApiEngine('events', (env) => {
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });
  const pub = (org = 'ilma-usa') => env().client({ org });

  function eventInput(overrides: Partial<EventInput> = {}): EventInput {
    const start = new Date(Date.now() + 10 * DAY);
    start.setUTCMinutes(0, 0, 0);
    return {
      kind: 'webinar',
      title: { en: `Test webinar ${randomUUID().slice(0, 8)}` },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      timeZone: 'America/Chicago',
      mode: 'online',
      joinUrl: `https://meet.example.org/j/${randomUUID()}`,
      language: 'en',
      waitlistEnabled: false,
      ...overrides,
    };
  }

  async function createEvent(overrides: Partial<EventInput> = {}, org = 'ilma-usa') {
    const { data, response, error } = await admin(org).POST('/v1/admin/events', { body: eventInput(overrides) });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(201);
    return data!;
  }

  let seq = 0;
  const email = (tag: string) => `${tag}-${++seq}-${randomUUID().slice(0, 6)}@example.net`;

  async function register(eventId: string, who = email('person'), extra: { key?: string; locale?: string } = {}) {
    return pub().POST('/v1/events/{id}/registrations', {
      params: { path: { id: eventId }, header: extra.key ? { 'Idempotency-Key': extra.key } : {} },
      body: { name: 'Test Person', email: who, ...(extra.locale ? { locale: extra.locale } : {}) },
    });
  }

  const mails = (to: string) =>
    env()
      .db.selectFrom('outbox')
      .selectAll()
      .where(sql<string>`lower(to_address)`, '=', to.toLowerCase())
      .orderBy('created_at')
      .execute();

  const fetchText = async (path: string, headers: Record<string, string> = {}) => {
    const res = await env().fetch(path, { headers });
    return { res, text: await res.text() };
  };

  describe('listing', () => {
    async function allPages(query: Record<string, unknown>) {
      const ids: string[] = [];
      const items: components['schemas']['Event'][] = [];
      let cursor: string | undefined;
      do {
        const { data, response } = await pub().GET('/v1/events', {
          params: { query: { ...query, limit: 100, ...(cursor ? { cursor } : {}) } as never },
        });
        expect(response.status).toBe(200);
        items.push(...data!.items);
        ids.push(...data!.items.map((e) => e.id));
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      return { ids, items };
    }

    const from = new Date(Date.now() - 90 * DAY).toISOString();
    const to = new Date(Date.now() + 300 * DAY).toISOString();

    it.each([
      ['no filter', {}, {}],
      ['kind', { kind: ['webinar', 'workshop'] }, { kind: ['webinar', 'workshop'] }],
      ['organiser', { organiser: ['ilma-usa', 'moph-lebanon'] }, { organiser_slug: ['ilma-usa', 'moph-lebanon'] }],
      ['language', { language: ['ar'] }, { language: ['ar'] }],
      [
        'priorityArea',
        { priorityArea: ['mental-health', 'health-workforce'] },
        { priority_area: ['mental-health', 'health-workforce'] },
      ],
      ['mode', { mode: ['hybrid', 'in_person'] }, { mode: ['hybrid', 'in_person'] }],
      ['status', { status: ['cancelled'] }, { status: ['cancelled'] }],
      ['two filters', { kind: ['webinar'], language: ['en'] }, { kind: ['webinar'], language: ['en'] }],
    ] as const)('lists the range with filter %s, exactly as the database has it', async (_name, filter, columns) => {
      let q = env()
        .db.selectFrom('events')
        .select(['id'])
        .where('ends_at', '>', new Date(from))
        .where('starts_at', '<', new Date(to))
        .orderBy('starts_at')
        .orderBy('id');
      for (const [col, values] of Object.entries(columns)) q = q.where(col as 'kind', 'in', values as never);
      const expected = (await q.execute()).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, items } = await allPages({ from, to, ...filter });
      expect(ids).toEqual(expected);
      for (const e of items) {
        expect(Date.parse(e.endsAt)).toBeGreaterThan(Date.parse(from));
        expect(Date.parse(e.startsAt)).toBeLessThan(Date.parse(to));
      }
      expect(JSON.stringify(items)).not.toMatch(/joinUrl|meet\.example\.org/);
    });

    it('without from lists only events that have not ended, in start order across small pages', async () => {
      const seen: components['schemas']['Event'][] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 4; page++) {
        const page: { data?: components['schemas']['EventPage'] } = await pub().GET('/v1/events', {
          params: { query: { limit: 5, ...(cursor ? { cursor } : {}) } },
        });
        seen.push(...page.data!.items);
        cursor = page.data!.nextCursor;
        if (!cursor) break;
      }
      expect(seen.length).toBeGreaterThan(5);
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      const now = Date.now();
      for (const e of seen) expect(Date.parse(e.endsAt)).toBeGreaterThan(now - 60_000);
      const keys = seen.map((e) => `${e.startsAt}|${e.id}`);
      expect(keys).toEqual([...keys].sort());
    });

    it.each([
      ['to before from', { from: '2026-10-01T00:00:00Z', to: '2026-09-01T00:00:00Z' }],
      ['more than 400 days', { from: '2026-01-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }],
      ['bad kind', { kind: ['party'] }],
      ['not a date', { from: 'yesterday' }],
      ['forged cursor', { cursor: Buffer.from('v1:nope').toString('base64url') }],
    ])('answers %s with a validation problem', async (_name, query) => {
      const { response, data, error } = await pub().GET('/v1/events', { params: { query: query as never } });
      expect(response.status).toBe(400);
      expect(data).toBeUndefined();
      expect(error?.type).toBe('https://mahjar.dev/problems/validation');
    });

    it('shows an event in detail without its join link, and 404s an unknown one', async () => {
      const created = await createEvent({ capacity: 30, cmeCredits: 1.5, priorityArea: 'mental-health' });
      const { data } = await pub().GET('/v1/events/{id}', { params: { path: { id: created.id } } });
      expect(data).toMatchObject({
        id: created.id,
        organiserSlug: 'ilma-usa',
        capacity: 30,
        seatsLeft: 30,
        cmeCredits: 1.5,
        priorityArea: 'mental-health',
        status: 'scheduled',
        description: null,
      });
      expect(data).not.toHaveProperty('joinUrl');
      expect(JSON.stringify(data)).not.toContain(created.joinUrl!);
      const missing = await pub().GET('/v1/events/{id}', { params: { path: { id: randomUUID() } } });
      expect(missing.response.status).toBe(404);
    });
  });

  describe('registration', () => {
    it('confirms while seats last, then waitlists, and a cancellation promotes the first in line', async () => {
      const ev = await createEvent({ capacity: 2, waitlistEnabled: true });
      const people = [email('a'), email('b'), email('c'), email('d')];
      const regs: Registration[] = [];
      for (const p of people) {
        const { data, response } = await register(ev.id, p);
        expect(response.status).toBe(201);
        regs.push(data!);
      }
      expect(regs.map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['confirmed', null],
        ['confirmed', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);
      expect(regs[0]!.joinUrl).toBe(ev.joinUrl);
      expect(regs[2]!.joinUrl).toBeNull();
      const detail = await pub().GET('/v1/events/{id}', { params: { path: { id: ev.id } } });
      expect(detail.data?.seatsLeft).toBe(0);
      expect((await mails(people[0]!)).map((m) => m.kind)).toEqual(['registration_confirmed']);
      expect((await mails(people[2]!)).map((m) => m.kind)).toEqual(['registration_waitlisted']);

      const wrong = await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: regs[1]!.id } },
        body: { cancelToken: regs[0]!.cancelToken },
      });
      expect(wrong.response.status).toBe(404);

      const cancelled = await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: regs[1]!.id } },
        body: { cancelToken: regs[1]!.cancelToken },
      });
      expect(cancelled.data).toMatchObject({ status: 'cancelled', joinUrl: null });
      const again = await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: regs[1]!.id } },
        body: { cancelToken: regs[1]!.cancelToken },
      });
      expect(again.response.status).toBe(200);
      expect(again.data?.status).toBe('cancelled');

      const list = await admin().GET('/v1/admin/events/{id}/registrations', { params: { path: { id: ev.id } } });
      const byEmail = new Map(list.data!.items.map((r) => [r.email, r]));
      expect(list.data?.total).toBe(4);
      expect(byEmail.get(people[1]!)?.status).toBe('cancelled');
      expect(byEmail.get(people[2]!)).toMatchObject({ status: 'confirmed', waitlistPosition: null });
      expect(byEmail.get(people[3]!)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      const promotedMail = (await mails(people[2]!)).at(-1)!;
      expect(promotedMail.kind).toBe('registration_promoted');
      expect(JSON.stringify(promotedMail.attachment)).toContain(ev.joinUrl!);
      expect((await mails(people[1]!)).at(-1)?.kind).toBe('registration_cancelled');
      expect((await mails(people[3]!)).map((m) => m.kind)).toEqual(['registration_waitlisted']);
    });

    it('answers event-full when no seat is left and there is no waitlist, writing nothing', async () => {
      const ev = await createEvent({ capacity: 1 });
      expect((await register(ev.id)).response.status).toBe(201);
      const before = await env().count('registrations');
      const { response, error } = await register(ev.id);
      expect(response.status).toBe(409);
      expect(error?.type).toBe('https://mahjar.dev/problems/event-full');
      expect(await env().count('registrations')).toBe(before);
    });

    it('gives the last seat to exactly one of many simultaneous registrations', async () => {
      const ev = await createEvent({ capacity: 1 });
      const results = await Promise.all(Array.from({ length: 6 }, () => register(ev.id)));
      const statuses = results.map((r) => r.response.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const rows = await env().db.selectFrom('registrations').select('status').where('event_id', '=', ev.id).execute();
      expect(rows).toEqual([{ status: 'confirmed' }]);
    });

    it.each([
      ['after registrationClosesAt', () => ({ registrationClosesAt: new Date(Date.now() - DAY).toISOString() })],
      [
        'once the event has started',
        () => ({
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      ],
    ])('answers registration-closed %s', async (_name, overrides) => {
      const ev = await createEvent(overrides());
      const before = await env().count('registrations');
      const { response, error } = await register(ev.id);
      expect(response.status).toBe(409);
      expect(error?.type).toBe('https://mahjar.dev/problems/registration-closed');
      expect(await env().count('registrations')).toBe(before);
    });

    it('answers event-cancelled for a cancelled event', async () => {
      const ev = await createEvent();
      await admin().POST('/v1/admin/events/{id}/cancel', {
        params: { path: { id: ev.id } },
        body: { notifyRegistrants: true },
      });
      const { response, error } = await register(ev.id);
      expect(response.status).toBe(409);
      expect(error?.type).toBe('https://mahjar.dev/problems/event-cancelled');
    });

    it('answers 404 for an unknown event', async () => {
      const { response } = await register(randomUUID());
      expect(response.status).toBe(404);
    });

    it('writes one registration for a double submit with the same Idempotency-Key, and replays it', async () => {
      const ev = await createEvent({ capacity: 10 });
      const key = randomUUID();
      const who = email('double');
      const [first, second] = await Promise.all([register(ev.id, who, { key }), register(ev.id, who, { key })]);
      const third = await register(ev.id, who, { key });
      for (const r of [first, second, third]) expect(r.response.status).toBe(201);
      expect(second.data).toEqual(first.data);
      expect(third.data).toEqual(first.data);
      expect(third.response.headers.get('idempotent-replayed')).toBe('true');
      const rows = await env().db.selectFrom('registrations').select('id').where('event_id', '=', ev.id).execute();
      expect(rows).toHaveLength(1);
      expect((await mails(who)).filter((m) => m.kind === 'registration_confirmed')).toHaveLength(1);
    });

    describe('the same Idempotency-Key again', () => {
      const send = (
        org: string,
        eventId: string,
        key: string,
        body: { name: string; email: string; locale?: string },
      ) =>
        pub(org).POST('/v1/events/{id}/registrations', {
          params: { path: { id: eventId }, header: { 'Idempotency-Key': key } },
          body,
        });
      const registrations = async (eventId: string) =>
        (await env().db.selectFrom('registrations').select('id').where('event_id', '=', eventId).execute()).length;

      it('replays the same registration sent with its keys in another order', async () => {
        const ev = await createEvent({ capacity: 10 });
        const key = randomUUID();
        const body = { name: 'Test Person', email: email('order'), locale: 'fr' };
        const first = await send('ilma-usa', ev.id, key, body);
        const second = await send('ilma-usa', ev.id, key, reversedKeys(body));
        expect(first.response.status).toBe(201);
        expect(second.response.status, JSON.stringify(second.error)).toBe(201);
        expect(second.response.headers.get('idempotent-replayed')).toBe('true');
        expect(second.data).toEqual(first.data);
        expect(await registrations(ev.id)).toBe(1);
      });

      it('refuses another registrant (idempotency-conflict), writing nothing', async () => {
        const ev = await createEvent({ capacity: 10 });
        const key = randomUUID();
        expect((await send('ilma-usa', ev.id, key, { name: 'First', email: email('first') })).response.status).toBe(
          201,
        );
        const other = email('other');
        const { response, error } = await send('ilma-usa', ev.id, key, { name: 'Other', email: other });
        expect(response.status).toBe(409);
        expect(error?.type).toBe('https://mahjar.dev/problems/idempotency-conflict');
        expect(await registrations(ev.id)).toBe(1);
        expect(await mails(other)).toEqual([]);
      });

      it('from another organisation is that organisation’s own key: a registration of its own', async () => {
        const ev = await createEvent({ capacity: 10 });
        const key = randomUUID();
        const a = await send('ilma-usa', ev.id, key, { name: 'From USA', email: email('usa') });
        const b = await send('imsa-iraq', ev.id, key, { name: 'From Iraq', email: email('iraq') });
        expect(a.response.status).toBe(201);
        expect(b.response.status, JSON.stringify(b.error)).toBe(201);
        expect(b.response.headers.get('idempotent-replayed')).toBeNull();
        expect(b.data!.id).not.toBe(a.data!.id);
        expect(await registrations(ev.id)).toBe(2);
      });
    });

    it('registers one e-mail address once per event, answering a repeat like a new registration', async () => {
      const ev = await createEvent({ capacity: 10 });
      const who = email('twice');
      const first = await register(ev.id, who);
      expect(first.response.status).toBe(201);
      const again = await register(ev.id, who.toUpperCase());
      const stranger = await register(ev.id, email('stranger'));
      // Nothing in the answer tells a repeat from a new registration.
      expect(again.response.status).toBe(201);
      expect(Object.keys(again.data!).sort()).toEqual(Object.keys(stranger.data!).sort());
      expect(again.data).toMatchObject({ status: 'confirmed', eventId: ev.id });
      expect(again.data!.id).not.toBe(first.data!.id);
      expect(again.data!.cancelToken).not.toBe(first.data!.cancelToken);
      const rows = await env().db.selectFrom('registrations').select('id').where('event_id', '=', ev.id).execute();
      expect(rows).toHaveLength(2);
    });

    it('mails an address at most once an hour per event however often it is registered', async () => {
      const ev = await createEvent({ capacity: 10 });
      const who = email('cannon');
      for (let i = 0; i < 5; i++) expect((await register(ev.id, who)).response.status).toBe(201);
      expect(await mails(who)).toHaveLength(1);
    });

    it('puts no caller text in the first mail to an address', async () => {
      const ev = await createEvent({ capacity: 10 });
      const who = email('spam');
      await pub().POST('/v1/events/{id}/registrations', {
        params: { path: { id: ev.id } },
        body: { name: 'Buy cheap pills at spam.example', email: who },
      });
      const [mail] = await mails(who);
      expect(mail!.text).not.toContain('spam.example');
    });

    it('lets a cancelled registrant register again', async () => {
      const ev = await createEvent({ capacity: 10 });
      const who = email('back');
      const first = (await register(ev.id, who)).data!;
      await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: first.id } },
        body: { cancelToken: first.cancelToken },
      });
      const again = await register(ev.id, who);
      expect(again.response.status).toBe(201);
      expect(again.data?.id).not.toBe(first.id);
    });

    it('sends mail in the registrant’s language', async () => {
      const ev = await createEvent({ title: { en: 'Bronchiolitis', fr: 'Bronchiolite', ar: 'التهاب القصيبات' } });
      const fr = email('fr');
      const ar = email('ar');
      await register(ev.id, fr, { locale: 'fr-CA' });
      await register(ev.id, ar, { locale: 'ar' });
      expect((await mails(fr))[0]?.subject).toBe('Inscription confirmée : Bronchiolite');
      expect((await mails(ar))[0]?.subject).toContain('التهاب القصيبات');
    });
  });

  describe('iCalendar', () => {
    it('puts the join link in the personal .ics and the mail, never in the public .ics or the feed', async () => {
      const ev = await createEvent({ capacity: 50 });
      const who = email('ics');
      const reg = (await register(ev.id, who)).data!;
      const joinUrl = ev.joinUrl!;

      const personalUrl = new URL(reg.icsUrl);
      const personal = await fetchText(`${personalUrl.pathname}${personalUrl.search}`);
      expect(personal.res.status).toBe(200);
      expect(personal.res.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(personal.res.headers.get('cache-control')).toBe('no-store');
      const pev = parseIcs(personal.text).events[0]!;
      expect(prop(pev, 'URL')).toBe(joinUrl);
      expect(prop(pev, 'UID')).toBe(`${ev.id}@mahjar.dev`);
      expect(personal.text).toContain(joinUrl);
      // the calendar token cannot cancel and is not the cancel token
      expect(personal.text).not.toContain(reg.cancelToken);

      const attachment = (await mails(who))[0]!.attachment as { content: string; contentType: string };
      expect(attachment.contentType).toMatch(/^text\/calendar/);
      const mailed = parseIcs(attachment.content);
      const mailedText = unescapeText(prop(mailed.events[0]!, 'DESCRIPTION')!);
      expect(prop(mailed.events[0]!, 'URL')).toBe(joinUrl);
      expect(mailedText).toContain(`/v1/registrations/${reg.id}/cancel?token=${reg.cancelToken}`);

      const pub1 = await fetchText(`/v1/events/${ev.id}/ics`);
      expect(pub1.res.status).toBe(200);
      expect(pub1.res.headers.get('content-disposition')).toBe(`attachment; filename="${ev.slug}.ics"`);
      expect(pub1.res.headers.get('etag')).toBeTruthy();
      const pubEv = parseIcs(pub1.text).events[0]!;
      expect(prop(pubEv, 'UID')).toBe(`${ev.id}@mahjar.dev`);
      expect(pub1.text).not.toContain(joinUrl);
      expect(pub1.text).not.toContain('meet.example.org');

      const feed = await fetchText('/v1/organisations/ilma-usa/events.ics');
      expect(feed.res.status).toBe(200);
      expect(feed.text).not.toContain('meet.example.org');
      const parsed = parseIcs(feed.text);
      expect(parsed.props.find((p) => p.name === 'METHOD')?.value).toBe('PUBLISH');
      expect(parsed.events.some((e) => prop(e, 'UID') === `${ev.id}@mahjar.dev`)).toBe(true);

      const forged = await env().fetch(`${personalUrl.pathname}?token=ri_${'A'.repeat(32)}`);
      expect(forged.status).toBe(404);
    });

    it('serves the organiser feed with only its events, recent and upcoming, cacheable', async () => {
      const { res, text } = await fetchText('/v1/organisations/moph-lebanon/events.ics');
      expect(res.headers.get('cache-control')).toMatch(/^public/);
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      const parsed = parseIcs(text);
      const expected = await env()
        .db.selectFrom('events')
        .select(['id', 'status'])
        .where('organiser_slug', '=', 'moph-lebanon')
        .where('ends_at', '>=', new Date(Date.now() - 30 * DAY))
        .execute();
      expect(parsed.events.map((e) => prop(e, 'UID')).sort()).toEqual(expected.map((e) => `${e.id}@mahjar.dev`).sort());
      for (const e of parsed.events) {
        const row = expected.find((x) => `${x.id}@mahjar.dev` === prop(e, 'UID'))!;
        expect(prop(e, 'STATUS')).toBe(
          row.status === 'cancelled' ? 'CANCELLED' : row.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED',
        );
        expect(prop(e, 'DTSTART')).toMatch(/^\d{8}T\d{6}Z$/);
      }
      const again = await env().fetch('/v1/organisations/moph-lebanon/events.ics', {
        headers: { 'If-None-Match': etag! },
      });
      expect(again.status).toBe(304);
      const missing = await env().fetch('/v1/organisations/no-such-org/events.ics');
      expect(missing.status).toBe(404);
    });

    it('escapes and folds hostile text, and keeps a 200-character Arabic title intact', async () => {
      const arabic = 'ندوة طبية حول صحة القلب والأوعية الدموية في لبنان، مع خبراء من الانتشار; '
        .repeat(4)
        .slice(0, 200);
      expect([...arabic]).toHaveLength(200);
      const hostileTitle = 'Hearts, lungs; and \\ backslashes: a "talk"';
      const hostileDescription = 'Line one, with comma;\nline two\\n (literal)\r\n\r\nEND:VEVENT\nBEGIN:VALARM';
      const ev = await createEvent({
        title: { en: hostileTitle, ar: arabic },
        description: { en: hostileDescription },
        mode: 'hybrid',
        location: { venue: 'Hall 1; Building B, AUB', city: 'Beirut', country: 'LB' },
      });
      const en = parseIcs((await fetchText(`/v1/events/${ev.id}/ics`, { 'Accept-Language': 'en' })).text);
      const e = en.events[0]!;
      expect(unescapeText(prop(e, 'SUMMARY')!)).toBe(hostileTitle);
      expect(unescapeText(prop(e, 'DESCRIPTION')!)).toContain(hostileDescription.replace(/\r\n/g, '\n'));
      expect(unescapeText(prop(e, 'LOCATION')!)).toBe('Hall 1; Building B, AUB, Beirut, LB');
      // the injected END:VEVENT stayed inside the description
      expect(en.events).toHaveLength(1);
      expect(en.props.filter((p) => p.name === 'BEGIN' && p.value === 'VALARM')).toEqual([]);

      const arRaw = (await fetchText(`/v1/events/${ev.id}/ics`, { 'Accept-Language': 'ar' })).text;
      const ar = parseIcs(arRaw);
      expect(unescapeText(prop(ar.events[0]!, 'SUMMARY')!)).toBe(arabic);
      expect(arRaw.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    });

    it('keeps the UTC instants of an event that crosses a DST change', async () => {
      // Europe/Paris leaves summer time on 31 October 2027: 09:00 CEST Saturday → 17:00 CET Monday.
      const ev = await createEvent({
        kind: 'cme_course',
        timeZone: 'Europe/Paris',
        startsAt: '2027-10-30T07:00:00Z',
        endsAt: '2027-11-01T16:00:00Z',
      });
      expect(ev.startsAt).toBe('2027-10-30T07:00:00.000Z');
      expect(ev.endsAt).toBe('2027-11-01T16:00:00.000Z');
      const e = parseIcs((await fetchText(`/v1/events/${ev.id}/ics`)).text).events[0]!;
      expect(prop(e, 'DTSTART')).toBe('20271030T070000Z');
      expect(prop(e, 'DTEND')).toBe('20271101T160000Z');
      expect(prop(e, 'X-MAHJAR-TIMEZONE')).toBe('Europe/Paris');
      const wall = (iso: string) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(
          new Date(iso),
        );
      expect([wall(ev.startsAt), wall(ev.endsAt)]).toEqual(['09', '17']);
      // the seeded DST-straddling events keep exact instants too
      const seeded = await env()
        .db.selectFrom('events')
        .selectAll()
        .where('slug', 'like', 'intensive-critical-care-seminar-%')
        .executeTakeFirstOrThrow();
      const s = parseIcs((await fetchText(`/v1/events/${seeded.id}/ics`)).text).events[0]!;
      expect(prop(s, 'DTSTART')).toBe(formatUtc(seeded.starts_at));
      expect(prop(s, 'DTEND')).toBe(formatUtc(seeded.ends_at));
    });

    it('marks a cancelled event CANCELLED with a higher SEQUENCE, and mails its registrants', async () => {
      const ev = await createEvent({ capacity: 5 });
      const who = email('cancelled');
      await register(ev.id, who);
      const before = parseIcs((await fetchText(`/v1/events/${ev.id}/ics`)).text).events[0]!;
      expect(prop(before, 'STATUS')).toBe('CONFIRMED');
      const { data } = await admin().POST('/v1/admin/events/{id}/cancel', {
        params: { path: { id: ev.id } },
        body: { reason: { en: 'The speaker is on a mission, sorry.' }, notifyRegistrants: true },
      });
      expect(data).toMatchObject({
        status: 'cancelled',
        cancellationReason: { en: 'The speaker is on a mission, sorry.' },
      });
      const after = parseIcs((await fetchText(`/v1/events/${ev.id}/ics`)).text).events[0]!;
      expect(prop(after, 'STATUS')).toBe('CANCELLED');
      expect(Number(prop(after, 'SEQUENCE'))).toBeGreaterThan(Number(prop(before, 'SEQUENCE')));
      const last = (await mails(who)).at(-1)!;
      expect(last.kind).toBe('event_cancelled');
      expect(last.text).toContain('The speaker is on a mission, sorry.');
      const twice = await admin().POST('/v1/admin/events/{id}/cancel', {
        params: { path: { id: ev.id } },
        body: { notifyRegistrants: true },
      });
      expect(twice.data?.status).toBe('cancelled');
      expect((await mails(who)).filter((m) => m.kind === 'event_cancelled')).toHaveLength(1);
    });
  });

  describe('admin', () => {
    it('creates an event once per Idempotency-Key, with a generated slug', async () => {
      const key = randomUUID();
      const body = eventInput({ title: { en: 'Écho-cardiographie: basics!' } });
      const before = await env().count('events');
      const first = await admin().POST('/v1/admin/events', { params: { header: { 'Idempotency-Key': key } }, body });
      const second = await admin().POST('/v1/admin/events', { params: { header: { 'Idempotency-Key': key } }, body });
      expect(first.response.status).toBe(201);
      expect(second.data).toEqual(first.data);
      expect(await env().count('events')).toBe(before + 1);
      expect(first.data?.slug).toBe(`echo-cardiographie-basics-${body.startsAt.slice(0, 10)}`);
      expect(first.data).toMatchObject({ organiserSlug: 'ilma-usa', joinUrl: body.joinUrl, confirmedCount: 0 });
      expect(first.response.headers.get('location')).toBe(`/v1/events/${first.data!.id}`);
      const reused = await admin().POST('/v1/admin/events', {
        params: { header: { 'Idempotency-Key': key } },
        body: { ...body, capacity: 3 },
      });
      expect(reused.error?.type).toBe('https://mahjar.dev/problems/idempotency-conflict');
      expect(await env().count('events')).toBe(before + 1);
    });

    it('refuses a slug that is taken', async () => {
      const ev = await createEvent();
      const { response, error } = await admin().POST('/v1/admin/events', { body: eventInput({ slug: ev.slug }) });
      expect(response.status).toBe(409);
      expect(error?.type).toBe('https://mahjar.dev/problems/conflict');
    });

    it('updates an event: validates, bumps SEQUENCE, tells registrants, refuses a capacity below the confirmed count', async () => {
      const ev = await createEvent({ capacity: 1, waitlistEnabled: true });
      const [a, b] = [email('upd-a'), email('upd-b')];
      await register(ev.id, a);
      expect((await register(ev.id, b)).data?.status).toBe('waitlisted');

      const bad = await Promise.all([
        admin().PATCH('/v1/admin/events/{id}', {
          params: { path: { id: ev.id } },
          body: { endsAt: '2020-01-01T00:00:00Z' },
        }),
        admin().PATCH('/v1/admin/events/{id}', {
          params: { path: { id: ev.id } },
          body: { timeZone: 'Mars/Olympus_Mons' },
        }),
        admin().PATCH('/v1/admin/events/{id}', { params: { path: { id: ev.id } }, body: { mode: 'hybrid' } }),
        admin().PATCH('/v1/admin/events/{id}', { params: { path: { id: ev.id } }, body: { joinUrl: null } }),
      ]);
      expect(bad.map((r) => r.response.status)).toEqual([400, 400, 400, 400]);
      expect(bad.map((r) => r.error?.errors?.[0]?.pointer)).toEqual(['/endsAt', '/timeZone', '/location', '/joinUrl']);

      const start = new Date(Date.parse(ev.startsAt) + DAY).toISOString();
      const end = new Date(Date.parse(ev.endsAt) + DAY).toISOString();
      const moved = await admin().PATCH('/v1/admin/events/{id}', {
        params: { path: { id: ev.id } },
        body: { startsAt: start, endsAt: end, status: 'postponed', recordingUrl: null },
      });
      expect(moved.data).toMatchObject({ startsAt: start, endsAt: end, status: 'postponed', capacity: 1 });
      expect((await mails(a)).at(-1)?.kind).toBe('event_updated');
      const ics = parseIcs((await fetchText(`/v1/events/${ev.id}/ics`)).text).events[0]!;
      expect(prop(ics, 'SEQUENCE')).toBe('1');
      expect(prop(ics, 'STATUS')).toBe('TENTATIVE');
      expect(prop(ics, 'DTSTART')).toBe(formatUtc(new Date(start)));

      const tooSmall = await admin().PATCH('/v1/admin/events/{id}', {
        params: { path: { id: ev.id } },
        body: { capacity: 1, waitlistEnabled: false },
      });
      expect(tooSmall.response.status).toBe(200);
      const grown = await admin().PATCH('/v1/admin/events/{id}', {
        params: { path: { id: ev.id } },
        body: { capacity: 2 },
      });
      expect(grown.data).toMatchObject({ confirmedCount: 2, waitlistedCount: 0, seatsLeft: 0 });
      expect((await mails(b)).at(-1)?.kind).toBe('registration_promoted');
      const shrink = await admin().PATCH('/v1/admin/events/{id}', {
        params: { path: { id: ev.id } },
        body: { capacity: 1 },
      });
      expect(shrink.response.status).toBe(409);
      expect((await pub().GET('/v1/events/{id}', { params: { path: { id: ev.id } } })).data?.capacity).toBe(2);
    });

    it('records attendance and lists registrations in cursor pages', async () => {
      const ev = await createEvent({ capacity: 20 });
      const regs: Registration[] = [];
      for (let k = 0; k < 7; k++) regs.push((await register(ev.id, email(`att${k}`))).data!);
      const mark = await admin().POST('/v1/admin/events/{id}/attendance', {
        params: { path: { id: ev.id } },
        body: { registrationIds: [regs[0]!.id, regs[1]!.id, regs[2]!.id, randomUUID()], attended: true },
      });
      expect(mark.data).toEqual({ updated: 3, attendedTotal: 3 });
      const unmark = await admin().POST('/v1/admin/events/{id}/attendance', {
        params: { path: { id: ev.id } },
        body: { registrationIds: [regs[2]!.id, regs[3]!.id], attended: false },
      });
      expect(unmark.data).toEqual({ updated: 2, attendedTotal: 2 });

      const seen: components['schemas']['AdminRegistration'][] = [];
      let cursor: string | null = null;
      do {
        const page: { data?: components['schemas']['AdminRegistrationPage'] } = await admin().GET(
          '/v1/admin/events/{id}/registrations',
          {
            params: { path: { id: ev.id }, query: { limit: 3, ...(cursor ? { cursor } : {}) } },
          },
        );
        expect(page.data?.total).toBe(7);
        seen.push(...page.data!.items);
        cursor = page.data!.nextCursor;
      } while (cursor);
      expect(seen.map((r) => r.id)).toEqual(regs.map((r) => r.id));
      expect(seen.map((r) => r.attended)).toEqual([true, true, false, false, null, null, null]);
      expect(JSON.stringify(seen)).not.toContain('cancelToken');
      const confirmedOnly = await admin().GET('/v1/admin/events/{id}/registrations', {
        params: { path: { id: ev.id }, query: { status: ['cancelled'] } },
      });
      expect(confirmedOnly.data).toMatchObject({ items: [], total: 0 });
    });

    describe('auth matrix', () => {
      let eventId = '';
      const ops = [
        ['createEvent', 'POST', () => '/v1/admin/events', () => eventInput()],
        ['updateEvent', 'PATCH', () => `/v1/admin/events/${eventId}`, () => ({ capacity: 500 })],
        ['cancelEvent', 'POST', () => `/v1/admin/events/${eventId}/cancel`, () => ({})],
        ['listRegistrations', 'GET', () => `/v1/admin/events/${eventId}/registrations`, () => undefined],
        [
          'recordAttendance',
          'POST',
          () => `/v1/admin/events/${eventId}/attendance`,
          () => ({ registrationIds: [randomUUID()], attended: true }),
        ],
      ] as const;

      const call = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
        const res = await env().fetch(path, {
          method,
          headers: {
            ...headers,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(method === 'POST' && path.endsWith('/events') ? { 'Idempotency-Key': randomUUID() } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, text: await res.text() };
      };

      it.each(ops)(
        '%s: no key 401, publishable 403, another chapter 404, a viewer key 403 on writes',
        async (op, method, path, body) => {
          eventId ||= (await createEvent({ capacity: 3 })).id;
          const who = email('matrix');
          await register(eventId, who);
          const before = await env().count('events');

          const none = await call(method, path(), body(), {});
          expect(none.status).toBe(401);
          const publishable = await call(method, path(), body(), { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' });
          expect(publishable.status).toBe(403);
          if (op !== 'createEvent') {
            const other = await call(method, path(), body(), { 'Mahjar-Secret-Key': 'sk_demo_alma-australia' });
            expect(other.status).toBe(404);
            expect(other.text).not.toContain(who);
            expect(other.text).not.toContain('meet.example.org');
          }
          const viewer = (
            await admin().POST('/v1/admin/api-keys', { body: { kind: 'secret', name: `viewer ${op}`, role: 'viewer' } })
          ).data!.key;
          const asViewer = await call(method, path(), body(), { 'Mahjar-Secret-Key': viewer });
          expect(asViewer.status).toBe(op === 'listRegistrations' ? 200 : 403);
          expect(await env().count('events')).toBe(before);
          const row = await env()
            .db.selectFrom('events')
            .select(['status', 'capacity'])
            .where('id', '=', eventId)
            .executeTakeFirstOrThrow();
          expect(row).toEqual({ status: 'scheduled', capacity: 3 });
        },
      );

      it('an event created by one chapter is organised by that chapter', async () => {
        const ev = await createEvent({}, 'alma-australia');
        expect(ev.organiserSlug).toBe('alma-australia');
        const list = await admin('ilma-usa').GET('/v1/admin/events/{id}/registrations', {
          params: { path: { id: ev.id } },
        });
        // Answered as no event at all, so an id tells another chapter nothing.
        expect(list.response.status).toBe(404);
        expect(list.data).toBeUndefined();
      });
    });
  });

  describe('cancel link', () => {
    // The registrant's way out is a link in an e-mail and in a calendar entry. Opening it only shows
    // a page (mail scanners follow links); the page's button posts a form that cancels.
    type Page = { res: Response; html: string };
    const cancelLink = (text: string) =>
      /https?:\/\/\S+\/v1\/registrations\/[0-9a-f-]+\/cancel\?token=[\w-]+/.exec(text)?.[0];

    async function open(url: string): Promise<Page> {
      const u = new URL(url, env().url);
      const res = await env().fetch(`${u.pathname}${u.search}`);
      return { res, html: await res.text() };
    }

    async function postForm(path: string, body: string, type = 'application/x-www-form-urlencoded'): Promise<Page> {
      const res = await env().fetch(path, { method: 'POST', headers: { 'content-type': type }, body });
      return { res, html: await res.text() };
    }

    /** What a browser would submit: the form's action and its hidden field, read from the page. */
    function formOf(html: string) {
      const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
      const token = /<input type="hidden" name="cancelToken" value="([^"]+)">/.exec(html)?.[1];
      expect(action, 'the page has a form').toBeDefined();
      expect(token, 'the form carries the token').toBeDefined();
      return { action: action!, body: new URLSearchParams({ cancelToken: token! }).toString() };
    }

    function expectSafePage({ res, html }: Page, status: number) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('script-src');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).not.toMatch(/<script|\son\w+=|javascript:/i);
    }

    const statusOf = async (id: string) =>
      (await env().db.selectFrom('registrations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;

    /** A full event (one seat) with a confirmed registrant and one on the waitlist. */
    async function fullEvent(locale?: string) {
      const start = new Date(Date.now() + 20 * DAY);
      start.setUTCHours(3, 30, 0, 0); // the evening before in Chicago: the page must use the event's zone
      const ev = await createEvent({
        capacity: 1,
        waitlistEnabled: true,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        title: { en: `Cancel <me> & co ${randomUUID().slice(0, 6)}`, fr: 'Atelier d’annulation', ar: 'ورشة الإلغاء' },
      });
      const who = email('cancel-link');
      const waiting = email('waiting');
      const reg = (await register(ev.id, who, locale ? { locale } : {})).data!;
      const next = (await register(ev.id, waiting)).data!;
      expect([reg.status, next.status]).toEqual(['confirmed', 'waitlisted']);
      return { ev, who, waiting, reg, next };
    }

    it('the mail and its .ics link to a page that shows the event and cancels nothing', async () => {
      const { ev, who, reg, next } = await fullEvent();
      const mail = (await mails(who))[0]!;
      const link = cancelLink(mail.text);
      expect(link).toBe(`${env().url}/v1/registrations/${reg.id}/cancel?token=${reg.cancelToken}`);
      const ics = (mail.attachment as { content: string }).content;
      expect(cancelLink(unescapeText(prop(parseIcs(ics).events[0]!, 'DESCRIPTION')!))).toBe(link);

      const outbox = await env().count('outbox');
      // Opened twice, as a mail scanner and then the person would.
      await open(link!);
      const page = await open(link!);
      expectSafePage(page, 200);
      expect(page.html).toContain('lang="en" dir="ltr"');
      expect(page.html).toContain(ev.title.en!.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'));
      expect(page.html).not.toContain('<me>');
      const zone = { timeZone: ev.timeZone };
      const localDay = new Intl.DateTimeFormat('en', { dateStyle: 'full', ...zone }).format(new Date(ev.startsAt));
      const localEnd = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', ...zone });
      // Intl spaces vary (U+202F before "PM" in some formats): compare with plain spaces.
      const flat = (text: string) => text.replace(/\s/g, ' ');
      expect(flat(page.html)).toContain(flat(localDay));
      expect(flat(page.html)).toContain(flat(localEnd.format(new Date(ev.endsAt))));
      expect(page.html).toContain(`(${ev.timeZone})`);
      expect(page.html).not.toContain(ev.joinUrl!);
      expect(formOf(page.html).action).toBe(`/v1/registrations/${reg.id}/cancel`);

      expect(await statusOf(reg.id)).toBe('confirmed');
      expect(await statusOf(next.id)).toBe('waitlisted');
      expect(await env().count('outbox')).toBe(outbox);
    });

    it('posting the page’s form cancels, promotes the waitlist and answers with a page', async () => {
      const { ev, who, waiting, reg, next } = await fullEvent();
      const page = await open(cancelLink((await mails(who))[0]!.text)!);
      const form = formOf(page.html);

      const done = await postForm(form.action, form.body);
      expectSafePage(done, 200);
      expect(done.html).toContain('Your registration is cancelled');
      expect(done.html).not.toContain('<form');
      expect(await statusOf(reg.id)).toBe('cancelled');
      expect(await statusOf(next.id)).toBe('confirmed');
      expect((await mails(who)).at(-1)?.kind).toBe('registration_cancelled');
      expect((await mails(waiting)).at(-1)?.kind).toBe('registration_promoted');
      const detail = await pub().GET('/v1/events/{id}', { params: { path: { id: ev.id } } });
      expect(detail.data?.seatsLeft).toBe(0);

      // A second press (or a reload) explains instead of failing silently, and changes nothing.
      const outbox = await env().count('outbox');
      const again = await postForm(form.action, form.body);
      expectSafePage(again, 409);
      expect(again.html).toContain('already cancelled');
      const reopened = await open(cancelLink((await mails(who))[0]!.text)!);
      expectSafePage(reopened, 200);
      expect(reopened.html).toContain('already cancelled');
      expect(reopened.html).not.toContain('<form');
      expect(await statusOf(next.id)).toBe('confirmed');
      expect(await env().count('outbox')).toBe(outbox);
    });

    it('the JSON route needs no key (the token is the capability) and keeps its JSON types', async () => {
      const { reg, next } = await fullEvent();
      const { data, response } = await env()
        .client({ key: 'none' })
        .POST('/v1/registrations/{id}/cancel', {
          params: { path: { id: reg.id } },
          body: { cancelToken: reg.cancelToken },
        });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expectTypeOf(data).toEqualTypeOf<Registration | undefined>();
      expect(data).toMatchObject({ id: reg.id, status: 'cancelled' });
      expect(await statusOf(next.id)).toBe('confirmed');
    });

    const forged = `rc_${'A'.repeat(32)}`;
    it.each([
      [
        'page, wrong token',
        'GET',
        (id: string) => `/v1/registrations/${id}/cancel?token=${forged}`,
        '',
        '',
        404,
        'problem',
      ],
      [
        'page, unknown id',
        'GET',
        (_: string, t: string) => `/v1/registrations/${randomUUID()}/cancel?token=${t}`,
        '',
        '',
        404,
        'problem',
      ],
      [
        'page, malformed token',
        'GET',
        (id: string) => `/v1/registrations/${id}/cancel?token=nope`,
        '',
        '',
        400,
        'problem',
      ],
      ['page, no token', 'GET', (id: string) => `/v1/registrations/${id}/cancel`, '', '', 400, 'problem'],
      [
        'form, wrong token',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        `cancelToken=${forged}`,
        'form',
        404,
        'html',
      ],
      ['form, unknown id', 'POST', () => `/v1/registrations/${randomUUID()}/cancel`, 'TOKEN', 'form', 404, 'html'],
      [
        'form, no token',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        'confirm=yes',
        'form',
        400,
        'problem',
      ],
      [
        'form, extra field',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        'TOKEN&x=1',
        'form',
        400,
        'problem',
      ],
      [
        'form, malformed token',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        'cancelToken=nope',
        'form',
        400,
        'problem',
      ],
      [
        'text/plain body',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        'TOKEN',
        'text/plain',
        415,
        'problem',
      ],
      [
        'JSON, wrong token',
        'POST',
        (id: string) => `/v1/registrations/${id}/cancel`,
        `{"cancelToken":"${forged}"}`,
        'application/json',
        404,
        'problem',
      ],
    ] as const)('%s → %i, nothing changes', async (_name, method, path, body, type, status, kind) => {
      const { reg, next } = await fullEvent();
      const [regs, outbox] = [await env().count('registrations'), await env().count('outbox')];
      const url = path(reg.id, reg.cancelToken);
      const res = await env().fetch(url, {
        method,
        ...(method === 'POST'
          ? {
              headers: { 'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : type },
              body: body.replace('TOKEN', `cancelToken=${reg.cancelToken}`),
            }
          : {}),
      });
      const text = await res.text();
      if (kind === 'html') {
        expectSafePage({ res, html: text }, status);
        expect(text).toContain('This cancel link is not valid');
        expect(text).not.toContain(reg.name);
      } else {
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect((JSON.parse(text) as { status: number }).status).toBe(status);
      }
      expect(await statusOf(reg.id)).toBe('confirmed');
      expect(await statusOf(next.id)).toBe('waitlisted');
      expect(await env().count('registrations')).toBe(regs);
      expect(await env().count('outbox')).toBe(outbox);
    });

    it.each([
      ['ar', 'ar', 'rtl', 'ورشة الإلغاء', 'ألغِ تسجيلي', 'تم إلغاء تسجيلك'],
      ['fr-CA', 'fr', 'ltr', 'Atelier d’annulation', 'Annuler mon inscription', 'Votre inscription est annulée'],
    ])('speaks the registrant’s language (%s)', async (locale, lang, dir, title, button, doneText) => {
      const { ev, who, reg } = await fullEvent(locale);
      const page = await open(cancelLink((await mails(who))[0]!.text)!);
      expectSafePage(page, 200);
      expect(page.html).toContain(`<html lang="${lang}" dir="${dir}">`);
      expect(page.html).toContain(title);
      expect(page.html).toContain(button);
      const day = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: ev.timeZone });
      expect(page.html).toContain(day.format(new Date(ev.startsAt)));
      const form = formOf(page.html);
      // The browser's own Accept-Language does not matter: the registrant chose a language.
      const done = await env().fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: form.body,
      });
      const html = await done.text();
      expectSafePage({ res: done, html }, 200);
      expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
      expect(html).toContain(doneText);
      expect(await statusOf(reg.id)).toBe('cancelled');
    });
  });

  describe('malformed requests', () => {
    const sendRaw = (path: string, body: string, type: string, headers: Record<string, string>) =>
      env().fetch(path, {
        method: 'POST',
        headers: { 'content-type': type, 'Idempotency-Key': randomUUID(), ...headers },
        body,
      });

    let openEvent = '';
    const reg = (o: Record<string, unknown>) =>
      JSON.stringify({ name: 'Rania Haddad', email: 'rania@example.org', ...o });

    it.each([
      ['malformed JSON', '{"name":', 'application/json', 400],
      ['wrong content type', 'name=x&email=y@example.org', 'text/plain', 415],
      ['missing name', JSON.stringify({ email: 'x@example.org' }), 'application/json', 400],
      ['missing email', JSON.stringify({ name: 'X' }), 'application/json', 400],
      ['bad e-mail', reg({ email: 'not-an-address' }), 'application/json', 400],
      ['wrong type', reg({ name: 42 }), 'application/json', 400],
      ['oversized name', reg({ name: 'x'.repeat(121) }), 'application/json', 400],
      ['control character in name', reg({ name: 'a\nb' }), 'application/json', 400],
      ['unknown field', reg({ admin: true }), 'application/json', 400],
      ['bad professionalId', reg({ professionalId: 'nope' }), 'application/json', 400],
      ['unknown professionalId', reg({ professionalId: randomUUID() }), 'application/json', 400],
      ['bad locale', reg({ locale: 'english please' }), 'application/json', 400],
      ['oversized body', reg({ name: 'x'.repeat(70_000) }), 'application/json', 413],
    ])('createRegistration, %s → %i and nothing written', async (_name, body, type, status) => {
      openEvent ||= (await createEvent({ capacity: 100 })).id;
      const [regs, mail] = [await env().count('registrations'), await env().count('outbox')];
      const res = await sendRaw(`/v1/events/${openEvent}/registrations`, body, type, {
        'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { status: number }).status).toBe(status);
      expect(await env().count('registrations')).toBe(regs);
      expect(await env().count('outbox')).toBe(mail);
    });

    const ev = (o: Record<string, unknown>, drop: string[] = []) => {
      const base: Record<string, unknown> = { ...eventInput(), ...o };
      for (const k of drop) delete base[k];
      return JSON.stringify(base);
    };

    it.each([
      ['malformed JSON', '{"kind":', 'application/json', 400, undefined],
      ['wrong content type', 'kind=webinar', 'text/plain', 415, undefined],
      ['missing kind', ev({}, ['kind']), 'application/json', 400, '/kind'],
      ['missing title', ev({}, ['title']), 'application/json', 400, '/title'],
      ['bad enum', ev({ kind: 'party' }), 'application/json', 400, '/kind'],
      ['wrong type', ev({ capacity: 'ten' }), 'application/json', 400, '/capacity'],
      ['unknown field', ev({ organiserSlug: 'alma-australia' }), 'application/json', 400, '/organiserSlug'],
      ['oversized title', ev({ title: { en: 'x'.repeat(301) } }), 'application/json', 400, '/title/en'],
      ['empty title', ev({ title: {} }), 'application/json', 400, '/title'],
      ['ends before it starts', ev({ endsAt: '2020-01-01T00:00:00Z' }), 'application/json', 400, '/endsAt'],
      ['not a time zone', ev({ timeZone: 'Mars/Olympus_Mons' }), 'application/json', 400, '/timeZone'],
      ['online without join link', ev({}, ['joinUrl']), 'application/json', 400, '/joinUrl'],
      ['in person without location', ev({ mode: 'in_person' }), 'application/json', 400, '/location'],
      ['http join link', ev({ joinUrl: 'http://meet.example.org/x' }), 'application/json', 400, '/joinUrl'],
      ['unknown priority area', ev({ priorityArea: 'space-medicine' }), 'application/json', 400, '/priorityArea'],
      [
        'registration closing after the start',
        ev({ registrationClosesAt: '2099-01-01T00:00:00Z' }),
        'application/json',
        400,
        '/registrationClosesAt',
      ],
      ['cme credits off the grid', ev({ cmeCredits: 1.3 }), 'application/json', 400, '/cmeCredits'],
    ])('createEvent, %s → %i and nothing written', async (_name, body, type, status, pointer) => {
      const before = await env().count('events');
      const res = await sendRaw('/v1/admin/events', body, type, { 'Mahjar-Secret-Key': 'sk_demo_ilma-usa' });
      expect(res.status).toBe(status);
      const problem = (await res.json()) as { errors?: { pointer: string }[] };
      if (pointer) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
      expect(await env().count('events')).toBe(before);
    });
  });
});

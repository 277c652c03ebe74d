// Check-in at events (issue 16, item 4): the code and QR code a confirmed registrant is mailed (and
// finds in their .ics), and the organiser's check-in by code: once, twice, unknown, cancelled,
// waitlisted, another organiser's event; attendance feeds the event's figures and the report.
import { randomUUID } from 'node:crypto';
import type { components, EngagementReport } from '@mahjar/sdk';
import { sql } from 'kysely';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { toAdminEvent } from '../../src/operations/events/model.js';
import { forEachApiEngine } from './harness.js';

type EventInput = components['schemas']['EventInput'];

const PROBLEM = 'https://mahjar.dev/problems/';
const CODE = /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/;

/**
 * The pixels of a GIF as RGBA (any GIF: the LZW decoder is the format's, not the encoder's shortcut),
 * so the test reads the QR code the way a phone does, from the image in the mail.
 */
function gifPixels(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  expect(String.fromCharCode(...bytes.subarray(0, 6))).toMatch(/^GIF8[79]a$/);
  const packed = bytes[10]!;
  const paletteSize = packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0;
  const palette = bytes.subarray(13, 13 + paletteSize);
  let p = 13 + paletteSize;
  while (bytes[p] === 0x21) {
    p += 2;
    while (bytes[p]) p += bytes[p]! + 1;
    p += 1;
  }
  expect(bytes[p]).toBe(0x2c);
  const width = u16(p + 5);
  const height = u16(p + 7);
  expect(bytes[p + 9]! & 0x80, 'no local colour table').toBe(0);
  p += 10;
  const minCodeSize = bytes[p++]!;
  const data: number[] = [];
  while (bytes[p]) {
    data.push(...bytes.subarray(p + 1, p + 1 + bytes[p]!));
    p += bytes[p]! + 1;
  }
  const clear = 1 << minCodeSize;
  const indices: number[] = [];
  let table: number[][] = [];
  let size = minCodeSize + 1;
  let previous: number[] | undefined;
  const reset = () => {
    table = Array.from({ length: clear + 2 }, (_, i) => [i]);
    size = minCodeSize + 1;
    previous = undefined;
  };
  reset();
  for (let bit = 0; bit + size <= data.length * 8; ) {
    let code = 0;
    for (let i = 0; i < size; i++, bit++) code |= ((data[bit >> 3]! >> (bit & 7)) & 1) << i;
    if (code === clear) {
      reset();
      continue;
    }
    if (code === clear + 1) break;
    const entry = table[code] ?? (previous && code === table.length ? [...previous, previous[0]!] : undefined);
    if (!entry) throw new Error(`bad LZW code ${code}`);
    indices.push(...entry);
    if (previous && table.length < 4096) table.push([...previous, entry[0]!]);
    if (table.length === 1 << size && size < 12) size += 1;
    previous = entry;
  }
  expect(indices.length).toBe(width * height);
  const rgba = new Uint8Array(width * height * 4);
  indices.forEach((index, i) => {
    rgba.set([palette[index * 3]!, palette[index * 3 + 1]!, palette[index * 3 + 2]!, 255], i * 4);
  });
  return { width, height, data: rgba };
}

forEachApiEngine('check-in', (env) => {
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });
  const pub = (org = 'ilma-usa') => env().client({ org });

  async function createEvent(overrides: Partial<EventInput> = {}, org = 'ilma-usa') {
    const start = new Date(Date.now() + 2 * 3_600_000);
    start.setUTCSeconds(0, 0);
    const { data, response } = await admin(org).POST('/v1/admin/events', {
      body: {
        kind: 'workshop',
        title: { en: `Check-in workshop ${randomUUID().slice(0, 8)}` },
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        timeZone: 'Asia/Beirut',
        mode: 'in_person',
        location: { venue: 'Hôtel-Dieu de France', city: 'Beirut', country: 'LB' },
        language: 'ar',
        waitlistEnabled: true,
        ...overrides,
      },
    });
    expect(response.status).toBe(201);
    return data!;
  }

  async function register(eventId: string, org = 'ilma-usa') {
    const email = `door-${randomUUID().slice(0, 8)}@example.net`;
    const { data, response } = await pub(org).POST('/v1/events/{id}/registrations', {
      params: { path: { id: eventId } },
      body: { name: 'Maya Khoury', email, locale: 'ar' },
    });
    expect(response.status).toBe(201);
    return { registration: data!, email };
  }

  const mailsTo = (email: string) =>
    env().db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('created_at').execute();

  /** The check-in code of the registrant's confirmation mail (or promotion mail), from its text. */
  async function codeFor(email: string, kind = 'registration_confirmed') {
    const mail = (await mailsTo(email)).find((m) => m.kind === kind);
    const code = mail && CODE.exec(mail.text)?.[0];
    expect(code, `a check-in code in the ${kind} mail`).toBeDefined();
    return code!;
  }

  const checkIn = (eventId: string, code: string, org = 'ilma-usa', key?: string) =>
    admin(org).POST('/v1/admin/events/{id}/check-ins', {
      params: { path: { id: eventId }, header: key ? { 'Idempotency-Key': key } : {} },
      body: { code },
    });

  const attendance = async (eventId: string) =>
    env()
      .db.selectFrom('registrations')
      .select(['id', 'attended', 'attended_at', 'updated_at'])
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute();

  describe('the confirmation', () => {
    it('mails the code in text and as a QR code that reads back as the code, and writes it into the .ics', async () => {
      const event = await createEvent();
      const { email } = await register(event.id);
      const [mail] = await mailsTo(email);
      expect(mail!.kind).toBe('registration_confirmed');
      expect(mail!.locale).toBe('ar');
      const code = CODE.exec(mail!.text)![0];
      expect(mail!.text).toContain(`رمز تسجيل حضورك: ${code}`);
      expect(mail!.text).not.toContain('data:image');

      const img = /<img src="data:image\/gif;base64,([A-Za-z0-9+/]+=*)" width="(\d+)" height="\d+" alt="([^"]+)"/.exec(
        mail!.html!,
      );
      expect(img, 'the QR code as an image in the HTML part').not.toBeNull();
      expect(img![3]).toBe(code);
      const pixels = gifPixels(new Uint8Array(Buffer.from(img![1]!, 'base64')));
      expect(pixels.width).toBe(Number(img![2]));
      expect(decodeQR(pixels)).toBe(code);

      const attachment = mail!.attachment as { content: string; contentType: string };
      expect(attachment.contentType).toMatch(/^text\/calendar/);
      expect(attachment.content.replace(/\r\n[ \t]/g, '')).toContain(`Check-in code: ${code}`);
      // the registrant's calendar link gives the same
      const icsUrl = /https?:\/\/\S+\/ics\?token=\S+/.exec(mail!.text)![0];
      const ics = await env().fetch(new URL(icsUrl).pathname + new URL(icsUrl).search);
      expect((await ics.text()).replace(/\r\n[ \t]/g, '')).toContain(`Check-in code: ${code}`);
      // the public feed of the event never carries anyone's code
      const feed = await env().fetch(`/v1/events/${event.id}/ics`);
      expect(await feed.text()).not.toMatch(/Check-in code/);
    });

    it('gives no code to a waitlisted registrant until a seat is theirs', async () => {
      const event = await createEvent({ capacity: 1 });
      const first = await register(event.id);
      const second = await register(event.id);
      expect(second.registration.status).toBe('waitlisted');
      const [waitlisted] = await mailsTo(second.email);
      expect(waitlisted!.kind).toBe('registration_waitlisted');
      expect(waitlisted!.text).not.toMatch(CODE);
      expect(waitlisted!.html).not.toContain('<img');

      const code = await codeFor(first.email);
      // the waitlisted registration's own code (never mailed yet) is refused at the door
      const stored = await env()
        .db.selectFrom('registrations')
        .select('check_in_code')
        .where('id', '=', second.registration.id)
        .executeTakeFirstOrThrow();
      const early = await checkIn(event.id, stored.check_in_code);
      expect(early.response.status).toBe(409);
      expect(early.error?.type).toBe(`${PROBLEM}conflict`);
      expect(early.error?.detail).toMatch(/waitlist/);

      await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: first.registration.id } },
        body: { cancelToken: first.registration.cancelToken },
      });
      const promotedCode = await codeFor(second.email, 'registration_promoted');
      expect(promotedCode).not.toBe(code);
      expect((await checkIn(event.id, promotedCode)).data?.outcome).toBe('checked_in');
    });
  });

  describe('at the door', () => {
    it('checks in once, says "already" with the first time on every later scan, and counts it everywhere', async () => {
      const event = await createEvent();
      const { registration, email } = await register(event.id);
      await register(event.id);
      const code = await codeFor(email);
      // the doors open: the event has started, so the report counts it as held
      await env()
        .db.updateTable('events')
        .set({ starts_at: new Date(Date.now() - 60_000) })
        .where('id', '=', event.id)
        .execute();
      const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
      const report = async () =>
        (
          (await admin().GET('/v1/admin/reports/engagement', { params: { query: { quarter } } }))
            .data as EngagementReport
        ).registrations.attended;
      const attendedBefore = await report();

      const first = await checkIn(event.id, code);
      expect(first.response.status).toBe(200);
      expect(first.data).toMatchObject({
        outcome: 'checked_in',
        registrationId: registration.id,
        eventId: event.id,
        name: 'Maya Khoury',
        attendedTotal: 1,
      });
      expect(Date.parse(first.data!.checkedInAt)).toBeGreaterThan(Date.now() - 60_000);

      const rows = await attendance(event.id);
      // typed by hand: lower case, spaces, O for 0 and l for 1
      const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O').replace(/1/g, 'l');
      for (const again of [code, typed]) {
        const second = await checkIn(event.id, again);
        expect(second.response.status).toBe(200);
        expect(second.data).toMatchObject({
          outcome: 'already_checked_in',
          registrationId: registration.id,
          checkedInAt: first.data!.checkedInAt,
          attendedTotal: 1,
        });
      }
      expect(await attendance(event.id)).toEqual(rows);

      const registrations = await admin().GET('/v1/admin/events/{id}/registrations', {
        params: { path: { id: event.id } },
      });
      expect(registrations.data!.items.map((r) => [r.id === registration.id, r.attended])).toEqual(
        expect.arrayContaining([
          [true, true],
          [false, null],
        ]),
      );
      // the organiser's view of the event counts the same column
      const row = await env().db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
      expect((await toAdminEvent(env().db, row)).attendedCount).toBe(1);
      expect(await report()).toBe(attendedBefore + 1);
    });

    it('records one attendance when the same code is scanned at two doors at once', async () => {
      const event = await createEvent();
      const { email } = await register(event.id);
      const code = await codeFor(email);
      const answers = await Promise.all([checkIn(event.id, code), checkIn(event.id, code)]);
      expect(answers.map((a) => a.data?.outcome).sort()).toEqual(['already_checked_in', 'checked_in']);
      expect(new Set(answers.map((a) => a.data?.checkedInAt)).size).toBe(1);
      expect((await attendance(event.id)).filter((r) => r.attended_at)).toHaveLength(1);
    });

    it('replays a check-in retried with its Idempotency-Key', async () => {
      const event = await createEvent();
      const { email } = await register(event.id);
      const code = await codeFor(email);
      const key = randomUUID();
      const first = await checkIn(event.id, code, 'ilma-usa', key);
      const retry = await checkIn(event.id, code, 'ilma-usa', key);
      expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.data).toEqual(first.data);
      expect(retry.data!.outcome).toBe('checked_in');
    });

    it('answers 404 for an unknown code, another event’s code, and another organiser’s event, recording nothing', async () => {
      const event = await createEvent();
      const other = await createEvent();
      const { email } = await register(event.id);
      const code = await codeFor(email);
      const alma = await createEvent({}, 'alma-australia');
      const before = [await attendance(event.id), await attendance(other.id)];
      const refusals = [
        await checkIn(event.id, 'ZZZZ-ZZZZ-ZZZZ'),
        await checkIn(other.id, code),
        // another organiser, with a real code of its own event, and with the code on its own event id
        await checkIn(event.id, code, 'alma-australia'),
        await checkIn(alma.id, code, 'ilma-usa'),
        await checkIn(randomUUID(), code),
      ];
      for (const { response, error } of refusals) {
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(error?.type).toBe(`${PROBLEM}not-found`);
      }
      expect([await attendance(event.id), await attendance(other.id)]).toEqual(before);
    });

    it('refuses a cancelled registration (409) and a code that cannot be one (400), recording nothing', async () => {
      const event = await createEvent();
      const { registration, email } = await register(event.id);
      const code = await codeFor(email);
      await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: registration.id } },
        body: { cancelToken: registration.cancelToken },
      });
      const before = await attendance(event.id);
      const cancelled = await checkIn(event.id, code);
      expect(cancelled.response.status).toBe(409);
      expect(cancelled.error?.type).toBe(`${PROBLEM}conflict`);
      expect(cancelled.error?.detail).toMatch(/cancelled/);
      for (const bad of ['ABC', 'K7QF-2M9X-PA3U', 'K7QF-2M9X-PA3T-1']) {
        const { response, error } = await checkIn(event.id, bad);
        expect(response.status, bad).toBe(400);
        expect(error?.type).toBe(`${PROBLEM}validation`);
        expect(error?.errors?.[0]?.pointer).toBe('/code');
      }
      const malformed = await env().fetch(`/v1/admin/events/${event.id}/check-ins`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'Mahjar-Secret-Key': env().server.demoKeys['ilma-usa']!.secret,
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify({ code: '<script>' }),
      });
      expect(malformed.status).toBe(400);
      expect(await attendance(event.id)).toEqual(before);
    });

    it('needs the editor role: a viewer key is refused (403)', async () => {
      const event = await createEvent();
      const { email } = await register(event.id);
      const code = await codeFor(email);
      const viewer = await admin().POST('/v1/admin/api-keys', {
        body: { kind: 'secret', name: 'door viewer', role: 'viewer' },
      });
      const res = await env().fetch(`/v1/admin/events/${event.id}/check-ins`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'Mahjar-Secret-Key': viewer.data!.key,
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify({ code }),
      });
      expect(res.status).toBe(403);
      expect(
        (await attendance(event.id)).every((r) => r.attended_at === null),
        'nothing recorded',
      ).toBe(true);
      expect(
        Number(
          (
            await sql<{
              n: number;
            }>`SELECT count(*)::int AS n FROM registrations WHERE event_id = ${event.id} AND attended`.execute(env().db)
          ).rows[0]!.n,
        ),
      ).toBe(0);
    });
  });

  describe("the organiser's events (listAdminEvents)", () => {
    it('lists only its own events, newest start first, with counts, paged by cursor', async () => {
      const later = await createEvent({
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        endsAt: new Date(Date.now() + 30 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      });
      const sooner = await createEvent();
      await register(sooner.id);
      const other = await createEvent({}, 'alma-australia');
      const seen: components['schemas']['AdminEvent'][] = [];
      let cursor: string | undefined;
      do {
        const { data, response } = await admin().GET('/v1/admin/events', {
          params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } },
        });
        expect(response.status).toBe(200);
        seen.push(...data!.items);
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen.map((e) => e.organiserSlug))).toEqual(new Set(['ilma-usa']));
      expect(seen.map((e) => e.id)).not.toContain(other.id);
      const starts = seen.map((e) => Date.parse(e.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      expect(seen.findIndex((e) => e.id === later.id)).toBeLessThan(seen.findIndex((e) => e.id === sooner.id));
      expect(seen.find((e) => e.id === sooner.id)!.confirmedCount).toBe(1);
    });
  });
});

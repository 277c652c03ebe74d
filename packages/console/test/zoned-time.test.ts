import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from '../src/zoned-time.js';

describe('wall time in an event’s zone → the UTC instant', () => {
  it.each([
    // ordinary days, summer and winter
    ['2026-10-14T12:00', 'America/Chicago', '2026-10-14T17:00:00Z'],
    ['2026-12-05T12:00', 'America/Chicago', '2026-12-05T18:00:00Z'],
    ['2026-12-05T17:00', 'Asia/Beirut', '2026-12-05T15:00:00Z'],
    ['2026-07-01T17:00', 'Asia/Beirut', '2026-07-01T14:00:00Z'],
    // no daylight saving time at all
    ['2026-03-29T02:30', 'Asia/Baghdad', '2026-03-28T23:30:00Z'],
    ['2026-07-01T00:00', 'Asia/Baghdad', '2026-06-30T21:00:00Z'],
    ['2026-07-01T00:00', 'UTC', '2026-07-01T00:00:00Z'],
    // a half-hour zone, and one east of the date line
    ['2026-01-15T09:00', 'Asia/Kolkata', '2026-01-15T03:30:00Z'],
    ['2026-01-01T00:00', 'Pacific/Auckland', '2025-12-31T11:00:00Z'],
  ])('%s in %s is %s', (local, zone, instant) => {
    expect(zonedToInstant(local, zone)).toBe(instant);
  });

  it.each([
    // Paris skips 02:00–03:00 on 29 March 2026: 02:30 does not exist and moves on by the gap, to 03:30 CEST
    ['2026-03-29T02:30', 'Europe/Paris', '2026-03-29T01:30:00Z'],
    // Beirut skips from midnight to 01:00 the same night
    ['2026-03-29T00:30', 'Asia/Beirut', '2026-03-28T22:30:00Z'],
    // Chicago skips 02:00–03:00 on 8 March 2026
    ['2026-03-08T02:15', 'America/Chicago', '2026-03-08T08:15:00Z'],
    // just either side of a skip
    ['2026-03-29T01:59', 'Europe/Paris', '2026-03-29T00:59:00Z'],
    ['2026-03-29T03:00', 'Europe/Paris', '2026-03-29T01:00:00Z'],
  ])('a skipped time: %s in %s is %s', (local, zone, instant) => {
    expect(zonedToInstant(local, zone)).toBe(instant);
  });

  it.each([
    // Paris repeats 02:00–03:00 on 25 October 2026: the earlier 02:30 (CEST) is taken
    ['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T00:30:00Z'],
    // Beirut repeats 23:00–24:00 on 24 October 2026
    ['2026-10-24T23:30', 'Asia/Beirut', '2026-10-24T20:30:00Z'],
    // Chicago repeats 01:00–02:00 on 1 November 2026
    ['2026-11-01T01:30', 'America/Chicago', '2026-11-01T06:30:00Z'],
  ])('a repeated time: %s in %s is the earlier, %s', (local, zone, instant) => {
    expect(zonedToInstant(local, zone)).toBe(instant);
  });

  it('leaves empty and malformed values empty, for the API to refuse', () => {
    expect(zonedToInstant('', 'Asia/Beirut')).toBe('');
    expect(zonedToInstant('tomorrow', 'Asia/Beirut')).toBe('');
  });
});

describe('a UTC instant → the wall time in an event’s zone', () => {
  it.each([
    ['2026-10-14T17:00:00Z', 'America/Chicago', '2026-10-14T12:00'],
    ['2026-12-05T15:00:00Z', 'Asia/Beirut', '2026-12-05T17:00'],
    ['2026-03-28T23:30:00Z', 'Asia/Baghdad', '2026-03-29T02:30'],
    // both instants of Chicago's repeated hour show the same wall time
    ['2026-11-01T06:30:00Z', 'America/Chicago', '2026-11-01T01:30'],
    ['2026-11-01T07:30:00Z', 'America/Chicago', '2026-11-01T01:30'],
    ['2026-03-29T01:30:00Z', 'Europe/Paris', '2026-03-29T03:30'],
  ])('%s in %s shows %s', (instant, zone, local) => {
    expect(instantToZoned(instant, zone)).toBe(local);
  });

  it('round-trips every quarter hour of the weeks the clocks change', () => {
    const weeks = [
      [Date.UTC(2026, 2, 6), Date.UTC(2026, 2, 31)],
      [Date.UTC(2026, 9, 22), Date.UTC(2026, 10, 3)],
    ] as const;
    for (const zone of ['Asia/Beirut', 'America/Chicago', 'Europe/Paris', 'Asia/Baghdad'])
      for (const [from, to] of weeks)
        for (let time = from; time < to; time += 15 * 60_000) {
          const local = instantToZoned(new Date(time).toISOString(), zone);
          const back = Date.parse(zonedToInstant(local, zone));
          // a repeated wall time comes back as its earlier instant, an hour before the later one
          expect([time, time - 3_600_000], `${zone} ${new Date(time).toISOString()}`).toContain(back);
        }
  });
});

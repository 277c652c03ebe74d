import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import type { MahjarEventCalendar } from './event-calendar.js';
import { city, civil, clock, dateOf, dayOf, fmt, sameZone } from './time.js';

/**
 * When an event starts, in the viewer's zone and, labelled, the organiser's: `19:00 Sydney Time · 11:00 Lebanon Time`.
 * `day` (a civil day of the viewer) adds the date to a time that falls on another day.
 */
export function times(h: MahjarEventCalendar, e: MahjarEvent, at = e.startsAt, day?: number): string {
  const { zone, intl } = h;
  const mine = `${clock(at, zone, intl, day)} ${city(zone, intl)}`;
  return sameZone(e.timeZone, zone) ? mine : `${mine} · ${clock(at, e.timeZone, intl, day)} ${city(e.timeZone, intl)}`;
}

/** One event as a button that opens its details. */
export function item(h: MahjarEventCalendar, e: MahjarEvent, day: number): unknown {
  const { s } = h;
  return html`<li>
    <button part="event" class="ev ${e.status}" @click=${() => h.openEvent(e)}>
      <span class="muted">${times(h, e, e.startsAt, day)}</span>
      <strong class="ti">${h.text(e.title)}</strong>
      <span class="muted">${s.kinds[e.kind]} · <bdi>${h.org(e.organiserSlug)}</bdi> · ${s.modes[e.mode]}${
        e.status === 'scheduled' ? nothing : html` · <b class="st">${s.statuses[e.status]}</b>`
      }</span>
    </button>
  </li>`;
}

const longDay = (h: MahjarEventCalendar, d: number) =>
  fmt(h.intl, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(dateOf(d));

/** The events of the day chosen in the grid. */
export function dayPanel(h: MahjarEventCalendar): unknown {
  const d = h.selected;
  const evs = d === undefined ? [] : (h.byDay.get(d) ?? []);
  return html`<div class="dayp" aria-live="polite">
    ${
      d === undefined
        ? nothing
        : html`<h3>${longDay(h, d)}</h3>
          ${evs.length ? html`<ul part="list">${evs.map((e) => item(h, e, d))}</ul>` : html`<p class="muted">${h.s.noEvents}</p>`}`
    }
  </div>`;
}

/** The list view: the shown month's events by day. */
export function agenda(h: MahjarEventCalendar): unknown {
  const [y, m] = h.shown!;
  const [first, end] = [civil(y, m, 1), civil(y, m + 1, 1)];
  const days = new Map<number, MahjarEvent[]>();
  for (const e of h.events) {
    const d = Math.max(dayOf(e.startsAt, h.zone), first);
    if (d < end && dayOf(new Date(Date.parse(e.endsAt) - 1), h.zone) >= first) days.set(d, [...(days.get(d) ?? []), e]);
  }
  return days.size
    ? html`<div class="agenda">
        ${[...days]
          .sort((a, b) => a[0] - b[0])
          .map(
            ([d, evs]) => html`<h3>${longDay(h, d)}</h3>
            <ul part="list">${evs.map((e) => item(h, e, d))}</ul>`,
          )}
      </div>`
    : html`<p class="empty">${h.s.empty}</p>`;
}

import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { city, civil, clock, dateFormat, dateOf, dayOf, sameZone } from './time.js';
import type { CalendarView } from './view.js';

/**
 * When an event starts, in the viewer's zone and, labelled, the organiser's: `19:00 Sydney Time · 11:00 Lebanon Time`.
 * `day` (a civil day of the viewer) adds the date to a time that falls on another day.
 */
export function times(view: CalendarView, event: MahjarEvent, at = event.startsAt, day?: number): string {
  const { zone, intl } = view;
  const mine = `${clock(at, zone, intl, day)} ${city(zone, intl)}`;
  return sameZone(event.timeZone, zone)
    ? mine
    : `${mine} · ${clock(at, event.timeZone, intl, day)} ${city(event.timeZone, intl)}`;
}

/** One event as a button that opens its details. */
export function item(view: CalendarView, event: MahjarEvent, day: number): unknown {
  const { strings } = view;
  return html`<li>
    <button part="event" class="ev ${event.status}" @click=${() => view.openEvent(event)}>
      <span class="muted">${times(view, event, event.startsAt, day)}</span>
      <strong class="ti">${view.text(event.title)}</strong>
      <span class="muted">${strings.kinds[event.kind]} · <bdi>${view.organiser(event.organiserSlug)}</bdi> · ${strings.modes[event.mode]}${
        event.status === 'scheduled' ? nothing : html` · <b class="st">${strings.statuses[event.status]}</b>`
      }</span>
    </button>
  </li>`;
}

const longDay = (view: CalendarView, day: number) =>
  dateFormat(view.intl, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(dateOf(day));

/** The events of the day chosen in the grid. */
export function dayPanel(view: CalendarView): unknown {
  const day = view.selected;
  const events = day === undefined ? [] : (view.byDay.get(day) ?? []);
  return html`<div class="dayp" aria-live="polite">
    ${
      day === undefined
        ? nothing
        : html`<h3>${longDay(view, day)}</h3>
          ${events.length ? html`<ul part="list">${events.map((event) => item(view, event, day))}</ul>` : html`<p class="muted">${view.strings.noEvents}</p>`}`
    }
  </div>`;
}

/** The list view: the shown month's events by day. */
export function agenda(view: CalendarView): unknown {
  const { year, month } = view.shown;
  const first = civil(year, month, 1);
  const end = civil(year, month + 1, 1);
  const days = new Map<number, MahjarEvent[]>();
  for (const event of view.events) {
    const day = Math.max(dayOf(event.startsAt, view.zone), first);
    if (day < end && dayOf(new Date(Date.parse(event.endsAt) - 1), view.zone) >= first)
      days.set(day, [...(days.get(day) ?? []), event]);
  }
  return days.size
    ? html`<div class="agenda">
        ${[...days.keys()]
          .sort((a, b) => a - b)
          .map(
            (day) => html`<h3>${longDay(view, day)}</h3>
            <ul part="list">${days.get(day)!.map((event) => item(view, event, day))}</ul>`,
          )}
      </div>`
    : html`<p class="empty">${view.strings.empty}</p>`;
}

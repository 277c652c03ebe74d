import { html, nothing } from 'lit';
import { civilDate, clock, dateFormat, dateOf, dayOf } from './time.js';
import type { CalendarView } from './view.js';

/**
 * Keys of the APG date grid: arrows move a day (mirrored right to left) or a week, Home/End go to
 * the ends of the week, Page Up/Down a month (with Shift a year); Enter or Space choose the day.
 */
function handleKeyDown(view: CalendarView, event: KeyboardEvent): void {
  const day = view.focusDay;
  const rightToLeft = view.common.dir === 'rtl';
  const column = view.weeks.find((week) => week.includes(day))?.indexOf(day) ?? 0;
  const date = civilDate(day);
  const months = event.shiftKey ? 12 : 1;
  const targets: Record<string, number> = {
    ArrowRight: day + (rightToLeft ? -1 : 1),
    ArrowLeft: day + (rightToLeft ? 1 : -1),
    ArrowDown: day + 7,
    ArrowUp: day - 7,
    Home: day - column,
    End: day + 6 - column,
  };
  let next = targets[event.key];
  if (event.key === 'PageUp' || event.key === 'PageDown') {
    const sign = event.key === 'PageUp' ? -1 : 1;
    // The same day of the month, or the month's last day when it is shorter.
    const last = civilDate(Date.UTC(date.year, date.month + sign * months + 1, 0) / 864e5).day;
    next = Date.UTC(date.year, date.month + sign * months, Math.min(date.day, last)) / 864e5;
  }
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    view.focus(day, { select: true });
    return;
  }
  if (next === undefined) return;
  event.preventDefault();
  const target = civilDate(next);
  const { shown } = view;
  if (
    target.year !== date.year ||
    target.month !== date.month ||
    target.year !== shown.year ||
    target.month !== shown.month
  )
    view.go((target.year - shown.year) * 12 + target.month - shown.month, next);
  view.focus(next, { move: true });
}

function handleClick(view: CalendarView, event: MouseEvent): void {
  const target = event.target as HTMLElement;
  const id = target.closest<HTMLElement>('[data-id]')?.dataset.id;
  const opened = id && view.events.find((each) => each.id === id);
  if (opened) return void view.openEvent(opened);
  const cell = target.closest<HTMLElement>('[data-day]');
  if (!cell) return;
  const day = +cell.dataset.day!;
  const date = civilDate(day);
  const { shown } = view;
  if (date.year !== shown.year || date.month !== shown.month)
    view.go((date.year - shown.year) * 12 + date.month - shown.month, day);
  view.focus(day, { select: true });
}

/** The month as an ARIA grid, one roving tab stop; days outside the month are dimmed. */
export function grid(view: CalendarView, title: string): unknown {
  const { strings, zone, intl, byDay, weeks } = view;
  const today = dayOf(new Date(), zone);
  const weekday = (width: 'short' | 'long', day: number) =>
    dateFormat(intl, { timeZone: 'UTC', weekday: width }).format(dateOf(day));
  const full = dateFormat(intl, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  return html`<table role="grid" part="grid" aria-label=${title} @keydown=${(event: KeyboardEvent) => handleKeyDown(view, event)}
    @click=${(event: MouseEvent) => handleClick(view, event)}>
    <thead><tr>${weeks[0]!.map((day) => html`<th scope="col" abbr=${weekday('long', day)}>${weekday('short', day)}</th>`)}</tr></thead>
    <tbody>
      ${weeks.map(
        (week) => html`<tr>
          ${week.map((day) => {
            const events = byDay.get(day) ?? [];
            const date = civilDate(day);
            const outside = date.month !== view.shown.month;
            return html`<td role="gridcell" part="day" data-day=${day} tabindex=${day === view.focusDay ? 0 : -1}
              aria-selected=${day === view.selected} aria-current=${day === today ? 'date' : nothing} class=${outside ? 'out' : ''}>
              <span class="n" aria-hidden="true">${date.day}</span>
              <span class="vh">${full.format(dateOf(day))}${events.length ? `, ${view.plural(strings.events, events.length)}` : ''}</span>
              ${
                outside
                  ? nothing
                  : events.slice(0, 3).map(
                      (event) => html`<span class="chip ${event.status}" data-id=${event.id}>
                  ${dayOf(event.startsAt, zone) === day ? clock(event.startsAt, zone, intl) : nothing} ${view.text(event.title)}</span>`,
                    )
              }
              ${!outside && events.length > 3 ? html`<span class="more" aria-hidden="true">+${events.length - 3}</span>` : nothing}
            </td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

import { html, nothing } from 'lit';
import type { MahjarEventCalendar } from './event-calendar.js';
import { clock, dateOf, dayOf, fmt, ymd } from './time.js';

/**
 * Keys of the APG date grid: arrows move a day (mirrored right to left) or a week, Home/End go to
 * the ends of the week, Page Up/Down a month (with Shift a year); Enter or Space choose the day.
 */
async function key(h: MahjarEventCalendar, e: KeyboardEvent): Promise<void> {
  const d = h.focusDay;
  const rtl = h.common.dir === 'rtl';
  const col = h.weeks.find((w) => w.includes(d))?.indexOf(d) ?? 0;
  const [y, m, day] = ymd(d);
  const months = e.shiftKey ? 12 : 1;
  const to: Record<string, number> = {
    ArrowRight: d + (rtl ? -1 : 1),
    ArrowLeft: d + (rtl ? 1 : -1),
    ArrowDown: d + 7,
    ArrowUp: d - 7,
    Home: d - col,
    End: d + 6 - col,
  };
  let next = to[e.key];
  if (e.key === 'PageUp' || e.key === 'PageDown') {
    const sign = e.key === 'PageUp' ? -1 : 1;
    // The same day of the month, or the month's last day when it is shorter.
    const last = ymd(Date.UTC(y, m + sign * months + 1, 0) / 864e5)[2];
    next = Date.UTC(y, m + sign * months, Math.min(day, last)) / 864e5;
  }
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    h.selected = d;
    return;
  }
  if (next === undefined) return;
  e.preventDefault();
  const [ny, nm] = ymd(next);
  if (ny !== y || nm !== m || ny !== h.shown![0] || nm !== h.shown![1])
    h.go((ny - h.shown![0]) * 12 + nm - h.shown![1], next);
  else h.focusDay = next;
  await h.updateComplete;
  h.renderRoot.querySelector<HTMLElement>(`[data-day="${next}"]`)?.focus();
}

function click(h: MahjarEventCalendar, e: MouseEvent): void {
  const t = e.target as HTMLElement;
  const id = t.closest<HTMLElement>('[data-id]')?.dataset.id;
  const ev = id && h.events.find((x) => x.id === id);
  if (ev) return void h.openEvent(ev);
  const cell = t.closest<HTMLElement>('[data-day]');
  if (!cell) return;
  const d = +cell.dataset.day!;
  const [y, m] = ymd(d);
  if (y !== h.shown![0] || m !== h.shown![1]) h.go((y - h.shown![0]) * 12 + m - h.shown![1], d);
  else h.focusDay = d;
  h.selected = d;
}

/** The month as an ARIA grid, one roving tab stop; days outside the month are dimmed. */
export function grid(h: MahjarEventCalendar, title: string): unknown {
  const { s, zone, intl } = h;
  const byDay = h.byDay;
  const today = dayOf(new Date(), zone);
  const wd = (o: 'short' | 'long', d: number) => fmt(intl, { timeZone: 'UTC', weekday: o }).format(dateOf(d));
  const full = fmt(intl, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  const weeks = h.weeks;
  return html`<table role="grid" part="grid" aria-label=${title} @keydown=${(e: KeyboardEvent) => key(h, e)}
    @click=${(e: MouseEvent) => click(h, e)}>
    <thead><tr>${weeks[0]!.map((d) => html`<th scope="col" abbr=${wd('long', d)}>${wd('short', d)}</th>`)}</tr></thead>
    <tbody>
      ${weeks.map(
        (w) => html`<tr>
          ${w.map((d) => {
            const evs = byDay.get(d) ?? [];
            const out = ymd(d)[1] !== h.shown![1];
            return html`<td role="gridcell" part="day" data-day=${d} tabindex=${d === h.focusDay ? 0 : -1}
              aria-selected=${d === h.selected} aria-current=${d === today ? 'date' : nothing} class=${out ? 'out' : ''}>
              <span class="n" aria-hidden="true">${ymd(d)[2]}</span>
              <span class="vh">${full.format(dateOf(d))}${evs.length ? `, ${h.plural(s.events, evs.length)}` : ''}</span>
              ${
                out
                  ? nothing
                  : evs.slice(0, 3).map(
                      (e) => html`<span class="chip ${e.status}" data-id=${e.id}>
                  ${dayOf(e.startsAt, zone) === d ? clock(e.startsAt, zone, intl) : nothing} ${h.text(e.title)}</span>`,
                    )
              }
              ${!out && evs.length > 3 ? html`<span class="more" aria-hidden="true">+${evs.length - 3}</span>` : nothing}
            </td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

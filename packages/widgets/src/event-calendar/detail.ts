/**
 * The event dialog of `<mahjar-event-calendar>`: loaded as its own chunk when an event is first
 * opened (the month and the list render without it), with registration and add to calendar.
 */
import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing, type ReactiveElement } from 'lit';
import { addToCalendar } from './add-to-calendar.js';
import { Registration, type RegistrationOptions } from './registration.js';
import { city, dateFormat, sameZone } from './time.js';
import type { CalendarView } from './view.js';

/** The dialog's controller: its registration form, kept while the same event stays open. */
export class EventDetails {
  #registration: Registration;

  constructor(host: ReactiveElement, options: RegistrationOptions) {
    this.#registration = new Registration(host, options);
  }

  /** Another event is opened: a new registration form. */
  reset(): void {
    this.#registration.reset();
  }

  /** The dialog for `event`; `handleClose` puts the focus back where it was. */
  render(view: CalendarView, event: MahjarEvent, handleClose: () => void): unknown {
    return detail(view, event, this.#registration, handleClose);
  }
}

/** The event's details in a modal dialog: what, when (both zones), where, who, seats, then act. */
function detail(view: CalendarView, event: MahjarEvent, registration: Registration, handleClose: () => void): unknown {
  const { strings, intl } = view;
  const close = (from: Event) => ((from.target as Element).closest('dialog') as HTMLDialogElement).close();
  const range = (zone: string) =>
    `${dateFormat(intl, { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(event.startsAt), new Date(event.endsAt))} (${city(zone, intl)})`;
  const location = event.location;
  const region = new Intl.DisplayNames(intl, { type: 'region' });
  const area = view.areas.find((each) => each.code === event.priorityArea);
  const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
  // Full: the registration form says what registering does now (the waitlist), once.
  const seats =
    event.seatsLeft === null
      ? nothing
      : event.seatsLeft > 0
        ? view.plural(strings.seats, event.seatsLeft)
        : strings.full;
  const ended = Date.parse(event.endsAt) < Date.now();
  return html`<dialog part="dialog" aria-labelledby="dt" @close=${handleClose}
    @click=${(click: Event) => click.target === click.currentTarget && close(click)}>
    <header>
      <h2 id="dt" class=${event.status}>${view.text(event.title)}</h2>
      <button class="x" aria-label=${strings.close} @click=${close}>×</button>
    </header>
    ${
      event.status === 'scheduled'
        ? nothing
        : html`<p class="st">${strings.statuses[event.status]}${event.cancellationReason ? html`: ${view.text(event.cancellationReason)}` : nothing}</p>`
    }
    <dl>
      ${row(strings.when, html`${range(view.zone)}${sameZone(event.timeZone, view.zone) ? nothing : html`<br />${range(event.timeZone)}`}`)}
      ${row(
        strings.mode,
        location
          ? html`${strings.modes[event.mode]}: <bdi>${location.venue}, ${location.city}</bdi>, ${region.of(location.country) ?? location.country}`
          : strings.modes[event.mode],
      )}
      ${row(strings.organiser, html`<bdi>${view.organiser(event.organiserSlug)}</bdi>`)}
      ${row(strings.kind, strings.kinds[event.kind])}
      ${row(strings.language, new Intl.DisplayNames(intl, { type: 'language' }).of(event.language) ?? event.language)}
      ${area ? row(strings.priorityArea, view.text(area.name)) : nothing}
      ${event.cmeCredits ? row('CME', strings.cme(view.number(event.cmeCredits))) : nothing}
      ${seats === nothing ? nothing : row(strings.seatsLabel, seats)}
    </dl>
    ${event.description ? html`<p class="desc">${view.text(event.description)}</p>` : nothing}
    ${
      event.speakers.length
        ? html`<h3>${strings.speakers}</h3>
          <ul class="spk">${event.speakers.map((p) => html`<li><bdi>${p.name}</bdi>${p.affiliation ? html`<span class="muted">, <bdi>${p.affiliation}</bdi></span>` : nothing}</li>`)}</ul>`
        : nothing
    }
    ${ended && /^https:/.test(event.recordingUrl ?? '') ? html`<p><a class="btn" href=${event.recordingUrl!} target="_blank" rel="noopener">${strings.recording}</a></p>` : nothing}
    ${ended ? nothing : registration.render(view, event)}
    ${addToCalendar(view, event)}
  </dialog>`;
}

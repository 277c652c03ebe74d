import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { addToCalendar } from './add-to-calendar.js';
import type { MahjarEventCalendar } from './event-calendar.js';
import { registration } from './registration-form.js';
import { city, fmt, sameZone } from './time.js';

/** The event's details in a modal dialog: what, when (both zones), where, who, seats, then act. */
export function detail(h: MahjarEventCalendar, e: MahjarEvent): unknown {
  const { s, intl } = h;
  const close = () => h.renderRoot.querySelector('dialog')!.close();
  const range = (zone: string) =>
    `${fmt(intl, { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(e.startsAt), new Date(e.endsAt))} (${city(zone, intl)})`;
  const loc = e.location;
  const region = new Intl.DisplayNames(intl, { type: 'region' });
  const area = h.areas.find((a) => a.code === e.priorityArea);
  const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
  // Full: the registration form says what registering does now (the waitlist), once.
  const seats = e.seatsLeft === null ? nothing : e.seatsLeft > 0 ? h.plural(s.seats, e.seatsLeft) : s.full;
  const ended = Date.parse(e.endsAt) < Date.now();
  return html`<dialog part="dialog" aria-labelledby="dt" @close=${() => h.closed()}
    @click=${(ev: Event) => ev.target === ev.currentTarget && close()}>
    <header>
      <h2 id="dt" class=${e.status}>${h.text(e.title)}</h2>
      <button class="x" aria-label=${s.close} @click=${close}>×</button>
    </header>
    ${
      e.status === 'scheduled'
        ? nothing
        : html`<p class="st">${s.statuses[e.status]}${e.cancellationReason ? html`: ${h.text(e.cancellationReason)}` : nothing}</p>`
    }
    <dl>
      ${row(s.when, html`${range(h.zone)}${sameZone(e.timeZone, h.zone) ? nothing : html`<br />${range(e.timeZone)}`}`)}
      ${row(
        s.mode,
        loc
          ? html`${s.modes[e.mode]}: <bdi>${loc.venue}, ${loc.city}</bdi>, ${region.of(loc.country) ?? loc.country}`
          : s.modes[e.mode],
      )}
      ${row(s.organiser, html`<bdi>${h.org(e.organiserSlug)}</bdi>`)}
      ${row(s.kind, s.kinds[e.kind])}
      ${row(s.language, new Intl.DisplayNames(intl, { type: 'language' }).of(e.language) ?? e.language)}
      ${area ? row(s.priorityArea, h.text(area.name)) : nothing}
      ${e.cmeCredits ? row('CME', s.cme(h.number(e.cmeCredits))) : nothing}
      ${seats === nothing ? nothing : row(s.seatsLabel, seats)}
    </dl>
    ${e.description ? html`<p class="desc">${h.text(e.description)}</p>` : nothing}
    ${
      e.speakers.length
        ? html`<h3>${s.speakers}</h3>
          <ul class="spk">${e.speakers.map((p) => html`<li><bdi>${p.name}</bdi>${p.affiliation ? html`<span class="muted">, <bdi>${p.affiliation}</bdi></span>` : nothing}</li>`)}</ul>`
        : nothing
    }
    ${ended && /^https:/.test(e.recordingUrl ?? '') ? html`<p><a class="btn" href=${e.recordingUrl!} target="_blank" rel="noopener">${s.recording}</a></p>` : nothing}
    ${ended ? nothing : registration(h, e)}
    ${addToCalendar(h, e)}
  </dialog>`;
}

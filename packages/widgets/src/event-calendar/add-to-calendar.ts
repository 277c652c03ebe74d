import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { localText } from '../shared/localize.js';
import { basic } from './time.js';
import type { CalendarView } from './view.js';

/**
 * Add to calendar: the public `.ics` (no join link), Google and Outlook links built from the UTC
 * instants, and the organiser's feed as `webcal://` (opens the calendar app) and as plain https.
 */
export function addToCalendar(view: CalendarView, event: MahjarEvent): unknown {
  const { strings, base } = view;
  if (!base) return nothing;
  const title = localText(event.title, view.ui).text;
  const where = event.location ? `${event.location.venue}, ${event.location.city}` : '';
  const about = event.description ? localText(event.description, view.ui).text : '';
  const query = (parameters: Record<string, string>) => new URLSearchParams(parameters).toString();
  const google = `https://calendar.google.com/calendar/render?${query({
    action: 'TEMPLATE',
    text: title,
    dates: `${basic(event.startsAt)}/${basic(event.endsAt)}`,
    details: about,
    location: where,
  })}`;
  const outlook = (host: string) =>
    `https://${host}/calendar/0/deeplink/compose?${query({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: title,
      startdt: new Date(event.startsAt).toISOString(),
      enddt: new Date(event.endsAt).toISOString(),
      body: about,
      location: where,
    })}`;
  const feed = `${base}/v1/organisations/${encodeURIComponent(event.organiserSlug)}/events.ics`;
  const link = (href: string, label: string, blank = true) =>
    html`<li><a href=${href} target=${blank ? '_blank' : nothing} rel="noopener">${label}</a></li>`;
  return html`<details part="add-to-calendar" class="atc">
    <summary>${strings.addToCalendar}</summary>
    <ul>
      ${link(`${base}/v1/events/${event.id}/ics`, strings.ics, false)} ${link(google, 'Google Calendar')}
      ${link(outlook('outlook.live.com'), 'Outlook.com')} ${link(outlook('outlook.office.com'), 'Microsoft 365')}
      ${link(feed.replace(/^https?:/, 'webcal:'), strings.subscribe(view.organiser(event.organiserSlug)), false)}
      ${link(feed, strings.feedLink, false)}
    </ul>
  </details>`;
}

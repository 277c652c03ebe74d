import type { Event as MahjarEvent } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { localText } from '../shared/localize.js';
import type { MahjarEventCalendar } from './event-calendar.js';
import { basic } from './time.js';

/**
 * Add to calendar: the public `.ics` (no join link), Google and Outlook links built from the UTC
 * instants, and the organiser's feed as `webcal://` (opens the calendar app) and as plain https.
 */
export function addToCalendar(h: MahjarEventCalendar, e: MahjarEvent): unknown {
  const { s, base } = h;
  if (!base) return nothing;
  const title = localText(e.title, h.ui).text;
  const where = e.location ? `${e.location.venue}, ${e.location.city}` : '';
  const about = e.description ? localText(e.description, h.ui).text : '';
  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const google = `https://calendar.google.com/calendar/render?${q({
    action: 'TEMPLATE',
    text: title,
    dates: `${basic(e.startsAt)}/${basic(e.endsAt)}`,
    details: about,
    location: where,
  })}`;
  const outlook = (host: string) =>
    `https://${host}/calendar/0/deeplink/compose?${q({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: title,
      startdt: new Date(e.startsAt).toISOString(),
      enddt: new Date(e.endsAt).toISOString(),
      body: about,
      location: where,
    })}`;
  const feed = `${base}/v1/organisations/${encodeURIComponent(e.organiserSlug)}/events.ics`;
  const link = (href: string, label: string, blank = true) =>
    html`<li><a href=${href} target=${blank ? '_blank' : nothing} rel="noopener">${label}</a></li>`;
  return html`<details part="add-to-calendar" class="atc">
    <summary>${s.addToCalendar}</summary>
    <ul>
      ${link(`${base}/v1/events/${e.id}/ics`, s.ics, false)} ${link(google, 'Google Calendar')}
      ${link(outlook('outlook.live.com'), 'Outlook.com')} ${link(outlook('outlook.office.com'), 'Microsoft 365')}
      ${link(feed.replace(/^https?:/, 'webcal:'), s.subscribe(h.org(e.organiserSlug)), false)}
      ${link(feed, s.feedLink, false)}
    </ul>
  </details>`;
}

import {
  type AdminEvent,
  type EventInput,
  type EventPatch,
  eventKindValues,
  eventModeValues,
  type MahjarClient,
  newIdempotencyKey,
  type Problem,
} from '@mahjar/sdk';
import { html, nothing } from 'lit';
import type { Locale, Strings } from '../i18n.js';
import { asProblem, errorsAt } from '../shared.js';
import { browserZone, instantToZoned, timeZones, zonedToInstant } from '../zoned-time.js';

/** What the event form needs from its screen. */
export interface EventFormView {
  locale: Locale;
  problem?: Problem;
  busy: boolean;
  /** The event being edited (the form is prefilled with it); none for a new event. */
  event?: AdminEvent;
  say: (key: keyof Strings) => string;
  onSubmit: (submit: SubmitEvent) => void;
}

/**
 * The form's fields as the contract's `EventInput`: the title in the console's language, the times
 * read on the clocks of the zone chosen in the form (not the browser's) and sent as UTC instants.
 */
export function eventInput(form: HTMLFormElement, locale: Locale): EventInput {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const mode = text('mode') as EventInput['mode'];
  const capacity = text('capacity');
  const timeZone = text('timeZone');
  return {
    kind: text('kind') as EventInput['kind'],
    title: { [locale]: text('title') },
    startsAt: zonedToInstant(text('startsAt'), timeZone),
    endsAt: zonedToInstant(text('endsAt'), timeZone),
    timeZone,
    mode,
    language: text('language'),
    ...(mode !== 'online'
      ? { location: { venue: text('venue'), city: text('city'), country: text('country').toUpperCase() } }
      : {}),
    ...(mode !== 'in_person' ? { joinUrl: text('joinUrl') } : {}),
    ...(capacity ? { capacity: Number(capacity) } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What the edit form changed of `event`, as the contract's `EventPatch` (merge-patch: only the
 * changed fields; `null` clears the location of an event gone online, the join link of one gone in
 * person, and an emptied capacity). The title changes only in the console's language.
 */
export function eventPatch(form: HTMLFormElement, locale: Locale, event: AdminEvent): EventPatch {
  const input = eventInput(form, locale);
  const title = input.title[locale] ?? '';
  const patch: EventPatch = {};
  if (input.kind !== event.kind) patch.kind = input.kind;
  if (title !== (event.title[locale] ?? '')) patch.title = { ...event.title, [locale]: title };
  if (Date.parse(input.startsAt) !== Date.parse(event.startsAt)) patch.startsAt = input.startsAt;
  if (Date.parse(input.endsAt) !== Date.parse(event.endsAt)) patch.endsAt = input.endsAt;
  if (input.timeZone !== event.timeZone) patch.timeZone = input.timeZone;
  if (input.mode !== event.mode) patch.mode = input.mode;
  if (input.language !== event.language) patch.language = input.language;
  const location = input.location ?? null;
  const was = event.location && {
    venue: event.location.venue,
    city: event.location.city,
    country: event.location.country,
  };
  if (!same(location, was)) patch.location = location;
  const joinUrl = input.joinUrl || null;
  if (!same(joinUrl, event.joinUrl)) patch.joinUrl = joinUrl;
  const capacity = input.capacity ?? null;
  if (capacity !== event.capacity) patch.capacity = capacity;
  return patch;
}

type Saved = { event?: AdminEvent; problem?: Problem };

/** Creates the event (`createEvent`, editor), once however often it is sent. */
export async function createEvent(client: MahjarClient, body: EventInput): Promise<Saved> {
  const { data, error } = await client
    .POST('/v1/admin/events', { params: { header: { 'Idempotency-Key': newIdempotencyKey() } }, body })
    .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
  return data ? { event: data } : { problem: asProblem(error) };
}

/** Changes the event (`updateEvent`, editor); registrants are mailed by the server when the time or place moves. */
export async function updateEvent(client: MahjarClient, id: string, body: EventPatch): Promise<Saved> {
  const { data, error } = await client
    .PATCH('/v1/admin/events/{id}', { params: { path: { id } }, body })
    .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
  return data ? { event: data } : { problem: asProblem(error) };
}

function field(view: EventFormView, name: string, label: string, pointer: string, input: unknown) {
  const error = errorsAt(view.problem, pointer);
  return html`<label data-field=${name}
    >${label} ${input}
    <span class="field-error" id="event-${name}-error">${error}</span></label
  >`;
}

/**
 * The new-event and edit-event form (a render helper: the screen holds its state). An event with no
 * title in the console's language shows its other title as the placeholder; left empty, the titles
 * stay as they are.
 */
export function renderEventForm(view: EventFormView) {
  const s = view.say;
  const event = view.event;
  const zone = event?.timeZone ?? browserZone();
  const invalid = (pointer: string) => (errorsAt(view.problem, pointer) ? 'true' : 'false');
  const pointed = (view.problem?.errors ?? []).length > 0;
  const wall = (instant: string | undefined) => (instant ? instantToZoned(instant, zone) : '');
  return html`<form class="inline" novalidate @submit=${view.onSubmit}>
    <div class="row">
      ${field(view, 'title', s('eventTitle'), '/title', html`<input name="title" required maxlength="200" .value=${event?.title[view.locale] ?? ''} placeholder=${(event && !event.title[view.locale] && Object.values(event.title)[0]) || ''} aria-invalid=${invalid('/title')} aria-describedby="event-title-error" />`)}
      ${field(
        view,
        'kind',
        s('eventKind'),
        '/kind',
        html`<select name="kind">${eventKindValues.map((k) => html`<option value=${k} ?selected=${event?.kind === k}>${s(`kind_${k}`)}</option>`)}</select>`,
      )}
      ${field(
        view,
        'mode',
        s('eventMode'),
        '/mode',
        html`<select name="mode">${eventModeValues.map((m) => html`<option value=${m} ?selected=${event?.mode === m}>${s(`mode_${m}`)}</option>`)}</select>`,
      )}
    </div>
    <div class="row">
      ${field(
        view,
        'timeZone',
        s('timeZone'),
        '/timeZone',
        html`<select name="timeZone" dir="ltr" aria-invalid=${invalid('/timeZone')} aria-describedby="event-timeZone-error">
          ${timeZones(zone).map((z) => html`<option value=${z} ?selected=${z === zone}>${z}</option>`)}
        </select>`,
      )}
      ${field(view, 'startsAt', s('startsAt'), '/startsAt', html`<input name="startsAt" type="datetime-local" required .value=${wall(event?.startsAt)} aria-invalid=${invalid('/startsAt')} aria-describedby="event-startsAt-error" />`)}
      ${field(view, 'endsAt', s('endsAt'), '/endsAt', html`<input name="endsAt" type="datetime-local" required .value=${wall(event?.endsAt)} aria-invalid=${invalid('/endsAt')} aria-describedby="event-endsAt-error" />`)}
    </div>
    <div class="row">
      ${field(view, 'language', s('eventLanguage'), '/language', html`<input name="language" .value=${event?.language ?? view.locale} size="4" dir="ltr" aria-invalid=${invalid('/language')} aria-describedby="event-language-error" />`)}
      ${field(view, 'capacity', s('capacity'), '/capacity', html`<input name="capacity" type="number" min="1" .value=${event?.capacity == null ? '' : String(event.capacity)} aria-invalid=${invalid('/capacity')} aria-describedby="event-capacity-error" />`)}
    </div>
    <div class="row">
      ${field(view, 'venue', s('venue'), '/location', html`<input name="venue" .value=${event?.location?.venue ?? ''} aria-invalid=${invalid('/location')} aria-describedby="event-venue-error" />`)}
      ${field(view, 'city', s('city'), '/location/city', html`<input name="city" .value=${event?.location?.city ?? ''} />`)}
      ${field(view, 'country', s('country'), '/location/country', html`<input name="country" size="3" maxlength="2" dir="ltr" .value=${event?.location?.country ?? ''} />`)}
      ${field(view, 'joinUrl', s('joinUrl'), '/joinUrl', html`<input name="joinUrl" type="url" dir="ltr" .value=${event?.joinUrl ?? ''} aria-invalid=${invalid('/joinUrl')} aria-describedby="event-joinUrl-error" />`)}
    </div>
    ${view.problem && !pointed ? html`<p class="error" role="alert">${view.problem.detail || view.problem.title}</p>` : nothing}
    <button ?disabled=${view.busy}>${s(event ? 'saveEvent' : 'createEvent')}</button>
  </form>`;
}

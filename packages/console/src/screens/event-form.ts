import {
  type AdminEvent,
  type EventInput,
  eventKindValues,
  eventModeValues,
  type MahjarClient,
  newIdempotencyKey,
  type Problem,
} from '@mahjar/sdk';
import { html, nothing } from 'lit';
import type { Locale, Strings } from '../i18n.js';
import { asProblem } from '../shared.js';

/** What the new-event form needs from its screen. */
export interface EventFormView {
  locale: Locale;
  problem?: Problem;
  busy: boolean;
  say: (key: keyof Strings) => string;
  onSubmit: (submit: SubmitEvent) => void;
}

/** A `datetime-local` value (the browser's own zone) as an instant; empty stays empty for the API to refuse at its field. */
const instant = (value: string) => (value ? new Date(value).toISOString() : '');

/** The form's fields as the contract's `EventInput`: the title in the console's language, the organiser's zone the browser's unless changed. */
export function eventInput(form: HTMLFormElement, locale: Locale): EventInput {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const mode = text('mode') as EventInput['mode'];
  const capacity = text('capacity');
  return {
    kind: text('kind') as EventInput['kind'],
    title: { [locale]: text('title') },
    startsAt: instant(text('startsAt')),
    endsAt: instant(text('endsAt')),
    timeZone: text('timeZone'),
    mode,
    language: text('language'),
    ...(mode !== 'online'
      ? { location: { venue: text('venue'), city: text('city'), country: text('country').toUpperCase() } }
      : {}),
    ...(mode !== 'in_person' ? { joinUrl: text('joinUrl') } : {}),
    ...(capacity ? { capacity: Number(capacity) } : {}),
  };
}

/** Creates the event (`createEvent`, editor), once however often it is sent. */
export async function createEvent(
  client: MahjarClient,
  body: EventInput,
): Promise<{ event?: AdminEvent; problem?: Problem }> {
  const { data, error } = await client
    .POST('/v1/admin/events', { params: { header: { 'Idempotency-Key': newIdempotencyKey() } }, body })
    .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
  return data ? { event: data } : { problem: asProblem(error) };
}

/** The messages of a refused form whose pointer starts with `prefix` (`/location` covers `/location/city`). */
const errorsAt = (problem: Problem | undefined, prefix: string) =>
  (problem?.errors ?? [])
    .filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`))
    .map((e) => e.detail)
    .join('; ');

function field(view: EventFormView, name: string, label: string, pointer: string, input: unknown) {
  const error = errorsAt(view.problem, pointer);
  return html`<label data-field=${name}
    >${label} ${input}
    <span class="field-error" id="event-${name}-error">${error}</span></label
  >`;
}

/** The new-event form (a render helper: the screen holds its state). */
export function renderEventForm(view: EventFormView) {
  const s = view.say;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const invalid = (pointer: string) => (errorsAt(view.problem, pointer) ? 'true' : 'false');
  const pointed = (view.problem?.errors ?? []).length > 0;
  return html`<form class="inline" novalidate @submit=${view.onSubmit}>
    <div class="row">
      ${field(view, 'title', s('eventTitle'), '/title', html`<input name="title" required maxlength="200" aria-invalid=${invalid('/title')} aria-describedby="event-title-error" />`)}
      ${field(
        view,
        'kind',
        s('eventKind'),
        '/kind',
        html`<select name="kind">${eventKindValues.map((k) => html`<option value=${k}>${s(`kind_${k}`)}</option>`)}</select>`,
      )}
      ${field(
        view,
        'mode',
        s('eventMode'),
        '/mode',
        html`<select name="mode">${eventModeValues.map((m) => html`<option value=${m}>${s(`mode_${m}`)}</option>`)}</select>`,
      )}
    </div>
    <div class="row">
      ${field(view, 'startsAt', s('startsAt'), '/startsAt', html`<input name="startsAt" type="datetime-local" required aria-invalid=${invalid('/startsAt')} aria-describedby="event-startsAt-error" />`)}
      ${field(view, 'endsAt', s('endsAt'), '/endsAt', html`<input name="endsAt" type="datetime-local" required aria-invalid=${invalid('/endsAt')} aria-describedby="event-endsAt-error" />`)}
      ${field(view, 'timeZone', s('timeZone'), '/timeZone', html`<input name="timeZone" .value=${zone} dir="ltr" aria-invalid=${invalid('/timeZone')} aria-describedby="event-timeZone-error" />`)}
      ${field(view, 'language', s('eventLanguage'), '/language', html`<input name="language" .value=${view.locale} size="4" dir="ltr" aria-invalid=${invalid('/language')} aria-describedby="event-language-error" />`)}
      ${field(view, 'capacity', s('capacity'), '/capacity', html`<input name="capacity" type="number" min="1" aria-invalid=${invalid('/capacity')} aria-describedby="event-capacity-error" />`)}
    </div>
    <div class="row">
      ${field(view, 'venue', s('venue'), '/location', html`<input name="venue" aria-invalid=${invalid('/location')} aria-describedby="event-venue-error" />`)}
      ${field(view, 'city', s('city'), '/location/city', html`<input name="city" />`)}
      ${field(view, 'country', s('country'), '/location/country', html`<input name="country" size="3" maxlength="2" dir="ltr" />`)}
      ${field(view, 'joinUrl', s('joinUrl'), '/joinUrl', html`<input name="joinUrl" type="url" dir="ltr" aria-invalid=${invalid('/joinUrl')} aria-describedby="event-joinUrl-error" />`)}
    </div>
    ${view.problem && !pointed ? html`<p class="error" role="alert">${view.problem.detail || view.problem.title}</p>` : nothing}
    <button ?disabled=${view.busy}>${s('createEvent')}</button>
  </form>`;
}

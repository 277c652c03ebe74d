import {
  type Event as MahjarEvent,
  newIdempotencyKey,
  PROBLEM_BASE,
  type Problem,
  type Registration,
} from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import type { MahjarEventCalendar } from './event-calendar.js';

type Field = 'name' | 'email' | 'profile';

/** A registration in progress (or done) for the opened event. */
export interface Attempt {
  /** What was typed, kept through failures. */
  values?: Partial<Record<Field, string>>;
  errors?: Partial<Record<Field, string>>;
  sending?: boolean;
  problem?: Problem;
  done?: Registration;
  /** [Idempotency-Key, body]: a retry of the same body reuses the key, so it registers once. */
  key?: [string, string];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function submit(h: MahjarEventCalendar, e: MahjarEvent, ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  if (h.reg.sending) return;
  const { s } = h;
  const f = new FormData(ev.target as HTMLFormElement);
  const values = Object.fromEntries(
    (['name', 'email', 'profile'] as Field[]).map((k) => [k, String(f.get(k) ?? '').trim()]),
  );
  const id = UUID.exec(values.profile!)?.[0];
  const errors: Attempt['errors'] = {};
  if (!values.name) errors.name = s.nameRequired;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email!)) errors.email = s.emailInvalid;
  if (values.profile && !id) errors.profile = s.profileInvalid;
  const body = { name: values.name!, email: values.email!, locale: h.intl, ...(id ? { professionalId: id } : {}) };
  const json = JSON.stringify(body);
  const key: [string, string] = h.reg.key?.[1] === json ? h.reg.key : [newIdempotencyKey(), json];
  const bad = Object.keys(errors).length > 0;
  h.reg = { values, errors, key, sending: !bad };
  if (bad) {
    await h.updateComplete;
    return h.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  }
  const { data, error } = await h.client!.POST('/v1/events/{id}/registrations', {
    params: { path: { id: e.id }, header: { 'Idempotency-Key': key[0], 'Accept-Language': h.intl } },
    body,
  });
  if (data) {
    h.reg = { values, done: data };
    // Seats changed: the event is read again past the HTTP cache (the list's copy may be minutes old).
    h.client!.GET('/v1/events/{id}', { params: { path: { id: e.id } }, cache: 'no-cache' }).then(({ data: now }) => {
      if (now && h.opened?.id === e.id) h.opened = now;
    });
    emit(h, 'mahjar-registration-complete', {
      eventId: e.id,
      registrationId: data.id,
      status: data.status,
      waitlistPosition: data.waitlistPosition,
    });
    return;
  }
  const problem = error as Problem;
  // The server's field errors, shown at the fields in the reader's language.
  const at: Record<string, Field> = { '/name': 'name', '/email': 'email', '/professionalId': 'profile' };
  for (const { pointer } of problem.errors ?? [])
    if (at[pointer])
      errors[at[pointer]] = s[`${at[pointer]}${at[pointer] === 'name' ? 'Required' : 'Invalid'}` as 'nameRequired'];
  h.reg = { values, errors, key, problem };
  h.fail(problem);
}

/** Registration: the form, or why it is not possible, or the confirmation. */
export function registration(h: MahjarEventCalendar, e: MahjarEvent): unknown {
  const { s, reg } = h;
  const done = reg.done;
  if (done)
    return html`<div class="ok" role="status">
      <p>${done.status === 'waitlisted' ? s.waitlisted(h.number(done.waitlistPosition ?? 1), done.email) : s.confirmed(done.email)}</p>
      <p><a href=${done.icsUrl} download>${s.personalIcs}</a></p>
    </div>`;
  const closed =
    e.status === 'cancelled'
      ? 'event-cancelled'
      : Date.now() >= Date.parse(e.registrationClosesAt ?? e.startsAt)
        ? 'registration-closed'
        : e.seatsLeft === 0 && !e.waitlistEnabled
          ? 'event-full'
          : '';
  if (closed) return html`<p class="st">${s.problems[closed]}</p>`;
  const v = reg.values ?? {};
  const field = (k: Field, label: string, type: string, auto: string, max: number) => html`<label class="field"
      >${label}<input part="field" name=${k} type=${type} autocomplete=${auto} maxlength=${max} .value=${v[k] ?? ''}
        aria-invalid=${!!reg.errors?.[k]} aria-describedby="${k}-err" ?required=${k !== 'profile'}
    /></label>
    ${reg.errors?.[k] ? html`<p class="err" id="${k}-err">${reg.errors[k]}</p>` : nothing}`;
  const p = reg.problem;
  return html`<form part="form" novalidate @submit=${(ev: SubmitEvent) => submit(h, e, ev)}>
    <h3>${s.register}</h3>
    ${e.seatsLeft === 0 ? html`<p class="muted">${s.waitlist}</p>` : nothing}
    ${field('name', s.name, 'text', 'name', 120)} ${field('email', s.email, 'email', 'email', 254)}
    ${field('profile', s.profile, 'url', 'url', 300)}
    ${
      p
        ? html`<p class="err" part="error" role="alert">${s.problems[p.type.replace(PROBLEM_BASE, '')] ?? h.problemText(p)}</p>`
        : nothing
    }
    <button class="btn" part="submit" ?disabled=${reg.sending}>${reg.sending ? s.sending : s.register}</button>
  </form>`;
}

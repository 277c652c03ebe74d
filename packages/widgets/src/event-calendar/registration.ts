import type { MahjarClient, Event as MahjarEvent, Registration as MahjarRegistration, Problem } from '@mahjar/sdk';
import { PROBLEM_BASE } from '@mahjar/sdk';
import { html, nothing, type ReactiveElement } from 'lit';
import { Submission } from '../shared/submission.js';
import type { CalendarView } from './view.js';

type Field = 'name' | 'email' | 'profile';
const FIELDS: Field[] = ['name', 'email', 'profile'];
/** Where the server's problem pointers land in the form. */
const FIELD_OF_POINTER: Record<string, Field> = { '/name': 'name', '/email': 'email', '/professionalId': 'profile' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What registration needs from the calendar (closures over the element's own members). */
export interface RegistrationOptions {
  client(): MahjarClient;
  intl(): string;
  /** Someone registered for the event `id`: the calendar announces it and reads the seats again. */
  onRegistered(registration: MahjarRegistration, id: string): void;
  onError(problem: Problem): void;
}

/**
 * Registration for the opened event: the form's checks, the request as a `Submission` (a retry of
 * the same body reuses its Idempotency-Key, so it registers once), what was typed kept through
 * failures, and the confirmation.
 */
export class Registration {
  #host: ReactiveElement;
  #options: RegistrationOptions;
  #submission: Submission<Field>;
  /** What was typed, kept through failures. */
  #values: Partial<Record<Field, string>> = {};
  #done?: MahjarRegistration;

  constructor(host: ReactiveElement, options: RegistrationOptions) {
    this.#host = host;
    this.#options = options;
    this.#submission = new Submission(host);
  }

  /** Another event was opened: a new form. */
  reset(): void {
    this.#values = {};
    this.#done = undefined;
    this.#submission.show({});
  }

  async #submit(view: CalendarView, event: MahjarEvent, submitEvent: SubmitEvent): Promise<void> {
    submitEvent.preventDefault();
    const submission = this.#submission;
    if (submission.sending) return;
    const { strings } = view;
    const form = new FormData(submitEvent.target as HTMLFormElement);
    const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? '').trim()])) as Record<
      Field,
      string
    >;
    this.#values = values;
    const professionalId = UUID.exec(values.profile)?.[0];
    const messages: Record<Field, string> = {
      name: strings.nameRequired,
      email: strings.emailInvalid,
      profile: strings.profileInvalid,
    };
    const errors: Partial<Record<Field, string>> = {};
    if (!values.name) errors.name = messages.name;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = messages.email;
    if (values.profile && !professionalId) errors.profile = messages.profile;
    if (Object.keys(errors).length) {
      submission.show(errors);
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    const intl = this.#options.intl();
    const outcome = await submission.submit(
      {
        body: () => ({
          name: values.name,
          email: values.email,
          locale: intl,
          ...(professionalId ? { professionalId } : {}),
        }),
        send: (body, idempotencyKey) =>
          this.#options.client().POST('/v1/events/{id}/registrations', {
            params: { path: { id: event.id }, header: { 'Idempotency-Key': idempotencyKey, 'Accept-Language': intl } },
            body,
          }),
      },
      // The server's field errors, shown at the fields in the reader's language.
      (pointer) => FIELD_OF_POINTER[pointer],
      (field) => messages[field],
    );
    if (outcome && 'result' in outcome) {
      this.#done = outcome.result;
      this.#options.onRegistered(outcome.result, event.id);
    } else if (outcome) this.#options.onError(outcome.problem);
  }

  /** The form, or why registering is not possible, or the confirmation. */
  render(view: CalendarView, event: MahjarEvent): unknown {
    const { strings } = view;
    const done = this.#done;
    if (done)
      return html`<div class="ok" role="status">
      <p>${done.status === 'waitlisted' ? strings.waitlisted(view.number(done.waitlistPosition ?? 1), done.email) : strings.confirmed(done.email)}</p>
      <p><a href=${done.icsUrl} download>${strings.personalIcs}</a></p>
    </div>`;
    const closed =
      event.status === 'cancelled'
        ? 'event-cancelled'
        : Date.now() >= Date.parse(event.registrationClosesAt ?? event.startsAt)
          ? 'registration-closed'
          : event.seatsLeft === 0 && !event.waitlistEnabled
            ? 'event-full'
            : '';
    if (closed) return html`<p class="st">${strings.problems[closed]}</p>`;
    const { errors, problem, sending } = this.#submission;
    const values = this.#values;
    const field = (
      name: Field,
      label: string,
      type: string,
      autocomplete: string,
      maxLength: number,
    ) => html`<label class="field"
      >${label}<input part="field" name=${name} type=${type} autocomplete=${autocomplete} maxlength=${maxLength} .value=${values[name] ?? ''}
        aria-invalid=${!!errors[name]} aria-describedby="${name}-err" ?required=${name !== 'profile'}
    /></label>
    ${errors[name] ? html`<p class="err" id="${name}-err">${errors[name]}</p>` : nothing}`;
    return html`<form part="form" novalidate @submit=${(submitEvent: SubmitEvent) => this.#submit(view, event, submitEvent)}>
    <h3>${strings.register}</h3>
    ${event.seatsLeft === 0 ? html`<p class="muted">${strings.waitlist}</p>` : nothing}
    ${field('name', strings.name, 'text', 'name', 120)} ${field('email', strings.email, 'email', 'email', 254)}
    ${field('profile', strings.profile, 'url', 'url', 300)}
    ${
      problem
        ? html`<p class="err" part="error" role="alert">${strings.problems[problem.type.replace(PROBLEM_BASE, '')] ?? view.problemText(problem)}</p>`
        : nothing
    }
    <button class="btn" part="submit" ?disabled=${sending}>${sending ? strings.sending : strings.register}</button>
  </form>`;
  }
}

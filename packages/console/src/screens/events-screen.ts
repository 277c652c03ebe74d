import { type AdminEvent, type AdminRegistration, type CheckIn, newIdempotencyKey, type Problem } from '@mahjar/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import {
  asProblem,
  backArrow,
  confirmDialog,
  fieldError,
  formatInZone,
  meets,
  PagedList,
  problemText,
  type ScreenContext,
  saveEdit,
  screenStyles,
} from '../shared.js';
import { createEvent, eventInput, eventPatch, renderEventForm, updateEvent } from './event-form.js';

/**
 * The organisation's events (`listAdminEvents`, paged), one event's registrations
 * (`listRegistrations`, paged) and check-in by the code a registrant shows (`checkInRegistration`,
 * editor): "checked in", "already used at …", or no such code. An editor creates events and
 * edits them (`updateEvent`, only what changed); times are shown and entered on the clocks of the
 * event's own zone.
 */
export class MahjarConsoleEvents extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .heading {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .zone {
        white-space: nowrap;
      }
    `,
  ];
  static override properties = {
    context: { attribute: false },
    event: { state: true },
    checkIn: { state: true },
    checkInProblem: { state: true },
    checking: { state: true },
    cancelProblem: { state: true },
    createProblem: { state: true },
    creating: { state: true },
    editing: { state: true },
    editProblem: { state: true },
    saving: { state: true },
    editNote: { state: true },
  };

  context!: ScreenContext;
  event?: AdminEvent;
  checkIn?: CheckIn;
  checkInProblem?: Problem;
  checking = false;
  cancelProblem?: Problem;
  createProblem?: Problem;
  creating = false;
  editing?: AdminEvent;
  editProblem?: Problem;
  saving = false;
  editNote = '';

  #events = new PagedList<AdminEvent>(this, (cursor) =>
    this.context.client.GET('/v1/admin/events', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );
  #registrations = new PagedList<AdminRegistration>(this, (cursor) =>
    this.context.client.GET('/v1/admin/events/{id}/registrations', {
      params: { path: { id: this.event!.id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
  #total = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#events.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  #title = (event: AdminEvent) =>
    event.title[this.context.locale] ?? event.title.en ?? Object.values(event.title)[0] ?? event.slug;

  async #open(event: AdminEvent | undefined) {
    this.event = event;
    this.checkIn = undefined;
    this.checkInProblem = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    if (event) {
      const { data } = await this.context.client.GET('/v1/admin/events/{id}/registrations', {
        params: { path: { id: event.id }, query: { limit: 1 } },
      });
      this.#total = data?.total ?? 0;
      await this.#registrations.reload();
    }
  }

  async #edit(event: AdminEvent | undefined) {
    const from = this.editing;
    this.editing = event;
    this.editProblem = undefined;
    this.editNote = '';
    await this.updateComplete;
    if (event) this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    else if (from) this.renderRoot.querySelector<HTMLElement>(`li[data-event="${from.id}"] button`)?.focus();
  }

  async #save(submit: SubmitEvent) {
    submit.preventDefault();
    const before = this.editing!;
    const patch = eventPatch(submit.target as HTMLFormElement, this.context.locale, before);
    const event = await saveEdit(this, patch, async () => {
      const { event: value, problem } = await updateEvent(this.context.client, before.id, patch);
      return { value, problem };
    });
    if (!event) return;
    this.#events.items = this.#events.items.map((e) => (e.id === event.id ? event : e));
    this.context.announce(this.#t('eventSaved', { title: this.#title(event) }));
    await this.#edit(undefined);
  }

  /** When `event` takes place, on its own clocks, and which clocks those are. */
  #when(event: AdminEvent) {
    return html`<time datetime=${event.startsAt}>${formatInZone(this.context.locale, event.timeZone, event.startsAt, event.endsAt)}</time>
      <bdi class="zone" dir="ltr">(${event.timeZone})</bdi>`;
  }

  async #checkIn(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    const code = String(new FormData(form).get('code') ?? '').trim();
    const event = this.event!;
    this.checking = true;
    this.checkIn = undefined;
    this.checkInProblem = undefined;
    const { data, error } = await this.context.client
      .POST('/v1/admin/events/{id}/check-ins', {
        params: { path: { id: event.id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: { code },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.checking = false;
    if (data) {
      this.checkIn = data;
      form.reset();
      this.context.announce(this.#checkInMessage(data));
      void this.#registrations.reload();
    } else {
      this.checkInProblem = asProblem(error);
      this.context.announce(this.#problemMessage(this.checkInProblem));
    }
    form.querySelector('input')?.focus();
  }

  async #cancel(submit: SubmitEvent) {
    submit.preventDefault();
    const event = this.event!;
    const reason = String(new FormData(submit.target as HTMLFormElement).get('reason') ?? '').trim();
    if (
      !(await confirmDialog(
        this.context.locale,
        this.#t('cancelConfirm', { title: this.#title(event) }),
        'cancelEvent',
      ))
    )
      return;
    const { data, error } = await this.context.client
      .POST('/v1/admin/events/{id}/cancel', {
        params: { path: { id: event.id } },
        body: reason ? { reason: { [this.context.locale]: reason } } : {},
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    if (data) {
      this.event = data;
      this.cancelProblem = undefined;
      this.#events.items = this.#events.items.map((e) => (e.id === data.id ? data : e));
      this.context.announce(this.#t('eventCancelled', { title: this.#title(data) }));
    } else this.cancelProblem = asProblem(error);
  }

  async #create(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    this.creating = true;
    const { event, problem } = await createEvent(this.context.client, eventInput(form, this.context.locale));
    this.creating = false;
    this.createProblem = problem;
    if (event) {
      form.reset();
      form.closest('details')?.removeAttribute('open');
      this.#events.items = [event, ...this.#events.items];
      this.context.announce(this.#t('eventCreated', { title: this.#title(event) }));
    } else {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  #checkInMessage(result: CheckIn) {
    return result.outcome === 'checked_in'
      ? this.#t('checkedIn', { name: result.name, total: result.attendedTotal })
      : this.#t('alreadyUsed', {
          name: result.name,
          time: formatInZone(this.context.locale, this.event!.timeZone, result.checkedInAt),
        });
  }

  #problemMessage(problem: Problem) {
    if (problem.status === 404) return this.#t('unknownCode');
    if (problem.status === 409) return this.#t('notConfirmed', { detail: problem.detail });
    return problemText(this.context.locale, problem);
  }

  #renderEvent(event: AdminEvent) {
    return html`<li class="card" data-event=${event.id}>
      <div class="heading">
        <h3 id="event-${event.id}-title"><a href="#events" @click=${(e: Event) => {
          e.preventDefault();
          void this.#open(event);
        }}>${this.#title(event)}</a></h3>
        ${
          meets(this.context.role, 'editor') && event.status !== 'cancelled'
            ? html`<button class="secondary" aria-describedby="event-${event.id}-title" @click=${() => this.#edit(event)}>${this.#t('edit')}</button>`
            : nothing
        }
      </div>
      <p class="muted">
        ${this.#when(event)} · <span class="badge ${event.status}">${this.#t(`status_${event.status}`)}</span>
        · ${this.#t('counts', { confirmed: event.confirmedCount, waitlisted: event.waitlistedCount, attended: event.attendedCount })}
      </p>
    </li>`;
  }

  #renderDetail(event: AdminEvent) {
    const locale = this.context.locale;
    const registrations = this.#registrations;
    const codeError = fieldError(this.checkInProblem, '/code');
    return html`<p><a href="#events" @click=${(e: Event) => {
      e.preventDefault();
      void this.#open(undefined);
    }}>${backArrow(this.context.locale)} ${this.#t('backToEvents')}</a></p>
      <h3 tabindex="-1">${this.#title(event)}</h3>
      <p class="muted">${this.#when(event)} · ${this.#t(`status_${event.status}`)}</p>
      ${
        meets(this.context.role, 'editor')
          ? html`<form class="card row" novalidate @submit=${this.#checkIn}>
              <label
                >${this.#t('checkInCode')}
                <input
                  name="code"
                  autocomplete="off"
                  autocapitalize="characters"
                  spellcheck="false"
                  required
                  maxlength="40"
                  aria-invalid=${codeError ? 'true' : 'false'}
                  aria-describedby="code-result"
                />
              </label>
              <button ?disabled=${this.checking}>${this.#t('checkIn')}</button>
              <p id="code-result" class=${this.checkInProblem ? 'error' : ''} data-testid="check-in-result">
                ${this.checkIn ? this.#checkInMessage(this.checkIn) : this.checkInProblem ? (codeError ?? this.#problemMessage(this.checkInProblem)) : ''}
              </p>
            </form>`
          : nothing
      }
      ${
        meets(this.context.role, 'editor') && event.status !== 'cancelled'
          ? html`<details class="card">
              <summary>${this.#t('cancelEvent')}</summary>
              <form class="inline row" novalidate @submit=${this.#cancel}>
                <label>${this.#t('cancelReason')} <input name="reason" maxlength="500" /></label>
                <button class="danger">${this.#t('cancelEvent')}</button>
              </form>
              ${this.cancelProblem ? html`<p class="error" role="alert">${problemText(locale, this.cancelProblem)}</p>` : nothing}
            </details>`
          : nothing
      }
      <h4>${this.#t('registrations')} <span class="muted">(${this.#t('total', { count: this.#total })})</span></h4>
      ${registrations.status === 'error' && registrations.problem ? html`<p class="error" role="alert">${problemText(locale, registrations.problem)}</p>` : nothing}
      <table>
        <thead>
          <tr><th scope="col">${this.#t('registrant')}</th><th scope="col">${this.#t('statusLabel')}</th><th scope="col">${this.#t('registeredAt')}</th></tr>
        </thead>
        <tbody>
          ${registrations.items.map(
            (r) =>
              html`<tr>
                <td>${r.name}<br /><span class="muted">${r.email}</span></td>
                <td>
                  <span class="badge ${r.status}">${this.#t(`reg_${r.status}`)}</span>
                  ${r.attended ? html` <span class="badge verified">${this.#t('attendedYes')}</span>` : nothing}
                </td>
                <td>${formatInZone(locale, event.timeZone, r.createdAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${registrations.status === 'done' && registrations.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      ${registrations.nextCursor && registrations.status !== 'loading' ? html`<button class="secondary more" @click=${() => registrations.more()}>${this.#t('more')}</button>` : nothing}`;
  }

  #renderEdit(event: AdminEvent) {
    return html`<p><a href="#events" @click=${(e: Event) => {
      e.preventDefault();
      void this.#edit(undefined);
    }}>${backArrow(this.context.locale)} ${this.#t('backToEvents')}</a></p>
      <section class="card">
        <h3 tabindex="-1">${this.#t('editEventNamed', { title: this.#title(event) })}</h3>
        <p class="muted">${this.#t('zoneHint')}</p>
        ${renderEventForm({
          locale: this.context.locale,
          problem: this.editProblem,
          busy: this.saving,
          event,
          say: (key) => this.#t(key),
          onSubmit: (submit) => void this.#save(submit),
        })}
        <p class="muted" role="status">${this.editNote}</p>
      </section>`;
  }

  override render() {
    if (this.editing) return this.#renderEdit(this.editing);
    if (this.event) return this.#renderDetail(this.event);
    const events = this.#events;
    return html`${
      meets(this.context.role, 'editor')
        ? html`<details class="card" ?open=${!!this.createProblem}>
            <summary>${this.#t('newEvent')}</summary>
            <p class="muted">${this.#t('zoneHint')}</p>
            ${renderEventForm({
              locale: this.context.locale,
              problem: this.createProblem,
              busy: this.creating,
              say: (key) => this.#t(key),
              onSubmit: (submit) => void this.#create(submit),
            })}
          </details>`
        : nothing
    }${events.status === 'error' && events.problem ? html`<p class="error" role="alert">${problemText(this.context.locale, events.problem)}</p>` : nothing}
      ${events.status === 'done' && events.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      <ul class="cards">
        ${events.items.map((e) => this.#renderEvent(e))}
      </ul>
      ${events.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${events.nextCursor && events.status !== 'loading' ? html`<button class="secondary more" @click=${() => events.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-events', MahjarConsoleEvents);

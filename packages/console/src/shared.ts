import type { AdminRole, MahjarClient, Problem } from '@mahjar/sdk';
import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { type Locale, type Strings, say } from './i18n.js';

/** What every screen is given by the shell. */
export interface ScreenContext {
  client: MahjarClient;
  locale: Locale;
  role: AdminRole;
  /** Says something to screen readers and sighted users alike (the shell's live region). */
  announce: (message: string) => void;
}

/** Whether `role` meets an operation's minimum role (`x-mahjar-min-role`): that role, owner, and for viewer every role. */
export const meets = (role: AdminRole, min: AdminRole) => role === 'owner' || role === min || min === 'viewer';

export const asProblem = (error: unknown): Problem =>
  error && typeof error === 'object' && 'title' in error
    ? (error as Problem)
    : // a request that never got an answer (offline, refused): no type of the contract's fits
      ({ type: 'about:blank', title: String(error), status: 0, detail: String(error) } as unknown as Problem);

/** The contract's message for one field of a rejected form (`errors[].pointer`, e.g. `/email`). */
export function fieldError(problem: Problem | undefined, pointer: string): string | undefined {
  return problem?.errors?.find((e) => e.pointer === pointer)?.detail;
}

/**
 * The messages of a refused form at `pointer`, and below it unless `exact` (`/allowedOrigins` covers
 * `/allowedOrigins/1`), joined. `item` words a message about one element of a list field by its index.
 */
export const errorsAt = (
  problem: Problem | undefined,
  pointer: string,
  { exact = false, item }: { exact?: boolean; item?: (index: number, detail: string) => string } = {},
) =>
  (problem?.errors ?? [])
    .filter((e) => e.pointer === pointer || (!exact && e.pointer.startsWith(`${pointer}/`)))
    .map((e) => {
      const index = /^\/(\d+)/.exec(e.pointer.slice(pointer.length))?.[1];
      return item && index !== undefined ? item(Number(index), e.detail) : e.detail;
    })
    .join('; ');

/** A screen with an edit form (events, campaigns): what it shows while and after it saves. */
export interface EditingScreen {
  readonly context: ScreenContext;
  editProblem?: Problem;
  editNote: string;
  saving: boolean;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Sends what an edit form changed (`patch`, merge-patch): with nothing changed it says so and sends
 * nothing; a refusal is shown at its fields, focus on the first. Resolves with the saved value.
 */
export async function saveEdit<T>(
  screen: EditingScreen,
  patch: object,
  send: () => Promise<{ value?: T; problem?: Problem }>,
): Promise<T | undefined> {
  if (Object.keys(patch).length === 0) {
    screen.editProblem = undefined;
    screen.editNote = say(screen.context.locale, 'nothingChanged');
    screen.context.announce(screen.editNote);
    return undefined;
  }
  screen.saving = true;
  const { value, problem } = await send();
  screen.saving = false;
  screen.editProblem = problem;
  if (value === undefined) {
    screen.editNote = '';
    await screen.updateComplete;
    screen.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
  return value;
}

/** A problem's message, for the whole form. */
export const problemText = (locale: Locale, problem: Problem) =>
  say(locale, 'errorGeneric', { detail: problem.detail || problem.title });

export const formatDate = (locale: Locale, iso: string, time = true) =>
  new Intl.DateTimeFormat(locale, time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(
    new Date(iso),
  );

/** A calendar day of the API (`2026-10-21`, a date with no time or zone) as that same day, wherever the reader is. */
export const formatDay = (locale: Locale, day: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** The arrow of a "back" link, pointing back in the reading direction. */
export const backArrow = (locale: Locale) => (locale === 'ar' ? '→' : '←');

/**
 * A span of time on the clocks of `timeZone` (an event's own zone, not the reader's), naming the
 * zone as Intl shortens it (`Oct 14, 2026, 12:00 – 1:30 PM CDT`); without `end`, one instant.
 */
export function formatInZone(locale: Locale, timeZone: string, start: string, end?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  if (!end) return format.format(new Date(start));
  // A range names one zone, so one across a change of the clocks would call both ends by the last
  // one's name (`1:30 – 3:00 AM CST` for a 1:30 that was CDT): there, each end is named.
  const zoneName = (instant: string) =>
    format.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value;
  if (zoneName(start) === zoneName(end)) return format.formatRange(new Date(start), new Date(end));
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short' });
  const endFormat =
    day.format(new Date(start)) === day.format(new Date(end))
      ? new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })
      : format;
  return `${format.format(new Date(start))} – ${endFormat.format(new Date(end))}`;
}

type Page<T> = { data?: { items: T[]; nextCursor?: string | null }; error?: unknown };

/**
 * One cursor-paged list of the API: the first page on `reload()`, the next on `more()`, each page
 * appended; `status` and `problem` for the screen to show.
 */
export class PagedList<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  status: 'idle' | 'loading' | 'done' | 'error' = 'idle';
  problem?: Problem;
  #generation = 0;

  constructor(
    private host: ReactiveControllerHost,
    private fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  reload(): Promise<void> {
    this.items = [];
    this.nextCursor = null;
    return this.#load(undefined);
  }

  more(): Promise<void> {
    return this.nextCursor ? this.#load(this.nextCursor) : Promise.resolve();
  }

  async #load(cursor: string | undefined): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      const { data, error } = await this.fetchPage(cursor);
      if (generation !== this.#generation) return;
      if (!data) throw error;
      this.items = [...this.items, ...data.items];
      this.nextCursor = data.nextCursor ?? null;
      this.status = 'done';
      this.problem = undefined;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.status = 'error';
      this.problem = asProblem(error);
    }
    this.host.requestUpdate();
  }
}

/**
 * Asks before a destructive action, in a modal `<dialog>` (focus goes into it and back to the
 * button that opened it); resolves true only when the person confirms.
 */
export function confirmDialog(locale: Locale, message: string, action: keyof Strings = 'confirm'): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'mahjar-console-confirm';
  dialog.setAttribute('aria-labelledby', 'mahjar-console-confirm-text');
  const form = document.createElement('form');
  form.method = 'dialog';
  const text = document.createElement('p');
  text.id = 'mahjar-console-confirm-text';
  text.textContent = message;
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const cancel = document.createElement('button');
  cancel.value = 'cancel';
  cancel.textContent = say(locale, 'cancel');
  const confirm = document.createElement('button');
  confirm.value = 'confirm';
  confirm.className = 'danger';
  confirm.textContent = say(locale, action);
  buttons.append(cancel, confirm);
  form.append(text, buttons);
  dialog.append(form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    dialog.showModal();
    cancel.focus();
  });
}

export const screenStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  ul.cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .card {
    background: #fff;
    border: 1px solid #c5cbd4;
    border-radius: 0.5rem;
    padding: 0.75rem 1rem;
  }
  .card h3 {
    margin: 0 0 0.25rem;
    font-size: 1.05rem;
  }
  .muted {
    color: #555d6b;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 500;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid #8a929f;
    border-radius: 0.35rem;
    background: #fff;
    color: inherit;
  }
  input[aria-invalid='true'] {
    border-color: #b3261e;
  }
  button {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border-radius: 0.35rem;
    border: 1px solid #0a6b4d;
    background: #0a6b4d;
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #0a6b4d;
  }
  button.danger {
    background: #fff;
    color: #b3261e;
    border-color: #b3261e;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid #0a6b4d;
    outline-offset: 2px;
  }
  .error {
    color: #b3261e;
  }
  .field-error {
    color: #b3261e;
    font-weight: normal;
    font-size: 0.9rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 1rem;
    font-size: 0.85rem;
    border: 1px solid currentColor;
  }
  .badge.verified,
  .badge.scheduled,
  .badge.confirmed {
    color: #0a6b4d;
  }
  .badge.rejected,
  .badge.expired,
  .badge.cancelled {
    color: #b3261e;
  }
  .badge.pending,
  .badge.waitlisted {
    color: #8a5300;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: #fff;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid #c5cbd4;
  }
  .more {
    margin-top: 1rem;
  }
  form.inline {
    margin-top: 0.5rem;
  }
  form.card,
  details.card {
    margin-bottom: 1rem;
  }
  progress {
    width: 100%;
    max-width: 30rem;
    accent-color: #0a6b4d;
  }
`;

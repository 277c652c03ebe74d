import type { MahjarClient, Problem, Professional } from '@mahjar/sdk';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { nameOf, where } from '../shared/professional-card.js';
import type { DirectoryView } from './view.js';

/** What the profile needs from its element (closures over the element's own members). */
export interface ProfileOptions {
  client(): MahjarClient | undefined;
  intl(): string;
  /** The headers of a signed-in member's session, if any. */
  session(): Record<string, string>;
  /** The server said that session has ended: it is forgotten (the profile is asked again without it). */
  sessionEnded(): void;
  /**
   * A profile is being opened: the element resets the contact form, shows the dialog, records the
   * URL. The profile is shown once what this answers has settled too (the contact form's code).
   */
  onOpen(id: string, push: boolean): Promise<unknown>;
  onError(problem: Problem): void;
}

/** The profile shown in the dialog: which one is open, and what was read of it. */
export class Profile {
  /** The open profile's id ('' when closed). */
  id = '';
  /** The open profile, or the problem that kept it from loading; undefined while it loads. */
  value?: Professional | Problem;
  #host: ReactiveControllerHost;
  #options: ProfileOptions;

  constructor(host: ReactiveControllerHost, options: ProfileOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Opens a profile; `push` records it in the URL (not when following the URL). */
  async open(id: string, push = true): Promise<void> {
    this.id = id;
    this.value = undefined;
    this.#host.requestUpdate();
    const ready = this.#options.onOpen(id, push);
    const session = this.#options.session();
    const { data, error } = await this.#options.client()!.GET('/v1/professionals/{id}', {
      params: { path: { id } },
      headers: { 'Accept-Language': this.#options.intl(), ...session },
    });
    if ((error as Problem | undefined)?.status === 401 && Object.keys(session).length) {
      this.#options.sessionEnded();
      return this.open(id, false);
    }
    await ready;
    if (this.id !== id) return;
    this.value = data ?? (error as Problem);
    this.#host.requestUpdate();
    if (!data) this.#options.onError(error as Problem);
  }

  close(): void {
    this.id = '';
    this.#host.requestUpdate();
  }
}

/** Text with its http(s) addresses as links; nothing else becomes a link (`javascript:` stays text). */
const linkify = (text: string): unknown[] =>
  text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((t, i) => (i % 2 ? html`<a href=${t} target="_blank" rel="noopener noreferrer nofollow ugc">${t}</a>` : t));

function details(view: DirectoryView, professional: Professional): unknown {
  const { strings } = view;
  const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
  const bullets = (items: unknown[] | undefined) =>
    items?.length ? html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>` : '';
  const isolate = (text: string) => html`<bdi>${text}</bdi>`;
  const joined = new Intl.DateTimeFormat(view.intl, { year: 'numeric', month: 'long' }).format(
    new Date(professional.joinedAt),
  );
  return html`<dl>
      ${row(strings.profession, professional.profession && strings.professions[professional.profession])}
      ${row(strings.facets.specialty, bullets(professional.specialties?.map((c) => view.label('specialty', c))))}
      ${row(strings.location, where(view, professional) && isolate(where(view, professional)))}
      ${row(strings.facets.language, bullets(professional.languages?.map((l) => view.label('language', l))))}
      ${row(
        strings.facets.offer,
        bullets(
          professional.offers?.map(
            (o) => html`<strong>${view.label('offer', o.kind)}</strong>: ${isolate(o.availability)}`,
          ),
        ),
      )}
      ${row(strings.affiliations, bullets(professional.affiliations?.map((a) => html`${isolate(a.institution)}${a.role ? html` — ${isolate(a.role)}` : ''}`)))}
      ${row(
        strings.credentials,
        bullets(
          professional.credentials?.map(
            (c) =>
              html`${isolate(c.name)} (${isolate(c.issuer)}${c.year ? `, ${c.year}` : ''}) · ${strings.verification[c.verification]}`,
          ),
        ),
      )}
      ${row(strings.school, professional.medicalSchool && html`${isolate(professional.medicalSchool.name)}, ${view.label('country', professional.medicalSchool.country)} (${professional.medicalSchool.graduationYear})`)}
      ${row(strings.facets.chapter, bullets(professional.chapters?.map((c) => isolate(view.label('chapter', c)))))}
    </dl>
    ${professional.bio ? html`<p class="bio" dir="auto">${linkify(professional.bio)}</p>` : nothing}
    <p class="muted">${strings.joined(joined)}</p>`;
}

/** The profile dialog: only the fields the professional made public, and the contact form. */
export function profileDialog(view: DirectoryView): unknown {
  const { strings, profile } = view;
  const { value, id } = profile;
  const failed = value && 'type' in value ? (value as Problem) : undefined;
  const professional = value && !failed ? (value as Professional) : undefined;
  const close = (event: Event) =>
    ((event.target as Element).getRootNode() as ShadowRoot).querySelector('dialog')!.close();
  return html`<dialog part="dialog" aria-labelledby="pt" @close=${view.handleClose}
      @click=${(event: Event) => (event.target as HTMLElement).localName === 'dialog' && close(event)}>
    <header>
      <h2 id="pt" class="clamp">${professional ? nameOf(view, professional) : strings.profile}</h2>
      <button class="x" aria-label=${strings.close} @click=${close}>×</button>
    </header>
    ${
      failed
        ? html`<p class="err" role="alert" part="error">${view.problemText(failed)}</p>
          <button class="btn quiet" part="retry" @click=${() => profile.open(id, false)}>${view.common.retry}</button>`
        : professional
          ? html`${details(view, professional)}${view.contact?.render(professional.id)}`
          : id
            ? html`<div class="sk"></div><div class="sk"></div><span class="vh">${view.common.loading}</span>`
            : nothing
    }
  </dialog>`;
}

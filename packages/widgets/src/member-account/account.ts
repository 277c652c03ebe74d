/**
 * The signed-in part of `<mahjar-member-account>`, loaded once a session exists: the member's
 * profile edited with the signup's own field renderers and checks, the audiences and consents,
 * chapters, monthly gifts, the data export and the deletion.
 */
import type {
  AdminProfessional,
  ChallengeSolution,
  ConsentPermissions,
  MahjarClient,
  MemberAccount,
  MemberGift,
  MemberProfileInput,
  Organisation,
  Problem,
} from '@mahjar/sdk';
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { validate } from '../member-signup/constraints.js';
import { check, type Data, type FieldsView, inputValue, set, type Value } from '../member-signup/fields.js';
import { identity } from '../member-signup/identity.js';
import { laterStyles } from '../member-signup/later.styles.js';
import { styles as signupStyles } from '../member-signup/member-signup.styles.js';
import { background, offers } from '../member-signup/more.js';
import { practice } from '../member-signup/practice.js';
import { audiences, NOTICE_VERSION, preview } from '../member-signup/privacy.js';
import { build, hex, messageOf, pathOf } from '../member-signup/review.js';
import { dialogStyles } from '../shared/dialog.styles.js';
import { Load, LoadStatus } from '../shared/load.js';
import { type Locale, localText } from '../shared/localize.js';
import { cardStyles } from '../shared/professional-card.styles.js';
import { Submission } from '../shared/submission.js';
import { css } from '../shared/theme.js';
import { memberSignup as signupEnglish } from '../translations/en/member-signup.js';
import type { AccountStrings, MemberSignedOutDetail } from './member-account.js';

/** What the account needs from its element: closures over its state, never the element itself. */
export interface AccountOptions {
  /** The element's client (the organisation's publishable key). */
  client: MahjarClient;
  /** The member's session token, sent with every member operation. */
  session: string;
  strings(): AccountStrings;
  ui(): Locale;
  intl(): string;
  noticeUrl(): string;
  problemText(problem: Problem): string;
  /** The message for a read that failed while the browser was offline. */
  offline(): string;
  money(minor: number, currency: string): string;
  /** The session is over: signed out (here or everywhere), expired, or the account deleted. */
  signedOut(reason: MemberSignedOutDetail['reason']): void;
  saved(what: 'profile' | 'chapters' | 'gift'): void;
  failed(problem: Problem): void;
}

/** The permissions as the form holds them (each consent on its own): the contract's record. */
type Permissions = ConsentPermissions;

type Section = 'profile' | 'chapters' | 'gifts';
/** What the account reads before it shows anything. */
interface Reads {
  member: MemberAccount;
  profile: AdminProfessional;
  gifts: MemberGift[];
  organisations: Organisation[];
}
type Confirm = { gift: MemberGift } | { deletion: true };

const accountStyles = css`
  section { border-block-start: 1px solid var(--_line); padding-block: 0.5em 1em; }
  .head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5em 1em; }
  .head div { display: flex; flex-wrap: wrap; gap: 0.5em; }
  .gifts { list-style: none; padding: 0; margin: 0; }
  .gifts li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5em 1em; padding-block: 0.5em; }
  .gifts li + li { border-block-start: 1px solid var(--_line); }
  .danger { background: var(--_danger); border-color: var(--_danger); color: var(--_bg); }
  details { margin-block: 0.5em; }
  summary { cursor: pointer; }
  .saved { color: var(--_accent); font-weight: 600; }
`;

/** The form's answers from a stored profile: the inverse of the signup's `build`. */
export function answersOf(profile: AdminProfessional): Data {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  const permissions = profile.consent.permissions;
  return {
    title: profile.title,
    profession: profile.profession,
    givenName: profile.givenName,
    familyName: profile.familyName,
    givenNameAr: profile.givenNameAr,
    familyNameAr: profile.familyNameAr,
    specialties: [...profile.specialties],
    country: profile.country,
    city: profile.city,
    affiliations: profile.affiliations.map((row) => ({ institution: row.institution, role: row.role })),
    credentials: profile.credentials.map((row) => ({
      kind: row.kind,
      name: row.name,
      issuer: row.issuer,
      country: row.country,
      year: text(row.year),
    })),
    languages: [...profile.languages],
    medicalSchool: profile.medicalSchool
      ? {
          name: profile.medicalSchool.name,
          country: profile.medicalSchool.country,
          graduationYear: text(profile.medicalSchool.graduationYear),
        }
      : {},
    offers: Object.fromEntries(
      profile.offers.map((offer) => [
        offer.kind,
        { on: true, availability: offer.availability, priorityArea: offer.priorityArea },
      ]),
    ),
    bio: profile.bio,
    visibility: { ...profile.visibility } as Data,
    chapters: [...profile.chapters],
    permissions: {
      listed: permissions.listed,
      ministries: [...permissions.ministries],
      transferAbroad: permissions.transferAbroad,
      newsletter: permissions.newsletter,
    } as unknown as Data,
  };
}

/** The signed-in account: a controller of its element, drawing the account's sections. */
export class Account {
  profile?: AdminProfessional;
  member?: MemberAccount;
  gifts?: MemberGift[];
  /** Chapters, umbrellas and ministries, for the chapter choices and the ministries' names. */
  organisations?: Organisation[];
  /** The form's answers (the profile as edited, not yet saved). */
  answers: Data = {};
  /** The first reads: profile, account, gifts, organisations. */
  readonly ready: Promise<void>;
  #host: ReactiveElement;
  #options: AccountOptions;
  /** The account's reads as one value: run once, again on "Try again" or when the browser is back online. */
  #reads: Load<[], Reads>;
  #errors: Record<string, string> = {};
  #profile: Submission;
  #chapters: Submission;
  #gift: Submission;
  #saved?: Section;
  #confirm?: Confirm;
  #busy = false;
  /** Why the last sign-out, download or deletion failed (shown under the heading). */
  #actionProblem?: Problem;

  constructor(host: ReactiveElement, options: AccountOptions) {
    this.#host = host;
    this.#options = options;
    this.#profile = new Submission(host);
    this.#chapters = new Submission(host);
    this.#gift = new Submission(host);
    const root = host.renderRoot as ShadowRoot;
    const have = root.adoptedStyleSheets;
    root.adoptedStyleSheets = [
      ...have,
      ...[signupStyles, laterStyles, cardStyles, dialogStyles, accountStyles].filter((sheet) => !have.includes(sheet)),
    ];
    this.#reads = new Load(host, {
      task: () => this.#read(),
      onComplete: (reads) => {
        this.member = reads.member;
        this.#show(reads.profile);
        this.gifts = reads.gifts;
        this.organisations = reads.organisations;
      },
      onError: (problem) => this.#handle({ error: problem }),
    });
    this.ready = this.#reads.run();
  }

  get #client(): MahjarClient {
    return this.#options.client;
  }

  /** What every member operation sends besides its own parameters: the session. */
  get #signedIn(): { headers: Record<string, string> } {
    return { headers: { 'Mahjar-Member-Session': this.#options.session } };
  }

  get #strings(): AccountStrings {
    return this.#options.strings();
  }

  /** An answer of the API: its data, or the problem after the session's end was handled. */
  #handle<T>(answer: { data?: T; error?: unknown }): T | Problem {
    if (answer.data !== undefined) return answer.data;
    const problem = answer.error as Problem;
    if (problem.status === 401) this.#options.signedOut('expired');
    else this.#options.failed(problem);
    return problem;
  }

  /** Reads the account, the profile, the gifts and the organisations at once; throws the first problem. */
  async #read(): Promise<Reads> {
    const client = this.#client;
    const [member, profile, gifts, organisations] = await Promise.all([
      client.GET('/v1/members/me', this.#signedIn),
      client.GET('/v1/members/me/profile', this.#signedIn),
      client.GET('/v1/members/me/gifts', this.#signedIn),
      client.GET('/v1/organisations', {
        params: { query: { kind: ['chapter', 'umbrella', 'ministry'], limit: 100 } as never },
      }),
    ]);
    const failed = [member, profile, gifts, organisations].find((answer) => !answer.data);
    if (failed) throw failed.error;
    return {
      member: member.data!,
      profile: profile.data!,
      gifts: gifts.data!.items,
      organisations: organisations.data!.items,
    };
  }

  #show(profile: AdminProfessional): void {
    this.profile = profile;
    this.answers = answersOf(profile);
  }

  /** What the signup's field renderers see. */
  #view(): FieldsView {
    const strings = this.#strings;
    return {
      strings: strings.signup ?? signupEnglish,
      answers: this.answers,
      ui: this.#options.ui(),
      intl: this.#options.intl(),
      errors: this.#errors,
      client: this.#client,
      noticeUrl: this.#options.noticeUrl(),
      update: () => this.#host.requestUpdate(),
      set: (path, value) => this.#set(path, value),
      problemText: (problem) => this.#options.problemText(problem),
    };
  }

  #set(path: string, value: Value): void {
    set(this.answers, path, value);
    delete this.#errors[path];
    this.#saved = undefined;
    this.#host.requestUpdate();
  }

  get #permissions(): Permissions {
    return this.answers.permissions as unknown as Permissions;
  }

  /**
   * The consent that goes with every change: the notice shown, this page, and each permission, as
   * ticked in the form (a profile save) or as last saved (`saved`: any other change, which must not
   * record ticks the member has not saved).
   */
  async #consent(saved = false): Promise<MemberProfileInput['consent']> {
    const view = this.#view();
    const { listed, ministries, transferAbroad, newsletter } = saved
      ? this.profile!.consent.permissions
      : this.#permissions;
    return {
      noticeVersion: NOTICE_VERSION,
      noticeHash: await hex(view.strings.notice),
      locale: view.intl,
      sourceSite: location.origin + location.pathname,
      permissions: { listed, ministries, transferAbroad, newsletter },
    };
  }

  #handleInput = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    if (!target.name || target.role === 'combobox') return;
    this.#set(target.name, inputValue(this.answers, target));
  };

  #handleConsentInput = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    event.stopPropagation();
    const permissions = this.#permissions;
    const key = target.name as keyof Permissions;
    if (key === 'ministries')
      permissions.ministries = target.checked
        ? [...permissions.ministries, target.value]
        : permissions.ministries.filter((slug) => slug !== target.value);
    else (permissions as unknown as Record<string, boolean>)[key] = target.checked;
    this.#saved = undefined;
    this.#host.requestUpdate();
  };

  async #focusSummary(): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('.sum')?.focus();
  }

  #handleSave = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.#profile.sending) return;
    const view = this.#view();
    this.#errors = validate(event.target as HTMLFormElement, view);
    this.#profile.show({});
    if (Object.keys(this.#errors).length) return this.#focusSummary();
    const { pointers, body: signup } = build(view, {} as ChallengeSolution, '');
    const {
      email: _email,
      chapters: _chapters,
      website: _website,
      challenge: _challenge,
      consent: _,
      ...fields
    } = signup;
    const body: MemberProfileInput = { ...fields, consent: await this.#consent() };
    const outcome = await this.#profile.submit(
      {
        body: () => body,
        send: (input, key) =>
          this.#client.PUT('/v1/members/me/profile', {
            ...this.#signedIn,
            params: { header: { 'Idempotency-Key': key } },
            body: input,
          }),
      },
      (pointer) => pathOf(pointer, pointers),
      (path) => messageOf(view, path),
    );
    if (outcome && 'result' in outcome) {
      // the chapters form keeps what the member has not saved yet
      const chapters = this.answers.chapters;
      this.#show(outcome.result);
      this.answers.chapters = chapters;
      this.#profile.attempt = undefined; // the next save is a new change, with a key of its own
      this.#saved = 'profile';
      this.#options.saved('profile');
    } else if (outcome) {
      this.#errors = { ...(this.#profile.errors as Record<string, string>) };
      this.#handle({ error: outcome.problem });
      this.#focusSummary();
    }
    this.#host.requestUpdate();
  };

  #handleChapters = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    event.stopPropagation();
    this.#set('chapters', inputValue(this.answers, target));
  };

  #handleSaveChapters = async (event: Event): Promise<void> => {
    event.preventDefault();
    const chapters = (this.answers.chapters as string[] | undefined) ?? [];
    if (!chapters.length) {
      this.#chapters.show({ chapters: this.#strings.pickChapter });
      return;
    }
    const outcome = await this.#chapters.submit({
      body: async () => ({ chapters, consent: await this.#consent(true) }),
      send: (input, key) =>
        this.#client.PUT('/v1/members/me/chapters', {
          ...this.#signedIn,
          params: { header: { 'Idempotency-Key': key } },
          body: input,
        }),
    });
    if (outcome && 'result' in outcome) {
      // only the chapters changed: the profile form keeps what the member has not saved yet
      this.profile = outcome.result;
      this.answers.chapters = [...outcome.result.chapters];
      this.#chapters.attempt = undefined; // the next save is a new change, with a key of its own
      this.#saved = 'chapters';
      this.#options.saved('chapters');
    } else if (outcome) this.#handle({ error: outcome.problem });
    this.#host.requestUpdate();
  };

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  async #ask(confirm: Confirm): Promise<void> {
    this.#confirm = confirm;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#dialog()?.showModal();
  }

  #handleDialogClose = (): void => {
    this.#confirm = undefined;
    this.#host.requestUpdate();
  };

  async #stopGift(gift: MemberGift): Promise<void> {
    const outcome = await this.#gift.submit({
      body: () => gift.id,
      send: (id, key) =>
        this.#client.POST('/v1/members/me/gifts/{id}/cancel', {
          ...this.#signedIn,
          params: { path: { id }, header: { 'Idempotency-Key': key } },
        }),
    });
    if (outcome && 'result' in outcome) {
      this.gifts = this.gifts?.map((each) => (each.id === gift.id ? outcome.result : each));
      this.#gift.attempt = undefined;
      this.#saved = 'gifts';
      // its button is gone: focus goes to the section, whose message says what happened
      this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('#h-gifts')?.focus());
      this.#options.saved('gift');
    } else if (outcome) this.#handle({ error: outcome.problem });
    this.#host.requestUpdate();
  }

  /** Runs a sign-out, download or deletion: the buttons wait, and a refusal (the SDK's `network` problem too) is shown. */
  async #act(run: () => Promise<{ data?: unknown; error?: unknown; response?: Response } | undefined>): Promise<void> {
    this.#busy = true;
    this.#actionProblem = undefined;
    this.#host.requestUpdate();
    try {
      const answer = await run();
      if (answer && !answer.response?.ok) {
        const problem = this.#handle(answer) as Problem;
        if (problem.status !== 401) this.#actionProblem = problem;
      }
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }

  #delete(): Promise<void> {
    return this.#act(async () => {
      const answer = await this.#client.DELETE('/v1/members/me', {
        ...this.#signedIn,
        params: { header: { 'Accept-Language': this.#options.intl() } },
      });
      if (answer.response?.ok) this.#options.signedOut('deleted');
      return answer;
    });
  }

  #handleConfirm = async (): Promise<void> => {
    const confirm = this.#confirm;
    this.#dialog()?.close();
    if (confirm && 'gift' in confirm) await this.#stopGift(confirm.gift);
    else if (confirm) await this.#delete();
  };

  /** Signs out here: the session ends on the server if it can be reached, and on this device in any case. */
  #handleSignOut = async (): Promise<void> => {
    await this.#act(() => this.#client.DELETE('/v1/members/sessions/current', this.#signedIn).then(() => undefined));
    this.#options.signedOut('signed-out');
  };

  #handleSignOutEverywhere = (): Promise<void> =>
    this.#act(async () => {
      const answer = await this.#client.DELETE('/v1/members/sessions', this.#signedIn);
      if (answer.response?.ok) this.#options.signedOut('everywhere');
      return answer;
    });

  #handleDownload = (): Promise<void> =>
    this.#act(async () => {
      const answer = await this.#client.GET('/v1/members/me/export', this.#signedIn);
      if (answer.data) {
        const url = URL.createObjectURL(new Blob([JSON.stringify(answer.data, null, 2)], { type: 'application/json' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `mahjar-data-${new Date().toISOString().slice(0, 10)}.json`;
        this.#host.renderRoot.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return answer;
    });

  #outcome(submission: Submission, section: Section): unknown {
    const strings = this.#strings;
    return submission.problem
      ? html`<p class="err" role="alert" part="error">${this.#options.problemText(submission.problem)}</p>`
      : this.#saved === section
        ? html`<p class="saved" role="status" part="status">${strings.saved}</p>`
        : nothing;
  }

  #summary(view: FieldsView): unknown {
    const entries = Object.entries(this.#errors);
    if (!entries.length) return nothing;
    const labelOf = (path: string) =>
      this.#host.renderRoot.querySelector(`[for="${path}"],[id="${path}"]>legend`)?.textContent?.trim();
    return html`<div class="sum" part="error" tabindex="-1" role="group" aria-labelledby="sum-h">
      <p id="sum-h"><strong>${view.strings.summary}</strong></p>
      <ul>${entries.map(
        ([path, message]) =>
          html`<li><a href="#${path}" @click=${(click: Event) => {
            click.preventDefault();
            this.#host.renderRoot.querySelector<HTMLElement>(`[name="${path}"],[id="${path}"] input`)?.focus();
          }}>${labelOf(path) ? `${labelOf(path)}: ${message}` : message}</a></li>`,
      )}</ul></div>`;
  }

  #consents(view: FieldsView): TemplateResult {
    const strings = this.#strings;
    const { listed, ministries, transferAbroad, newsletter } = this.#permissions;
    const ui = this.#options.ui();
    const all = (this.organisations ?? []).filter((organisation) => organisation.kind === 'ministry');
    const box = (name: string, label: string, checked: boolean, value = 'on') =>
      html`<label class="c"><input type="checkbox" name=${name} value=${value} .checked=${checked} />${label}</label>`;
    return html`<div @input=${this.#handleConsentInput}>
      ${box('listed', strings.listed, listed)}
      <fieldset><legend>${strings.ministriesIntro}</legend>
        ${
          all.length
            ? all.map((ministry) => {
                const name = localText(ministry.name, ui).text;
                return box('ministries', strings.ministry(name), ministries.includes(ministry.slug), ministry.slug);
              })
            : html`<p class="muted">${strings.noMinistries}</p>`
        }
      </fieldset>
      ${box('transferAbroad', strings.transferAbroad, transferAbroad)}
      ${box('newsletter', strings.newsletter, newsletter)}
      <details><summary>${strings.notice}</summary><div class="notice" lang=${view.intl}>${view.strings.notice}</div>
        ${view.noticeUrl ? html`<p><a href=${view.noticeUrl} target="_blank" rel="noopener">${view.strings.readNotice}</a></p>` : nothing}
      </details></div>`;
  }

  #giftList(): TemplateResult {
    const strings = this.#strings;
    const intl = this.#options.intl();
    const ui = this.#options.ui();
    const date = (iso: string) => new Intl.DateTimeFormat(intl, { dateStyle: 'medium' }).format(new Date(iso));
    const gifts = this.gifts ?? [];
    return gifts.length
      ? html`<ul class="gifts">${gifts.map((gift) => {
          const what = strings.gift(
            this.#options.money(gift.amount, gift.currency),
            localText(gift.campaignTitle, ui).text,
          );
          return html`<li><div><p><strong>${what}</strong></p>
            <p class="muted">${gift.endedAt ? strings.giftEnded(date(gift.endedAt)) : strings.giftSince(date(gift.startedAt), new Intl.NumberFormat(intl).format(gift.monthsPaid))}</p>
            ${gift.cancelError ? html`<p class="err">${gift.cancelError}</p>` : nothing}</div>
            ${
              gift.endedAt
                ? nothing
                : html`<button type="button" class="btn quiet" part="danger" ?disabled=${this.#gift.sending}
                    @click=${() => this.#ask({ gift })}>${strings.cancelGift}</button>`
            }</li>`;
        })}</ul>`
      : html`<p class="muted">${strings.noGifts}</p>`;
  }

  #confirmDialog(): unknown {
    const confirm = this.#confirm;
    if (!confirm) return nothing;
    const strings = this.#strings;
    const gift = 'gift' in confirm ? confirm.gift : undefined;
    const question = gift
      ? strings.cancelGiftConfirm(
          strings.gift(
            this.#options.money(gift.amount, gift.currency),
            localText(gift.campaignTitle, this.#options.ui()).text,
          ),
        )
      : strings.deleteConfirm;
    return html`<dialog part="dialog" aria-labelledby="confirm-q" @close=${this.#handleDialogClose}>
      <p id="confirm-q"><strong>${question}</strong></p>
      <div class="nav">
        <button type="button" class="btn quiet" autofocus @click=${() => this.#dialog()?.close()}>${gift ? strings.keepGift : strings.keepAccount}</button>
        <button type="button" class="btn danger" part="danger" @click=${this.#handleConfirm}>${gift ? strings.confirmCancel : strings.deleteAccount}</button>
      </div></dialog>`;
  }

  render(): unknown {
    const strings = this.#strings;
    const reads = this.#reads;
    if (reads.status === LoadStatus.ERROR)
      return html`<h2 tabindex="-1">${strings.title}</h2>
        <p class="err" role="alert" part="error">${reads.offline ? this.#options.offline() : this.#options.problemText(reads.error as Problem)}</p>
        <button class="btn quiet" @click=${() => reads.run()}>${this.#view().strings.retry}</button>`;
    const profile = this.profile;
    const member = this.member;
    if (!profile || !member) return html`<h2>${strings.title}</h2><div class="sk"></div><div class="sk"></div>`;
    const view = this.#view();
    const ui = view.ui;
    const chapters = (this.organisations ?? []).filter((organisation) => organisation.kind !== 'ministry');
    const name = `${member.givenName} ${member.familyName}`;
    const section = (id: string, title: string, body: unknown) =>
      html`<section part="section" aria-labelledby="h-${id}"><h3 id="h-${id}" tabindex="-1">${title}</h3>${body}</section>`;
    return html`<div class="head"><h2 tabindex="-1">${strings.title}</h2>
        <div><button type="button" class="btn quiet" @click=${this.#handleSignOut}>${strings.signOut}</button>
        <button type="button" class="btn quiet" @click=${this.#handleSignOutEverywhere}>${strings.signOutEverywhere}</button></div></div>
      <p>${strings.signedInAs(name)} · <bdi>${member.email}</bdi> · ${strings.status[member.status] ?? member.status}</p>
      ${this.#actionProblem ? html`<p class="err" role="alert" part="error">${this.#options.problemText(this.#actionProblem)}</p>` : nothing}
      <form part="form" novalidate @submit=${this.#handleSave} @input=${this.#handleInput}>
        ${this.#summary(view)}
        ${section('profile', strings.sections.profile, html`${identity(view, false)}${practice(view)}${background(view)}${offers(view)}`)}
        ${section('audiences', strings.sections.audiences, html`<p class="muted">${view.strings.privacyIntro}</p>${audiences(view)}<h4>${view.strings.preview}</h4>${preview(view, 5)}`)}
        ${section('consents', strings.sections.consents, this.#consents(view))}
        <button class="btn" part="submit" ?disabled=${this.#profile.sending}>${this.#profile.sending ? strings.saving : strings.save}</button>
        ${this.#outcome(this.#profile, 'profile')}
      </form>
      ${section(
        'chapters',
        strings.sections.chapters,
        html`<form part="form" novalidate @submit=${this.#handleSaveChapters} @input=${this.#handleChapters}>
          <fieldset id="chapters" aria-describedby=${this.#chapters.errors.chapters ? 'chapters-e' : nothing}><legend>${strings.chaptersIntro}</legend>
            <div class="cols">${chapters.map((organisation) => check(view, 'chapters', localText(organisation.name, ui).text, organisation.slug))}</div>
            ${this.#chapters.errors.chapters ? html`<small id="chapters-e" class="err">${this.#chapters.errors.chapters}</small>` : nothing}
          </fieldset>
          <button class="btn" part="submit" ?disabled=${this.#chapters.sending}>${this.#chapters.sending ? strings.saving : strings.saveChapters}</button>
          ${this.#outcome(this.#chapters, 'chapters')}
        </form>`,
      )}
      ${section('gifts', strings.sections.gifts, html`${this.#giftList()}${this.#outcome(this.#gift, 'gifts')}`)}
      ${section(
        'data',
        strings.sections.data,
        html`<p class="muted">${strings.dataIntro}</p><button type="button" class="btn quiet" ?disabled=${this.#busy} @click=${this.#handleDownload}>${strings.download}</button>`,
      )}
      ${section(
        'delete',
        strings.sections.delete,
        html`<p class="muted">${strings.deleteIntro}</p><button type="button" class="btn danger" part="danger" ?disabled=${this.#busy}
          @click=${() => this.#ask({ deletion: true })}>${strings.deleteAccount}</button>`,
      )}
      ${this.#confirmDialog()}`;
  }
}

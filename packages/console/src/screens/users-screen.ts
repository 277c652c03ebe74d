import { type AdminRole, type AdminUser, adminRoleValues, type Problem } from '@mahjar/sdk';
import { html, LitElement, nothing } from 'lit';
import { type Locale, localeNames, locales, type Strings, say } from '../i18n.js';
import {
  asProblem,
  confirmDialog,
  fieldError,
  formatDate,
  PagedList,
  problemText,
  type ScreenContext,
  screenStyles,
} from '../shared.js';

/**
 * Users and roles (owner): the organisation's admin users (`listAdminUsers`, paged), an invitation
 * (`inviteAdminUser`), a role change (`updateAdminUser`) and a removal that asks first
 * (`removeAdminUser`).
 */
export class MahjarConsoleUsers extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    inviteProblem: { state: true },
    inviting: { state: true },
    problems: { state: true },
  };

  context!: ScreenContext;
  inviteProblem?: Problem;
  inviting = false;
  problems: Record<string, Problem> = {};

  #users = new PagedList<AdminUser>(this, (cursor) =>
    this.context.client.GET('/v1/admin/users', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#users.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #invite(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    this.inviting = true;
    const answer = await this.context.client
      .POST('/v1/admin/users', {
        body: {
          email,
          role: String(data.get('role')) as AdminRole,
          locale: String(data.get('locale')) as Locale,
        },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.inviting = false;
    if (answer.data) {
      this.inviteProblem = undefined;
      form.reset();
      this.#users.items = [...this.#users.items, answer.data];
      this.requestUpdate();
      this.context.announce(this.#t('invited', { email: answer.data.email }));
    } else {
      this.inviteProblem = asProblem(answer.error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  async #changeRole(user: AdminUser, role: AdminRole) {
    const answer = await this.context.client
      .PATCH('/v1/admin/users/{userId}', { params: { path: { userId: user.id } }, body: { role } })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    if (answer.data) {
      const updated = answer.data;
      const { [user.id]: _, ...rest } = this.problems;
      this.problems = rest;
      this.#users.items = this.#users.items.map((u) => (u.id === updated.id ? updated : u));
      this.requestUpdate();
      this.context.announce(this.#t('roleChanged', { email: updated.email, role: this.#t(`role_${updated.role}`) }));
    } else {
      this.problems = { ...this.problems, [user.id]: asProblem(answer.error) };
      this.requestUpdate();
    }
  }

  async #remove(user: AdminUser) {
    if (!(await confirmDialog(this.context.locale, this.#t('removeConfirm', { email: user.email }), 'remove'))) return;
    const { error, response } = await this.context.client.DELETE('/v1/admin/users/{userId}', {
      params: { path: { userId: user.id } },
    });
    if (response.ok) {
      this.#users.items = this.#users.items.filter((u) => u.id !== user.id);
      this.requestUpdate();
      this.context.announce(this.#t('removed', { email: user.email }));
    } else this.problems = { ...this.problems, [user.id]: asProblem(error) };
  }

  #renderUser(user: AdminUser) {
    const locale = this.context.locale;
    const problem = this.problems[user.id];
    return html`<li class="card" data-user=${user.email}>
      <h3>${user.email}</h3>
      <p class="muted">
        ${user.lastSignInAt ? this.#t('lastSignIn', { date: formatDate(locale, user.lastSignInAt) }) : this.#t('neverSignedIn')}
        · ${localeNames[user.locale as Locale] ?? user.locale}
      </p>
      <div class="row">
        <label
          >${this.#t('role')}
          <select @change=${(e: Event) => this.#changeRole(user, (e.target as HTMLSelectElement).value as AdminRole)}>
            ${adminRoleValues.map((r) => html`<option value=${r} ?selected=${r === user.role}>${this.#t(`role_${r}`)}</option>`)}
          </select>
        </label>
        <button class="danger" @click=${() => this.#remove(user)}>${this.#t('remove')}</button>
      </div>
      ${problem ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
    </li>`;
  }

  override render() {
    const locale = this.context.locale;
    const users = this.#users;
    const problem = this.inviteProblem;
    const emailError = fieldError(problem, '/email');
    const roleError = fieldError(problem, '/role');
    return html`<form class="card" novalidate @submit=${this.#invite} aria-labelledby="invite-heading">
        <h3 id="invite-heading">${this.#t('invite')}</h3>
        <div class="row">
          <label
            >${this.#t('email')}
            <input name="email" type="email" autocomplete="off" required aria-invalid=${emailError ? 'true' : 'false'} aria-describedby="invite-email-error" />
            <span id="invite-email-error" class="field-error">${emailError ?? ''}</span>
          </label>
          <label
            >${this.#t('role')}
            <select name="role" aria-invalid=${roleError ? 'true' : 'false'}>
              ${adminRoleValues.map((r) => html`<option value=${r} ?selected=${r === 'reviewer'}>${this.#t(`role_${r}`)}</option>`)}
            </select>
          </label>
          <label
            >${this.#t('userLanguage')}
            <select name="locale">
              ${locales.map((l) => html`<option value=${l} ?selected=${l === locale} lang=${l}>${localeNames[l]}</option>`)}
            </select>
          </label>
          <button ?disabled=${this.inviting}>${this.#t('sendInvitation')}</button>
        </div>
        ${problem && !emailError && !roleError ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
      </form>
      <h3>${this.#t('users')}</h3>
      ${users.status === 'error' && users.problem ? html`<p class="error" role="alert">${problemText(locale, users.problem)}</p>` : nothing}
      <ul class="cards">
        ${users.items.map((u) => this.#renderUser(u))}
      </ul>
      ${users.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${users.nextCursor && users.status !== 'loading' ? html`<button class="secondary more" @click=${() => users.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-users', MahjarConsoleUsers);

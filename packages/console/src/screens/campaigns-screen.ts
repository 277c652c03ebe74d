import type { Campaign, Problem } from '@mahjar/sdk';
import { formatMoney } from '@mahjar/widgets';
import { html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import {
  asProblem,
  confirmDialog,
  formatDate,
  meets,
  PagedList,
  problemText,
  type ScreenContext,
  screenStyles,
} from '../shared.js';

/**
 * The organisation's campaigns (`listAdminCampaigns`, paged: drafts, active and closed), what each
 * has raised against its goal, and closing one (`closeCampaign`, editor), after asking.
 */
export class MahjarConsoleCampaigns extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    problems: { state: true },
  };

  context!: ScreenContext;
  problems: Record<string, Problem> = {};

  #campaigns = new PagedList<Campaign>(this, (cursor) =>
    this.context.client.GET('/v1/admin/campaigns', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#campaigns.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  #title = (campaign: Campaign) =>
    campaign.title[this.context.locale] ?? campaign.title.en ?? Object.values(campaign.title)[0] ?? campaign.slug;

  async #close(campaign: Campaign) {
    if (!(await confirmDialog(this.context.locale, this.#t('closeConfirm', { title: this.#title(campaign) }), 'close')))
      return;
    const { data, error } = await this.context.client
      .POST('/v1/admin/campaigns/{slug}/close', { params: { path: { slug: campaign.slug } } })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    if (data) {
      this.#campaigns.items = this.#campaigns.items.map((c) => (c.id === data.id ? data : c));
      const { [campaign.id]: _, ...rest } = this.problems;
      this.problems = rest;
      this.context.announce(this.#t('closed', { title: this.#title(campaign) }));
    } else this.problems = { ...this.problems, [campaign.id]: asProblem(error) };
  }

  #renderCampaign(campaign: Campaign) {
    const locale = this.context.locale;
    const problem = this.problems[campaign.id];
    return html`<li class="card" data-campaign=${campaign.slug}>
      <h3>${this.#title(campaign)} <span class="badge ${campaign.status === 'active' ? 'verified' : campaign.status === 'closed' ? 'cancelled' : 'pending'}">${this.#t(`campaign_${campaign.status}`)}</span></h3>
      <p class="muted">
        ${this.#t('raised', {
          raised: formatMoney(campaign.raisedAmount, campaign.currency, locale),
          goal: formatMoney(campaign.goalAmount, campaign.currency, locale),
          donors: campaign.donorCount,
        })}
        · ${formatDate(locale, campaign.startsOn, false)}${campaign.endsOn ? html` – ${formatDate(locale, campaign.endsOn, false)}` : nothing}
      </p>
      <progress max=${campaign.goalAmount} .value=${Math.min(campaign.raisedAmount, campaign.goalAmount)} aria-label=${this.#t('progress')}></progress>
      ${
        campaign.status !== 'closed' && meets(this.context.role, 'editor')
          ? html`<div><button class="danger" @click=${() => this.#close(campaign)}>${this.#t('close')}</button></div>`
          : nothing
      }
      ${problem ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
    </li>`;
  }

  override render() {
    const campaigns = this.#campaigns;
    return html`${campaigns.status === 'error' && campaigns.problem ? html`<p class="error" role="alert">${problemText(this.context.locale, campaigns.problem)}</p>` : nothing}
      ${campaigns.status === 'done' && campaigns.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      <ul class="cards">
        ${campaigns.items.map((c) => this.#renderCampaign(c))}
      </ul>
      ${campaigns.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${campaigns.nextCursor && campaigns.status !== 'loading' ? html`<button class="secondary more" @click=${() => campaigns.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-campaigns', MahjarConsoleCampaigns);

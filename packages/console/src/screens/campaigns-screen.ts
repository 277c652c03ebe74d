import type { Campaign, PriorityArea, Problem } from '@mahjar/sdk';
import { formatMoney } from '@mahjar/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import {
  asProblem,
  backArrow,
  confirmDialog,
  formatDay,
  meets,
  PagedList,
  problemText,
  type ScreenContext,
  saveEdit,
  screenStyles,
} from '../shared.js';
import './donations-view.js';
import { campaignInput, campaignPatch, createCampaign, renderCampaignForm, updateCampaign } from './campaign-form.js';

/**
 * The organisation's campaigns (`listAdminCampaigns`, paged: drafts, active and closed), what each
 * has raised against its goal, and closing one (`closeCampaign`, editor), after asking. An editor
 * creates campaigns (`createCampaign`) and edits them (`updateCampaign`, only what changed), amounts
 * typed in major units of the currency and sent in minor units. A treasurer (and the owner) opens
 * each campaign's donations.
 */
export class MahjarConsoleCampaigns extends LitElement {
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
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
      fieldset {
        border: 1px solid #c5cbd4;
        border-radius: 0.35rem;
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem 0.75rem;
        min-inline-size: 0;
      }
      legend {
        font-weight: 600;
        padding-inline: 0.25rem;
      }
      fieldset .row {
        align-items: start;
      }
      fieldset label {
        flex: 1 1 14rem;
      }
      fieldset input,
      fieldset textarea {
        inline-size: 100%;
        box-sizing: border-box;
      }
      .campaign-form > .row {
        margin-bottom: 0.75rem;
      }
      label.check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        align-self: center;
      }
      select[name='currency'] {
        max-inline-size: 18rem;
      }
    `,
  ];
  static override properties = {
    context: { attribute: false },
    problems: { state: true },
    createProblem: { state: true },
    creating: { state: true },
    editing: { state: true },
    editProblem: { state: true },
    saving: { state: true },
    editNote: { state: true },
    donationsOf: { state: true },
  };

  context!: ScreenContext;
  problems: Record<string, Problem> = {};
  createProblem?: Problem;
  creating = false;
  editing?: Campaign;
  editProblem?: Problem;
  saving = false;
  editNote = '';
  donationsOf?: Campaign;

  #campaigns = new PagedList<Campaign>(this, (cursor) =>
    this.context.client.GET('/v1/admin/campaigns', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#campaigns.reload();
    void this.context.client.GET('/v1/admin/taxonomies/priority-areas').then(({ data }) => {
      this.#priorityAreas = data?.items ?? [];
      this.requestUpdate();
    });
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  #title = (campaign: Campaign) =>
    campaign.title[this.context.locale] ?? campaign.title.en ?? Object.values(campaign.title)[0] ?? campaign.slug;

  /** The priority areas a campaign can serve (the National Health Strategy's), read once. */
  #priorityAreas: PriorityArea[] = [];

  async #create(submit: SubmitEvent) {
    submit.preventDefault();
    const form = submit.target as HTMLFormElement;
    this.creating = true;
    const { campaign, problem } = await createCampaign(this.context.client, campaignInput(form));
    this.creating = false;
    this.createProblem = problem;
    if (campaign) {
      form.reset();
      form.closest('details')?.removeAttribute('open');
      this.#campaigns.items = [campaign, ...this.#campaigns.items];
      this.context.announce(this.#t('campaignCreated', { title: this.#title(campaign) }));
    } else {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  async #edit(campaign: Campaign | undefined) {
    const from = this.editing;
    this.editing = campaign;
    this.editProblem = undefined;
    this.editNote = '';
    await this.updateComplete;
    if (campaign) this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    else if (from) this.renderRoot.querySelector<HTMLElement>(`li[data-campaign="${from.slug}"] button`)?.focus();
  }

  async #save(submit: SubmitEvent) {
    submit.preventDefault();
    const before = this.editing!;
    const patch = campaignPatch(submit.target as HTMLFormElement, before);
    const campaign = await saveEdit(this, patch, async () => {
      const { campaign: value, problem } = await updateCampaign(this.context.client, before.slug, patch);
      return { value, problem };
    });
    if (!campaign) return;
    this.#campaigns.items = this.#campaigns.items.map((c) => (c.id === campaign.id ? campaign : c));
    this.context.announce(this.#t('campaignSaved', { title: this.#title(campaign) }));
    await this.#edit(undefined);
  }

  async #donations(campaign: Campaign | undefined) {
    const from = this.donationsOf;
    this.donationsOf = campaign;
    await this.updateComplete;
    if (campaign) this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    else if (from)
      this.renderRoot.querySelector<HTMLElement>(`li[data-campaign="${from.slug}"] button[data-donations]`)?.focus();
  }

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
      <h3 data-title id="campaign-${campaign.slug}-title">${this.#title(campaign)} <span class="badge ${campaign.status === 'active' ? 'verified' : campaign.status === 'closed' ? 'cancelled' : 'pending'}">${this.#t(`campaign_${campaign.status}`)}</span></h3>
      <p class="muted">
        ${this.#t('raised', {
          raised: formatMoney(campaign.raisedAmount, campaign.currency, locale),
          goal: formatMoney(campaign.goalAmount, campaign.currency, locale),
          donors: campaign.donorCount,
        })}
        · ${formatDay(locale, campaign.startsOn)}${campaign.endsOn ? html` – ${formatDay(locale, campaign.endsOn)}` : nothing}
      </p>
      <progress max=${campaign.goalAmount} .value=${Math.min(campaign.raisedAmount, campaign.goalAmount)} aria-label=${this.#t('progress')}></progress>
      <div class="actions">
        ${
          meets(this.context.role, 'treasurer')
            ? html`<button class="secondary" data-donations aria-describedby="campaign-${campaign.slug}-title" @click=${() => this.#donations(campaign)}>${this.#t('donations')}</button>`
            : nothing
        }
        ${
          campaign.status !== 'closed' && meets(this.context.role, 'editor')
            ? html`<button class="secondary" aria-describedby="campaign-${campaign.slug}-title" @click=${() => this.#edit(campaign)}>${this.#t('edit')}</button>
                <button class="danger" aria-describedby="campaign-${campaign.slug}-title" @click=${() => this.#close(campaign)}>${this.#t('close')}</button>`
            : nothing
        }
      </div>
      ${problem ? html`<p class="error" role="alert">${problemText(locale, problem)}</p>` : nothing}
    </li>`;
  }

  #renderEdit(campaign: Campaign) {
    return html`<p><a href="#campaigns" @click=${(e: Event) => {
      e.preventDefault();
      void this.#edit(undefined);
    }}>${backArrow(this.context.locale)} ${this.#t('backToCampaigns')}</a></p>
      <section class="card">
        <h3 tabindex="-1">${this.#t('editCampaignNamed', { title: this.#title(campaign) })}</h3>
        ${renderCampaignForm({
          locale: this.context.locale,
          problem: this.editProblem,
          busy: this.saving,
          campaign,
          priorityAreas: this.#priorityAreas,
          say: (key) => this.#t(key),
          onSubmit: (submit) => void this.#save(submit),
        })}
        <p class="muted" role="status">${this.editNote}</p>
      </section>`;
  }

  #renderDonations(campaign: Campaign) {
    return html`<p><a href="#campaigns" @click=${(e: Event) => {
      e.preventDefault();
      void this.#donations(undefined);
    }}>${backArrow(this.context.locale)} ${this.#t('backToCampaigns')}</a></p>
      <h3 tabindex="-1">${this.#t('donationsTo', { title: this.#title(campaign) })}</h3>
      <p class="muted">
        ${this.#t('raised', {
          raised: formatMoney(campaign.raisedAmount, campaign.currency, this.context.locale),
          goal: formatMoney(campaign.goalAmount, campaign.currency, this.context.locale),
          donors: campaign.donorCount,
        })}
      </p>
      <mahjar-console-donations .context=${this.context} .campaign=${campaign}></mahjar-console-donations>`;
  }

  override render() {
    if (this.editing) return this.#renderEdit(this.editing);
    if (this.donationsOf) return this.#renderDonations(this.donationsOf);
    const campaigns = this.#campaigns;
    return html`${
      meets(this.context.role, 'editor')
        ? html`<details class="card" ?open=${!!this.createProblem}>
            <summary>${this.#t('newCampaign')}</summary>
            ${renderCampaignForm({
              locale: this.context.locale,
              problem: this.createProblem,
              busy: this.creating,
              priorityAreas: this.#priorityAreas,
              say: (key) => this.#t(key),
              onSubmit: (submit) => void this.#create(submit),
            })}
          </details>`
        : nothing
    }${campaigns.status === 'error' && campaigns.problem ? html`<p class="error" role="alert">${problemText(this.context.locale, campaigns.problem)}</p>` : nothing}
      ${campaigns.status === 'done' && campaigns.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      <ul class="cards">
        ${campaigns.items.map((c) => this.#renderCampaign(c))}
      </ul>
      ${campaigns.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${campaigns.nextCursor && campaigns.status !== 'loading' ? html`<button class="secondary more" @click=${() => campaigns.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-campaigns', MahjarConsoleCampaigns);

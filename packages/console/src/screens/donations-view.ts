import { type AdminDonation, type Campaign, newIdempotencyKey, type Problem } from '@mahjar/sdk';
import { formatMoney } from '@mahjar/widgets';
import { css, html, LitElement, nothing } from 'lit';
import { type Strings, say } from '../i18n.js';
import { asProblem, formatDate, PagedList, problemText, type ScreenContext, screenStyles } from '../shared.js';

/**
 * One campaign's donations, the treasurer's ledger (`listCampaignDonations`, paged, every status),
 * and all of them as a CSV file for the books (`exportCampaignDonations`); a succeeded donation's
 * receipt is sent again on request (`resendDonationReceipt`). Minimum role treasurer.
 */
export class MahjarConsoleDonations extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin-bottom: 0.75rem;
      }
      .table {
        overflow-x: auto;
      }
      caption {
        text-align: start;
        padding-block-end: 0.4rem;
      }
      td.date,
      td.receipt,
      .badge {
        white-space: nowrap;
      }
      button.small {
        margin-block-start: 0.25rem;
        padding: 0.1rem 0.5rem;
        font-size: 0.85rem;
      }
      td.amount {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .badge.succeeded {
        color: #0a6b4d;
      }
      .badge.failed,
      .badge.refunded {
        color: #b3261e;
      }
      .badge.cancelled {
        color: #555d6b;
      }
    `,
  ];
  static override properties = {
    context: { attribute: false },
    campaign: { attribute: false },
    exporting: { state: true },
    exportProblem: { state: true },
    resending: { state: true },
    resendProblems: { state: true },
  };

  context!: ScreenContext;
  campaign!: Campaign;
  exporting = false;
  exportProblem?: Problem;
  resending = '';
  resendProblems: Record<string, Problem> = {};

  #donations = new PagedList<AdminDonation>(this, (cursor) =>
    this.context.client.GET('/v1/admin/campaigns/{slug}/donations', {
      params: { path: { slug: this.campaign.slug }, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
    }),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#donations.reload();
  }

  #t = (key: keyof Strings, values?: Record<string, string | number>) => say(this.context.locale, key, values);

  async #download() {
    this.exporting = true;
    this.exportProblem = undefined;
    const slug = this.campaign.slug;
    const { data, error } = await this.context.client
      .GET('/v1/admin/campaigns/{slug}/donations/export', {
        params: { path: { slug }, query: { format: 'csv' } },
        parseAs: 'text',
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.exporting = false;
    if (typeof data !== 'string') {
      this.exportProblem = asProblem(error);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv;charset=utf-8' }));
    link.download = `donations-${slug}-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    const rows = Math.max(0, data.trim().split('\n').length - 1);
    this.context.announce(this.#t('donationsExported', { count: rows }));
  }

  async #resend(donation: AdminDonation) {
    this.resending = donation.id;
    const { data, error } = await this.context.client
      .POST('/v1/admin/campaigns/{slug}/donations/{id}/receipt', {
        params: {
          path: { slug: this.campaign.slug, id: donation.id },
          header: { 'Idempotency-Key': newIdempotencyKey() },
        },
      })
      .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
    this.resending = '';
    const { [donation.id]: _, ...rest } = this.resendProblems;
    if (data) {
      this.resendProblems = rest;
      this.context.announce(this.#t('receiptResent', { email: data.donorEmail, number: data.receiptNumber ?? '' }));
    } else this.resendProblems = { ...rest, [donation.id]: asProblem(error) };
  }

  #row(donation: AdminDonation) {
    const locale = this.context.locale;
    return html`<tr data-donation=${donation.id}>
      <td class="date">${formatDate(locale, donation.createdAt)}</td>
      <td>
        ${donation.donorName ?? html`<em>${this.#t('anonymousDonor')}</em>`}<br />
        <span class="muted" dir="ltr">${donation.donorEmail}</span>
        ${donation.dedication ? html`<br /><span class="muted">${donation.dedication}</span>` : nothing}
      </td>
      <td class="amount">${formatMoney(donation.amount, donation.currency, locale)}</td>
      <td>${this.#t(donation.renewalOf ? 'renewal' : `frequency_${donation.frequency}`)}</td>
      <td><span class="badge ${donation.status}">${this.#t(`donation_${donation.status}`)}</span></td>
      <td class="receipt">
        <bdi>${donation.receiptNumber ?? ''}</bdi>
        ${
          donation.status === 'succeeded' && donation.receiptNumber
            ? html`<br /><button class="secondary small" ?disabled=${this.resending === donation.id} @click=${() => this.#resend(donation)}>${this.#t('resendReceipt')}</button>`
            : nothing
        }
        ${this.resendProblems[donation.id] ? html`<p class="error" role="alert">${problemText(locale, this.resendProblems[donation.id]!)}</p>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    const donations = this.#donations;
    const locale = this.context.locale;
    return html`<div class="toolbar">
        <button ?disabled=${this.exporting} @click=${this.#download}>${this.#t(this.exporting ? 'loading' : 'downloadDonations')}</button>
        ${this.exportProblem ? html`<p class="error" role="alert">${problemText(locale, this.exportProblem)}</p>` : nothing}
      </div>
      ${donations.status === 'error' && donations.problem ? html`<p class="error" role="alert">${problemText(locale, donations.problem)}</p>` : nothing}
      <div class="table">
        <table>
          <caption class="muted">${this.#t('donationsCaption', { title: this.campaign.title[locale] ?? this.campaign.slug })}</caption>
          <thead>
            <tr>
              <th scope="col">${this.#t('donatedAt')}</th>
              <th scope="col">${this.#t('donor')}</th>
              <th scope="col">${this.#t('amount')}</th>
              <th scope="col">${this.#t('frequency')}</th>
              <th scope="col">${this.#t('statusLabel')}</th>
              <th scope="col">${this.#t('receiptNumber')}</th>
            </tr>
          </thead>
          <tbody>
            ${donations.items.map((d) => this.#row(d))}
          </tbody>
        </table>
      </div>
      ${donations.status === 'done' && donations.items.length === 0 ? html`<p>${this.#t('empty')}</p>` : nothing}
      ${donations.status === 'loading' ? html`<p>${this.#t('loading')}</p>` : nothing}
      ${donations.nextCursor && donations.status !== 'loading' ? html`<button class="secondary more" @click=${() => donations.more()}>${this.#t('more')}</button>` : nothing}`;
  }
}

customElements.define('mahjar-console-donations', MahjarConsoleDonations);

import { createMahjarClient, type EngagementReport, type MahjarClient, type Problem } from '@mahjar/sdk';
import { html, nothing } from 'lit';
import { emit } from '../shared/events.js';
import { Load, LoadStatus } from '../shared/load.js';
import { formatNumber, type Strings } from '../shared/localize.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { theme } from '../shared/theme.js';
import { impactReport as en } from '../translations/en/impact-report.js';
import { styles } from './impact-report.styles.js';
import type { ReportView } from './report-view.js';

/** detail of `mahjar-quarter-change`. */
export interface QuarterChangeDetail {
  quarter: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-quarter-change': CustomEvent<QuarterChangeDetail>;
  }
  interface HTMLElementTagNameMap {
    'mahjar-impact-report': MahjarImpactReport;
  }
}

/** `2026-Q3` → the quarter `offset` quarters later (`-1`: the one before). */
export function shiftQuarter(quarter: string, offset: number): string {
  const [year, number] = quarter.split('-Q').map(Number) as [number, number];
  const index = year * 4 + number - 1 + offset;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The calendar quarter (UTC) that `date` falls in. */
export const quarterOf = (date: Date): string => `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;

const QUARTER = /^\d{4}-Q[1-4]$/;
/** One client per API base and credential, shared by every report on the page. */
const clients = new Map<string, MahjarClient>();

/**
 * @summary The quarterly engagement report of an organisation, as its board and IOM want to see it:
 * charts of events and participants by month, needs opened and filled by priority area, funds by
 * priority area (one chart per currency, never added across currencies) and the change on the
 * previous quarter, each with its data table; a CSV download; and the coordinator's milestones,
 * outcomes and challenges. Every figure is the API's (`getEngagementReport`), formatted with `Intl`.
 *
 * The report is an admin read: set `secretKey` (a server-rendered intranet page), `accessToken`
 * (an administrator signed in) or `adminClient` (an SDK client with either) from script. A publishable key never reads it; with one alone the
 * element says what is missing and asks for nothing. The priority areas' names come with the report
 * (`labels`), so it needs no publishable key at all.
 *
 * @tag mahjar-impact-report
 * @csspart base - The themed card.
 * @csspart nav - The quarter's heading with the previous/next buttons and the download.
 * @csspart chart - Each chart's `<figure>`.
 * @csspart table - Each chart's data table (in a `<details>`).
 * @csspart narrative - The coordinator's notes.
 * @csspart error - A message about a request that failed.
 * @cssprop --mahjar-color-accent - Buttons, focus and the first series (default #0a6b4d; #5cd0a3 dark).
 * @cssprop --mahjar-chart-2 - The second series of a chart (default #b86e00; #f0b45c dark).
 * @cssprop --mahjar-color-surface - Background (default #fff; #16191e dark).
 * @cssprop --mahjar-color-text - Text (default #1b1e23; #eceef2 dark).
 * @cssprop --mahjar-color-muted - Hints and axes (default #555d6b; #aab1bd dark).
 * @cssprop --mahjar-color-border - Borders and grid lines (default #c5cbd4; #454b55 dark).
 * @cssprop --mahjar-color-danger - Errors and falls (default #b3261e; #ff9a8f dark).
 * @cssprop --mahjar-radius - Corner radius (default 0.5em).
 * @cssprop --mahjar-space - Padding (default 1em).
 * @event mahjar-quarter-change - The reader moved to another quarter; detail: { quarter }.
 * @event mahjar-error - A request failed; detail: { problem }.
 */
export class MahjarImpactReport extends MahjarElement {
  static override styles = [theme, styles];
  protected static override strings: Strings<typeof en> = (language) =>
    language === 'ar' ? import('../translations/ar/impact-report.js') : import('../translations/fr/impact-report.js');
  static override properties = {
    quarter: { reflect: true },
    secretKey: { attribute: false },
    accessToken: { attribute: false },
    adminClient: { attribute: false },
  };

  /** The report: read with the secret key or the administrator's token, never the publishable key. */
  #report = new Load(this, {
    args: () => {
      const client = this.#reportClient;
      return client ? ([client, this.#quarter] as const) : undefined;
    },
    task: async ([client, quarter]) => {
      const { data, error } = await client.GET('/v1/admin/reports/engagement', {
        params: { query: { quarter, format: 'json' } },
      });
      if (!data) throw error;
      return data as EngagementReport;
    },
    onError: (problem) => emit(this, 'mahjar-error', { problem: problem as Problem }),
  });
  /** The charts and tables (report-view.ts), loaded while the report is read. */
  #view?: typeof import('./report-view.js');
  #viewLoaded?: Promise<void>;
  #downloading = false;
  #downloadProblem?: Problem;

  /** The calendar quarter shown, `YYYY-Qn` (default: the current one, UTC). */
  quarter = '';
  /** An organisation's secret key (`sk_…`), for a page only its staff can open; set from script, never as an attribute. */
  secretKey = '';
  /** An administrator's access token (`Authorization: Bearer`), from the admin sign-in; set from script. */
  accessToken = '';
  /**
   * An SDK client that already carries admin credentials (the console's, signed in); wins over
   * `secretKey` and `accessToken`. Set from script.
   */
  adminClient?: MahjarClient;

  /** The report shown (read-only), once read: the API's `EngagementReport`. */
  get report(): EngagementReport | undefined {
    return this.#report.status === LoadStatus.COMPLETE ? this.#report.value : undefined;
  }

  get #quarter(): string {
    return QUARTER.test(this.quarter) ? this.quarter : quarterOf(new Date());
  }

  get #reportClient(): MahjarClient | undefined {
    if (this.adminClient) return this.adminClient;
    const baseUrl = this.apiBase || this.providerConfig?.apiBase;
    const credential = this.accessToken || this.secretKey;
    if (!baseUrl || !credential) return undefined;
    const id = `${baseUrl} ${credential}`;
    const client =
      clients.get(id) ??
      createMahjarClient(
        this.accessToken ? { baseUrl, bearerToken: this.accessToken } : { baseUrl, secretKey: this.secretKey },
      );
    clients.set(id, client);
    return client;
  }

  get #strings(): typeof en {
    return this.ownStrings(en);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#viewLoaded ??= import('./report-view.js').then((module) => {
      this.#view = module;
      this.requestUpdate();
    });
  }

  /** Resolves once rendered, with the charts' code loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#viewLoaded;
    return super.getUpdateComplete();
  }

  #go(offset: number): void {
    this.quarter = shiftQuarter(this.#quarter, offset);
    emit(this, 'mahjar-quarter-change', { quarter: this.quarter });
  }

  #handlePrevious = (): void => this.#go(-1);
  #handleNext = (): void => this.#go(1);
  #handleRetry = (): void => {
    this.#report.run();
  };

  /** Reads the CSV with the same credential and hands it to the browser as a file. */
  #handleDownload = async (): Promise<void> => {
    const client = this.#reportClient;
    if (!client || this.#downloading) return;
    const quarter = this.#quarter;
    this.#downloading = true;
    this.#downloadProblem = undefined;
    this.requestUpdate();
    const { data, error } = await client.GET('/v1/admin/reports/engagement', {
      params: { query: { quarter, format: 'csv' } },
      parseAs: 'text',
    });
    this.#downloading = false;
    if (typeof data === 'string') {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv;charset=utf-8' }));
      link.download = `${this.report?.organisationSlug ?? 'mahjar'}-report-${quarter}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } else {
      this.#downloadProblem = error as Problem;
      emit(this, 'mahjar-error', { problem: error as Problem });
    }
    this.requestUpdate();
  };

  /** `2026-Q3` in the shown language (`Q3 2026`, `الربع ٣ ٢٠٢٦`). */
  #quarterLabel = (quarter: string): string => {
    const [year, number] = quarter.split('-Q') as [string, string];
    return this.#strings.quarter(
      formatNumber(Number(number), this.intl),
      new Intl.NumberFormat(this.intl, { useGrouping: false }).format(Number(year)),
    );
  };

  protected override render(): unknown {
    const strings = this.#strings;
    const quarter = this.#quarter;
    const report = this.#report;
    const credentials = !!(this.adminClient || this.accessToken || this.secretKey);
    const nav = html`<header part="nav">
      <h2 id="title">${strings.title}: <span>${this.#quarterLabel(quarter)}</span></h2>
      <div class="nav">
        <button class="btn quiet" @click=${this.#handlePrevious} aria-label=${strings.previous}><span aria-hidden="true">‹</span></button>
        <button class="btn quiet" @click=${this.#handleNext} aria-label=${strings.next}><span aria-hidden="true">›</span></button>
        ${credentials ? html`<button class="btn" ?disabled=${this.#downloading} @click=${this.#handleDownload}>${this.#downloading ? strings.downloading : strings.download}</button>` : nothing}
      </div>
    </header>
    ${this.#downloadProblem ? html`<p class="err" role="alert" part="error">${this.problemText(this.#downloadProblem)}</p>` : nothing}`;
    if (!credentials)
      return this.frame(html`${nav}<p class="err" role="alert" part="error">${strings.needsCredentials}</p>`);
    if (report.status === LoadStatus.ERROR)
      return this.frame(
        html`${nav}<p class="err" role="alert" part="error">${report.offline ? this.common.offline : this.problemText(report.error as Problem)}</p>
        <button class="btn" @click=${this.#handleRetry}>${this.common.retry}</button>`,
      );
    const value = report.value;
    const view = this.#view;
    if (!value || !view || value.quarter !== quarter)
      return this.frame(
        html`${nav}<div class="sk"></div><div class="sk"></div><div class="sk"></div><p class="vh" role="status">${this.common.loading}</p>`,
        true,
      );
    const reportView: ReportView = {
      report: value,
      strings,
      ui: this.ui,
      intl: this.intl,
      rtl: this.common.dir === 'rtl',
      quarterLabel: this.#quarterLabel,
      // the names come with the report (a server before `labels` leaves the codes)
      areaName: (code) => {
        const name = value.labels?.priorityArea[code];
        return (name && (name[this.ui] || name.en || name.fr || name.ar)) || code;
      },
      number: (n) => formatNumber(n, this.intl),
      money: (minor, currency) => this.money(minor, currency),
    };
    return this.frame(html`${nav}${view.renderReport(reportView)}`, report.status === LoadStatus.PENDING);
  }
}

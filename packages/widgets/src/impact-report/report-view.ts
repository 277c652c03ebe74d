import type { EngagementReport } from '@mahjar/sdk';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Locale } from '../shared/localize.js';
import type { impactReport } from '../translations/en/impact-report.js';

/** What the report's charts and tables read; built by the element for each render. */
export interface ReportView {
  report: EngagementReport;
  strings: typeof impactReport;
  ui: Locale;
  intl: string;
  rtl: boolean;
  quarterLabel(quarter: string): string;
  areaName(code: string): string;
  number(n: number): string;
  money(minor: number, currency: string): string;
}

/** One bar group of a chart: its label and one value per series, with the values as shown. */
interface Row {
  label: string;
  values: number[];
  texts: string[];
}

/** A chart: its id (unique in the element), title, series names and rows. */
interface Chart {
  id: string;
  title: string;
  series: string[];
  rows: Row[];
}

const WIDTH = 640;
const LABEL = 200;
const BAR = 16;
const GAP = 4;
const GROUP = 14;

/** Room for the longest value written after a bar (about 7.5 units a character at 13 px). */
const room = (texts: string[]) => Math.min(240, 16 + 7.5 * Math.max(0, ...texts.map((text) => text.length)));

const short = (text: string) => (text.length > 26 ? `${text.slice(0, 25)}…` : text);

/** Mirrors a box's x for right-to-left reading: the labels on the right, the bars growing leftwards. */
const place = (view: ReportView, x: number, width = 0) => (view.rtl ? WIDTH - x - width : x);
/** The anchor of a text that is at the start (`start`) or end of its place in left-to-right reading. */
const anchor = (view: ReportView, end: boolean) => (end !== view.rtl ? 'end' : 'start');

/** The accessible summary of a chart: its largest value, by series. */
function summary(view: ReportView, chart: Chart): string {
  return chart.series
    .map((name, index) => {
      const top = chart.rows.reduce<Row | undefined>(
        (best, row) => ((row.values[index] ?? 0) > (best?.values[index] ?? 0) ? row : best),
        undefined,
      );
      return top ? `${name}: ${view.strings.highest(top.label, top.texts[index]!)}` : '';
    })
    .filter(Boolean)
    .join(' ');
}

/** A horizontal bar chart in SVG (an image with a title and a summary); its numbers are in the table beside it. */
function bars(view: ReportView, chart: Chart): TemplateResult {
  const max = Math.max(0, ...chart.rows.flatMap((row) => row.values));
  if (!chart.rows.length || max === 0) return html`<p class="muted">${view.strings.empty}</p>`;
  const groupHeight = chart.series.length * (BAR + GAP) - GAP + GROUP;
  const height = chart.rows.length * groupHeight;
  const span = WIDTH - LABEL - room(chart.rows.flatMap((row) => row.texts)) - 8;
  return html`${
    chart.series.length > 1
      ? html`<ul class="legend">${chart.series.map((name, index) => html`<li><i class="s${index}"></i>${name}</li>`)}</ul>`
      : nothing
  }<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" direction="ltr">
    <title id="${chart.id}-t">${chart.title}</title><desc id="${chart.id}-d">${summary(view, chart)}</desc>
    ${chart.rows.map((row, rowIndex) => {
      const top = rowIndex * groupHeight + GROUP / 2;
      const middle = top + (groupHeight - GROUP) / 2;
      return svg`<g><text x=${place(view, LABEL - 8)} y=${middle} dy="0.35em" text-anchor=${anchor(view, true)}>${short(row.label)}</text>
        ${row.values.map((value, index) => {
          const width = Math.max(value > 0 ? 2 : 0, (value / max) * span);
          const y = top + index * (BAR + GAP);
          return svg`<rect class="s${index}" x=${place(view, LABEL, width)} y=${y} width=${width} height=${BAR} rx="2"><title>${row.label}, ${chart.series[index]}: ${row.texts[index]}</title></rect>
            <text class="v" x=${place(view, LABEL + width + 6)} y=${y + BAR / 2} dy="0.35em" text-anchor=${anchor(view, false)}>${row.texts[index]}</text>`;
        })}</g>`;
    })}
  </svg>`;
}

/** A table of the figures a chart draws: the header row, then one row per label. */
function table(view: ReportView, caption: string, head: string[], rows: string[][]): TemplateResult {
  return html`<details part="table"><summary>${view.strings.showTable}</summary>
    <table><caption class="vh">${caption}</caption>
      <thead><tr>${head.map((cell, index) => html`<th scope="col" class=${index ? 'n' : ''}>${cell}</th>`)}</tr></thead>
      <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td class="n">${cell}</td>`)}</tr>`)}</tbody>
    </table></details>`;
}

function figure(id: string, title: string, body: unknown): TemplateResult {
  return html`<figure part="chart" aria-labelledby="${id}-c"><figcaption id="${id}-c"><h3>${title}</h3></figcaption>${body}</figure>`;
}

/** Events, webinars, registrations and participants in each month of the quarter. */
function months(view: ReportView): TemplateResult {
  const { strings, report } = view;
  const text = strings.months;
  const monthName = new Intl.DateTimeFormat(view.intl, { month: 'long', timeZone: 'UTC' });
  const rows = report.eventsByMonth.map((month) => {
    const [year, number] = month.month.split('-').map(Number) as [number, number];
    return { label: monthName.format(Date.UTC(year, number - 1, 1)), month };
  });
  const n = view.number;
  return figure(
    'months',
    text.title,
    html`<div class="pair">
      <div><h4>${text.eventsChart}</h4>${bars(view, {
        id: 'events',
        title: text.eventsChart,
        series: [text.events, text.webinars],
        rows: rows.map(({ label, month }) => ({
          label,
          values: [month.eventsHeld, month.webinarsHeld],
          texts: [n(month.eventsHeld), n(month.webinarsHeld)],
        })),
      })}</div>
      <div><h4>${text.participantsChart}</h4>${bars(view, {
        id: 'participants',
        title: text.participantsChart,
        series: [text.registrations, text.participants],
        rows: rows.map(({ label, month }) => ({
          label,
          values: [month.registrations, month.participants],
          texts: [n(month.registrations), n(month.participants)],
        })),
      })}</div></div>
    ${table(
      view,
      text.title,
      [text.month, text.events, text.webinars, text.registrations, text.participants],
      rows.map(({ label, month }) => [
        label,
        n(month.eventsHeld),
        n(month.webinarsHeld),
        n(month.registrations),
        n(month.participants),
      ]),
    )}`,
  );
}

/** Needs opened and filled, people assigned, hours and people reached, by priority area. */
function needs(view: ReportView): TemplateResult {
  const { strings, report } = view;
  const text = strings.needs;
  const progress = report.needs;
  const n = view.number;
  const areas = progress.byPriorityArea.map((area) => ({ label: view.areaName(area.priorityArea), area }));
  return figure(
    'needs',
    text.title,
    html`<p>${text.summary(n(progress.answers), n(progress.assigned), n(progress.openAtEnd))}</p>
    ${
      areas.length
        ? html`${bars(view, {
            id: 'needs-chart',
            title: text.title,
            series: [text.opened, text.filled],
            rows: areas.map(({ label, area }) => ({
              label,
              values: [area.opened, area.filled],
              texts: [n(area.opened), n(area.filled)],
            })),
          })}
          ${table(
            view,
            text.title,
            [strings.priorityArea, text.opened, text.filled, text.assigned, text.hours, text.peopleReached],
            areas.map(({ label, area }) => [
              label,
              n(area.opened),
              n(area.filled),
              n(area.assigned),
              n(area.hours),
              n(area.peopleReached),
            ]),
          )}`
        : html`<p class="muted">${text.none}</p>`
    }`,
  );
}

/** Funds by priority area: one chart per currency, since amounts in two currencies never add up. */
function funds(view: ReportView): TemplateResult {
  const { strings, report } = view;
  const text = strings.funds;
  const byArea = report.fundsRaised.byPriorityArea;
  const currencies = [...new Set(byArea.map((each) => each.currency))].sort();
  return figure(
    'funds',
    text.title,
    byArea.length
      ? html`${currencies.map(
          (currency) =>
            html`<h4>${text.inCurrency(currency)}</h4>${bars(view, {
              id: `funds-${currency}`,
              title: text.inCurrency(currency),
              series: [text.inCurrency(currency)],
              rows: byArea
                .filter((each) => each.currency === currency)
                .map((each) => ({
                  label: view.areaName(each.priorityArea),
                  values: [each.amount],
                  texts: [view.money(each.amount, currency)],
                })),
            })}`,
        )}
        ${table(
          view,
          text.title,
          [strings.priorityArea, text.currency, text.amount],
          byArea.map((each) => [
            view.areaName(each.priorityArea),
            each.currency,
            view.money(each.amount, each.currency),
          ]),
        )}`
      : html`<p class="muted">${text.none}</p>`,
  );
}

/** One headline figure, this quarter and the one before. */
interface Change {
  label: string;
  before: number;
  now: number;
  format(value: number): string;
}

/** The headline figures of both quarters, from the report (funds per currency). */
function changes(view: ReportView): Change[] {
  const { report, strings } = view;
  const before = report.previousQuarter;
  const metrics = strings.change.metrics;
  const count = (label: string, previous: number, now: number): Change => ({
    label,
    before: previous,
    now,
    format: view.number,
  });
  const currencies = [
    ...new Set([...before.fundsRaised, ...report.fundsRaised.totals].map((each) => each.currency)),
  ].sort();
  return [
    count(metrics.signupsReceived, before.signupsReceived, report.signups.received),
    count(metrics.verifiedMembers, before.verifiedMembers, report.verifiedMembers.total),
    count(metrics.eventsHeld, before.eventsHeld, report.events.held),
    count(metrics.participants, before.participants, report.registrations.attended),
    count(metrics.contactRequests, before.contactRequests, report.contactRequests.total),
    count(metrics.needsOpened, before.needsOpened, report.needs.opened),
    count(metrics.needsFilled, before.needsFilled, report.needs.filled),
    ...currencies.map((currency) => ({
      label: strings.change.funds(currency),
      before: before.fundsRaised.find((each) => each.currency === currency)?.amount ?? 0,
      now: report.fundsRaised.totals.find((each) => each.currency === currency)?.amount ?? 0,
      format: (minor: number) => view.money(minor, currency),
    })),
  ];
}

/** The change as a ratio; undefined when there was nothing before (no percentage of zero). */
const ratio = (change: Change) => (change.before ? (change.now - change.before) / change.before : undefined);

/** `+21%`, `−8%`, `no change`, or `new` when the figure was zero the quarter before. */
function changeText(view: ReportView, change: Change): string {
  const value = ratio(change);
  if (value === undefined) return change.now ? view.strings.change.new : view.strings.change.same;
  if (value === 0) return view.strings.change.same;
  return new Intl.NumberFormat(view.intl, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  }).format(value);
}

/** Rises and falls on the previous quarter, as bars either side of a zero line. */
function changeChart(view: ReportView, list: Change[]): TemplateResult {
  const text = view.strings.change;
  const rowHeight = BAR + GROUP;
  const height = list.length * rowHeight;
  const half = (WIDTH - LABEL - 8) / 2;
  const zero = LABEL + half;
  const max = Math.max(0, ...list.map((change) => Math.abs(ratio(change) ?? 0)));
  const space = room(list.map((change) => changeText(view, change)));
  const title = `${text.title}: ${view.quarterLabel(view.report.previousQuarter.quarter)} → ${view.quarterLabel(view.report.quarter)}`;
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="change-t change-d" direction="ltr">
    <title id="change-t">${title}</title>
    <desc id="change-d">${list.map((change) => `${change.label}: ${changeText(view, change)}`).join('; ')}</desc>
    <line class="axis" x1=${place(view, zero)} x2=${place(view, zero)} y1="0" y2=${height}></line>
    ${list.map((change, index) => {
      const value = ratio(change) ?? 0;
      const width = max ? (Math.abs(value) / max) * (half - space) : 0;
      const y = index * rowHeight + GROUP / 2;
      const rising = value >= 0;
      const x = rising ? zero : zero - width;
      const label = changeText(view, change);
      return svg`<g><text x=${place(view, LABEL - 8)} y=${y + BAR / 2} dy="0.35em" text-anchor=${anchor(view, true)}>${short(change.label)}</text>
        <rect class=${rising ? 's0' : 'fall'} x=${place(view, x, width)} y=${y} width=${width} height=${BAR} rx="2"><title>${change.label}: ${label}</title></rect>
        <text class="v" x=${place(view, rising ? zero + width + 6 : x - 6)} y=${y + BAR / 2} dy="0.35em" text-anchor=${anchor(view, !rising)}>${label}</text></g>`;
    })}
  </svg>`;
}

/** The change on the previous quarter: the headline figures as tiles, a chart, and its table. */
function change(view: ReportView): TemplateResult {
  const text = view.strings.change;
  const list = changes(view);
  const before = view.quarterLabel(view.report.previousQuarter.quarter);
  const now = view.quarterLabel(view.report.quarter);
  return html`<dl class="tiles">${list.map(
    (each) => html`<div><dt>${each.label}</dt><dd><strong>${each.format(each.now)}</strong>
      <span class=${(ratio(each) ?? 0) < 0 ? 'fall-text' : 'muted'}>${changeText(view, each)}</span></dd></div>`,
  )}</dl>
  ${figure(
    'change',
    text.title,
    html`${changeChart(view, list)}
    ${table(
      view,
      text.title,
      [text.metric, before, now, text.change],
      list.map((each) => [each.label, each.format(each.before), each.format(each.now), changeText(view, each)]),
    )}`,
  )}`;
}

/** The coordinator's milestones (dated), outcomes and challenges, as written through the API. */
function narrative(view: ReportView): TemplateResult {
  const text = view.strings.narrative;
  const { milestones, outcomes, challenges } = view.report.narrative;
  const date = new Intl.DateTimeFormat(view.intl, { dateStyle: 'medium', timeZone: 'UTC' });
  const list = (title: string, items: { text: string; date?: string }[]) =>
    items.length
      ? html`<h4>${title}</h4><ul>${items.map(
          (item) =>
            html`<li>${item.date ? html`<time datetime=${item.date}>${date.format(new Date(`${item.date}T00:00:00Z`))}</time>: ` : nothing}<span dir="auto">${item.text}</span></li>`,
        )}</ul>`
      : nothing;
  return html`<section part="narrative" aria-labelledby="narrative-h"><h3 id="narrative-h">${text.title}</h3>
    ${
      milestones.length + outcomes.length + challenges.length
        ? html`${list(text.milestones, milestones)}${list(text.outcomes, outcomes)}${list(text.challenges, challenges)}`
        : html`<p class="muted">${text.none}</p>`
    }</section>`;
}

/** The whole report under the element's heading. */
export function renderReport(view: ReportView): TemplateResult {
  return html`${change(view)}${months(view)}${needs(view)}${funds(view)}${narrative(view)}`;
}

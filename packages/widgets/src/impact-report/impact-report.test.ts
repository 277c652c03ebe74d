// Runs against the real demo server (web-test-runner.config.mjs): the report the element draws is
// compared, figure by figure, with the one the admin API answers from Node for the same quarter.
import type { EngagementReport } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { type DemoServer, demoServer, until } from '../../test/demo.js';
import '../mahjar-impact-report.js';
import { formatMoney } from '../shared/localize.js';
import { type MahjarImpactReport, quarterOf, shiftQuarter } from './impact-report.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});

type El = MahjarImpactReport;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Admin calls, from Node. */
const admin = async <T>(path: string, key: string, method = 'GET', body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, unknown>('mahjar-admin-call', { path, key, method, body });

const MINISTRY_SECRET = 'sk_demo_moph-lebanon';
/** The seed's season is around today: the quarter before this one is complete and has events. */
const LAST_QUARTER = shiftQuarter(quarterOf(new Date()), -1);

const report = async (quarter: string, key = MINISTRY_SECRET) =>
  (await admin<EngagementReport>(`/v1/admin/reports/engagement?quarter=${quarter}`, key)).body;

async function mount(
  options: { locale?: string; quarter?: string; secret?: string; token?: string } = {},
): Promise<El> {
  const { locale = 'en', quarter = LAST_QUARTER, secret = MINISTRY_SECRET, token = '' } = options;
  // no publishable key, as in the console: the report alone names what it shows
  const el = await fixture<El>(html`<mahjar-impact-report api-base=${demo.url}
    locale=${locale} quarter=${quarter} .secretKey=${secret} .accessToken=${token}></mahjar-impact-report>`);
  await until(() => el.report || $(el, '[part="error"]'), 10_000);
  await el.updateComplete;
  return el;
}

/** The cells of a chart's data table, row by row (the header cell first). */
const rows = (el: El, chart: string) =>
  $$(el, `figure[aria-labelledby="${chart}-c"] tbody tr`).map((row) => [...row.children].map((cell) => clean(cell)));

describe('<mahjar-impact-report>', () => {
  it('shows every figure of the API, to the unit, in the tables behind its charts', async function () {
    this.timeout(30_000);
    const expected = await report(LAST_QUARTER);
    expect(
      expected.eventsByMonth.some((month) => month.participants > 0),
      'the seed held events last quarter',
    ).to.be.true;
    const el = await mount();
    expect(el.report?.quarter).to.equal(LAST_QUARTER);
    const n = (value: number) => new Intl.NumberFormat('en').format(value);
    const monthName = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
    expect(rows(el, 'months')).to.deep.equal(
      expected.eventsByMonth.map((month) => [
        monthName.format(new Date(`${month.month}-01T00:00:00Z`)),
        n(month.eventsHeld),
        n(month.webinarsHeld),
        n(month.registrations),
        n(month.participants),
      ]),
    );
    expect(rows(el, 'needs').map((row) => row.slice(1))).to.deep.equal(
      expected.needs.byPriorityArea.map((area) => [
        n(area.opened),
        n(area.filled),
        n(area.assigned),
        n(area.hours),
        n(area.peopleReached),
      ]),
    );
    expect(rows(el, 'funds').map((row) => row.slice(1))).to.deep.equal(
      expected.fundsRaised.byPriorityArea.map((funds) => [
        funds.currency,
        formatMoney(funds.amount, funds.currency, 'en').replace(/\s+/g, ' '),
      ]),
    );
    // the change table: this quarter's column is the report's headline, the previous one its previousQuarter
    const change = rows(el, 'change');
    const previous = expected.previousQuarter;
    expect(change.slice(0, 7).map((row) => [row[1], row[2]])).to.deep.equal(
      [
        [previous.signupsReceived, expected.signups.received],
        [previous.verifiedMembers, expected.verifiedMembers.total],
        [previous.eventsHeld, expected.events.held],
        [previous.participants, expected.registrations.attended],
        [previous.contactRequests, expected.contactRequests.total],
        [previous.needsOpened, expected.needs.opened],
        [previous.needsFilled, expected.needs.filled],
      ].map(([before, now]) => [n(before!), n(now!)]),
    );
    // the headline numbers are those of the table
    expect($$(el, '.tiles strong').map((each) => clean(each))).to.deep.equal(change.map((row) => row[2]));
  });

  it('names the priority areas with the names the report carries, asking nothing else', async () => {
    const expected = await report(LAST_QUARTER);
    const shown = expected.needs.byPriorityArea.length + expected.fundsRaised.byPriorityArea.length;
    expect(shown, 'the seed has needs or funds by priority area last quarter').to.be.greaterThan(0);
    const before = performance.getEntriesByType('resource').length;
    const el = await mount();
    const name = (code: string) => expected.labels.priorityArea[code]!.en!;
    expect(rows(el, 'needs').map((row) => row[0])).to.deep.equal(
      expected.needs.byPriorityArea.map((area) => name(area.priorityArea)),
    );
    expect(rows(el, 'funds').map((row) => row[0])).to.deep.equal(
      expected.fundsRaised.byPriorityArea.map((funds) => name(funds.priorityArea)),
    );
    const asked = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/v1/'));
    expect(asked).to.deep.equal(['/v1/admin/reports/engagement']);
  });

  it('draws each chart as an image with a title and a summary, and one funds chart per currency', async () => {
    const expected = await report(LAST_QUARTER);
    const el = await mount();
    const charts = $$(el, 'svg[role="img"]');
    const currencies = new Set(expected.fundsRaised.byPriorityArea.map((each) => each.currency));
    const drawn = $$(el, 'svg[role="img"]').map((chart) => clean(chart.querySelector('title')));
    for (const currency of currencies) expect(drawn).to.include(`Funds raised in ${currency}`);
    for (const chart of charts) {
      const [title, desc] = chart.getAttribute('aria-labelledby')!.split(' ');
      expect(clean($(el, `#${title}`)), 'a title').not.to.equal('');
      expect(clean($(el, `#${desc}`)), 'a summary').not.to.equal('');
    }
    // a bar's length follows its value: the month with the most participants has the longest bar
    const participants = $(el, 'svg[aria-labelledby="participants-t participants-d"]')!;
    const widths = [...participants.querySelectorAll('rect.s1')].map((bar) => Number(bar.getAttribute('width')));
    const values = expected.eventsByMonth.map((month) => month.participants);
    expect(widths.indexOf(Math.max(...widths))).to.equal(values.indexOf(Math.max(...values)));
    await expect(el).to.be.accessible();
  });

  it('shows the coordinator’s milestones, outcomes and challenges written through the API', async () => {
    const quarter = shiftQuarter(LAST_QUARTER, -1);
    const [year, number] = quarter.split('-Q').map(Number) as [number, number];
    const date = `${year}-${String((number - 1) * 3 + 2).padStart(2, '0')}-10`;
    const written = await admin(`/v1/admin/reports/engagement/narratives/${quarter}`, MINISTRY_SECRET, 'PUT', {
      milestones: [{ date, text: 'Tele-ECG rota started in Akkar.' }],
      outcomes: [{ text: 'Two nurses trained in neonatal resuscitation.' }],
      challenges: [{ text: 'Power cuts shortened two sessions.' }],
    });
    expect(written.status).to.equal(200);
    const el = await mount({ quarter });
    const notes = $(el, '[part="narrative"]')!;
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
    expect([...notes.querySelectorAll('h4')].map((each) => clean(each))).to.deep.equal([
      'Milestones',
      'Outcomes',
      'Challenges',
    ]);
    expect([...notes.querySelectorAll('li')].map((each) => clean(each))).to.deep.equal([
      `${when}: Tele-ECG rota started in Akkar.`,
      'Two nurses trained in neonatal resuscitation.',
      'Power cuts shortened two sessions.',
    ]);
  });

  it('moves between quarters and says which one it shows', async () => {
    const el = await mount();
    const moved = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('mahjar-quarter-change', resolve as EventListener, { once: true }),
    );
    $<HTMLButtonElement>(el, `[aria-label="Previous quarter"]`)!.click();
    const before = shiftQuarter(LAST_QUARTER, -1);
    expect((await moved).detail.quarter).to.equal(before);
    await until(() => el.report?.quarter === before, 10_000);
    const [year, number] = before.split('-Q');
    expect(clean($(el, 'h2'))).to.equal(`Quarterly engagement report: Q${number} ${year}`);
    expect(el.getAttribute('quarter')).to.equal(before);
  });

  it('downloads the API’s CSV with the same credential', async () => {
    const el = await mount();
    const link = new Promise<HTMLAnchorElement>((resolve) => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        HTMLAnchorElement.prototype.click = click;
        resolve(this);
      };
    });
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent === 'Download CSV')!
      .click();
    const anchor = await link;
    expect(anchor.download).to.equal(`moph-lebanon-report-${LAST_QUARTER}.csv`);
    const file = await (await fetch(anchor.href)).text();
    const fromApi = await fetch(`${demo.url}/v1/admin/reports/engagement?quarter=${LAST_QUARTER}&format=csv`, {
      headers: { 'Mahjar-Secret-Key': MINISTRY_SECRET },
    });
    // the same sections and rows (only the generation time may differ)
    const withoutTime = (csv: string) => csv.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    expect(withoutTime(file)).to.equal(withoutTime(await fromApi.text()));
    expect(file).to.include('# events_by_month');
  });

  it('never reads the report with a publishable key, and says what it needs', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = await mount({ secret: '' });
    expect(clean($(el, '[part="error"]'))).to.match(/secret key or a signed-in administrator/);
    const asked = performance
      .getEntriesByType('resource')
      .slice(before)
      .filter((entry) => entry.name.includes('/v1/admin/'));
    expect(asked).to.deep.equal([]);
    expect($$(el, 'button').map((b) => clean(b))).not.to.include('Download CSV');
  });

  it('tells a refused credential apart, and reads again when asked', async () => {
    const el = await mount({ secret: 'sk_demo_not-a-key' });
    expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(el.report).to.equal(undefined);
    el.secretKey = MINISTRY_SECRET;
    await until(() => el.report, 10_000);
    expect($(el, '[part="error"]')).to.equal(null);
  });

  it('reads in Arabic, right to left, with Arabic digits and month names', async () => {
    const expected = await report(LAST_QUARTER);
    const el = await mount({ locale: 'ar' });
    expect($(el, '[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(clean($(el, 'h2'))).to.match(/^تقرير المشاركة الفصلي/);
    const months = rows(el, 'months');
    const arabic = new Intl.DateTimeFormat('ar', { month: 'long', timeZone: 'UTC' });
    expect(months.map((row) => row[0])).to.deep.equal(
      expected.eventsByMonth.map((month) => arabic.format(new Date(`${month.month}-01T00:00:00Z`))),
    );
    expect(months.map((row) => row[4])).to.deep.equal(
      expected.eventsByMonth.map((month) => new Intl.NumberFormat('ar').format(month.participants)),
    );
    expect(rows(el, 'needs').map((row) => row[0])).to.deep.equal(
      expected.needs.byPriorityArea.map((area) => expected.labels.priorityArea[area.priorityArea]!.ar),
    );
    // the bars grow from the right: each starts where the labels end, on the right-hand side
    const bar = $(el, 'svg[aria-labelledby="participants-t participants-d"] rect.s1')!;
    const x = Number(bar.getAttribute('x'));
    const width = Number(bar.getAttribute('width'));
    expect(x + width).to.be.closeTo(640 - 200, 0.5);
  });
});

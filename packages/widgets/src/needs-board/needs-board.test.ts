// Runs against the real demo server (web-test-runner.config.mjs), from the test page's origin, which is
// not the API's: needs are posted and invitations mailed through the admin API as the Lebanese
// ministry, the invitation's link and the sign-in link are read from the server's outbox, and every
// answer is read back through the admin API.
import type { NeedInput } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { type DemoServer, demoServer, focusNothing, tabTo, until } from '../../test/demo.js';
import '../mahjar-needs-board.js';
import type { MahjarNeedsBoard } from './needs-board.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});

type El = MahjarNeedsBoard;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const titles = (el: Element) => $$(el, '.needs h3').map((h) => h.textContent!.trim());

const MINISTRY = 'sk_demo_moph-lebanon';
/** Admin calls, from Node (an admin secret never goes through a browser page). */
const admin = async <T>(path: string, key = MINISTRY, method = 'GET', body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, unknown>('mahjar-admin-call', { path, key, method, body });

let serial = 0;
/** A unique word for this run's titles (the demo server lives for the whole run). */
const run = Math.random().toString(36).slice(2, 7);
const need = (over: Partial<NeedInput> = {}): NeedInput => ({
  title: `Need ${run}-${++serial}`,
  specialty: 'cardiology',
  offerKinds: ['telehealth'],
  place: { country: 'LB', city: 'Halba' },
  remote: true,
  timeZone: 'Asia/Beirut',
  languages: ['ar', 'en'],
  priorityArea: 'health-workforce',
  people: 2,
  state: 'open',
  ...over,
});
async function post(over: Partial<NeedInput> = {}): Promise<{ id: string; title: string }> {
  const { status, body } = await admin<{ id: string; title: string }>('/v1/admin/needs', MINISTRY, 'POST', need(over));
  expect(status).to.equal(201);
  return body;
}
async function move(id: string, state: 'filled' | 'closed'): Promise<void> {
  expect((await admin(`/v1/admin/needs/${id}/state`, MINISTRY, 'POST', { state })).status).to.equal(200);
}
/** The answers the ministry sees for a need. */
const answers = async (id: string) =>
  (
    await admin<{ items: { professional: { id: string }; message: string | null; via: string }[] }>(
      `/v1/admin/needs/${id}/responses`,
    )
  ).body.items;

async function mount(options: { locale?: string; organisation?: string } = {}): Promise<El> {
  const el = await fixture<El>(html`<mahjar-needs-board api-base=${demo.url} publishable-key=${demo.publishableKey}
    organisation=${options.organisation ?? 'moph-lebanon'} locale=${options.locale ?? 'en'}></mahjar-needs-board>`);
  await until(() => $(el, '.count'), 10_000);
  await el.updateComplete;
  return el;
}

/** Chooses a filter as the user would: the select's value, then its change event. */
async function choose(el: El, filter: 'how' | 'where' | 'area', value: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, `#f-${filter}`)!;
  expect(
    [...select.options].map((o) => o.value),
    `the ${filter} filter offers ${value}`,
  ).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete; // the read starts in this update
  await until(() => el.shadowRoot!.querySelector('.root')!.getAttribute('aria-busy') === 'false', 10_000);
  await el.updateComplete;
}

interface Helper {
  id: string;
  email: string;
}
/**
 * A need of the ministry and two professionals in its consent scope (its ranked candidates) who are
 * members of ILMA-USA, whose publishable key the element uses: they can sign in on its pages.
 */
async function needWithHelpers(): Promise<{ need: { id: string; title: string }; helpers: Helper[] }> {
  const members = (
    await admin<{ items: { id: string; email?: string; status: string; specialties?: string[] }[] }>(
      '/v1/admin/members/export?format=json',
      'sk_demo_ilma',
    )
  ).body.items.filter((m) => m.email && m.status === 'verified' && m.specialties?.length);
  const emails = new Map(members.map((m) => [m.id, m.email!]));
  for (const member of members) {
    const made = await post({ specialty: member.specialties![0]! });
    const { body } = await admin<{ items: { professional: { id: string } }[] }>(
      `/v1/admin/needs/${made.id}/candidates?limit=50`,
    );
    const helpers = body.items
      .map((c) => c.professional.id)
      .filter((id) => emails.has(id))
      .map((id) => ({ id, email: emails.get(id)! }));
    if (helpers.length >= 2) return { need: made, helpers };
    await move(made.id, 'closed');
  }
  throw new Error('no need of the demo ministry has two candidates among ILMA-USA’s members');
}

/** Invites a professional through the admin API; answers the fragment of the link the mail carries. */
async function invite(needId: string, helper: Helper): Promise<string> {
  const { status } = await admin(`/v1/admin/needs/${needId}/invitations`, MINISTRY, 'POST', {
    professionalIds: [helper.id],
    answerUrl: `${location.origin}/needs`,
  });
  expect(status).to.equal(200);
  const { body } = await admin<{ items: { text: string; kind: string }[] }>(
    `/v1/admin/outbox?to=${encodeURIComponent(helper.email)}`,
  );
  const mail = body.items.find((m) => m.kind === 'need_invitation');
  const link = /https?:\/\/\S+#mahjar-need=\S+/.exec(mail?.text ?? '')?.[0];
  expect(link, 'an invitation mail with its link').to.be.a('string');
  const url = new URL(link!);
  expect(url.origin).to.equal(location.origin);
  expect(url.hash).to.match(new RegExp(`^#mahjar-need=${needId}&mahjar-need-answer=ni_`));
  return url.hash;
}

/** Types into a field as the user would. */
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

describe('mahjar-needs-board', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('lists the ministry’s open needs only, each with what, how, where, when and who', async function () {
    this.timeout(30_000);
    const open = await post({
      place: { country: 'LB', city: 'Halba', facility: 'Halba Governmental Hospital' },
      description: 'Weekly case reviews.',
      startsOn: '2026-11-01',
      endsOn: '2027-04-30',
    });
    const draft = await post({ state: 'draft' });
    const closed = await post();
    await move(closed.id, 'closed');
    const filled = await post();
    await move(filled.id, 'filled');
    const el = await mount();
    const shown = titles(el);
    expect(shown).to.include(open.title);
    for (const hidden of [draft, closed, filled]) expect(shown).not.to.include(hidden.title);
    // a chapter's need board is empty: only ministries post needs
    const article = $$(el, '.needs article').find((a) => a.textContent!.includes(open.title))!;
    const card = article.textContent!.replace(/\s+/g, ' ');
    expect(card).to.contain('Telehealth');
    expect(card).to.contain('Halba Governmental Hospital, Halba, Lebanon');
    expect(card).to.contain('Weekly case reviews.');
    expect(card).to.contain('Arabic, English');
    expect(card).to.contain('2 people');
    expect(card).to.match(/Nov 1, 2026\s*[–-]\s*Apr 30, 2027/);
    expect(card).to.contain('Cardiology');
    expect(article.querySelector('h3')).to.exist;
    expect($(el, 'h2')!.textContent).to.equal('How you can help');
    await expect(el).to.be.accessible();
  });

  it('a board of an organisation that posts no needs says so; an unknown one shows the error and the fallback', async () => {
    const chapter = await mount({ organisation: 'ilma-usa' });
    expect(text(chapter, '.count')).to.equal('The ministry has no open need right now.');
    chapter.remove();
    const failures: Event[] = [];
    const el = await fixture<El>(html`<mahjar-needs-board api-base=${demo.url} publishable-key=${demo.publishableKey}
      organisation="no-such-ministry" @mahjar-error=${(event: Event) => failures.push(event)}><a href="/needs">Our needs</a></mahjar-needs-board>`);
    await until(() => $(el, '[part="error"]'), 10_000);
    expect(text(el, '[part="error"]')).to.equal("We couldn't find this.");
    expect(failures).to.have.length(1);
    expect($(el, '[part="retry"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('filters by how, where and priority area', async function () {
    this.timeout(30_000);
    const research = await post({ offerKinds: ['research'], place: { country: 'CY' }, priorityArea: 'mental-health' });
    const tele = await post({ offerKinds: ['telehealth'], place: { country: 'CY' } });
    const onSite = await post({ offerKinds: ['return_placement'], place: { country: 'CY' }, remote: false });
    const el = await mount();
    await choose(el, 'where', 'c:CY');
    expect(titles(el).sort()).to.deep.equal([research.title, tele.title, onSite.title].sort());
    await choose(el, 'how', 'research');
    expect(titles(el)).to.deep.equal([research.title]);
    await choose(el, 'how', '');
    await choose(el, 'where', 'site');
    expect(titles(el)).to.include(onSite.title);
    expect(titles(el)).not.to.include(tele.title);
    await choose(el, 'where', 'c:CY');
    await choose(el, 'area', 'mental-health');
    expect(titles(el)).to.deep.equal([research.title]);
    expect(text(el, '.count')).to.equal('1 open need');
    await choose(el, 'how', 'medical_mission');
    expect(titles(el)).to.deep.equal([]);
    expect(text(el, '.count')).to.equal('No open need matches these filters.');
    // one button clears them all
    $<HTMLButtonElement>(el, '.filters button')!.click();
    await until(() => titles(el).includes(tele.title), 10_000);
    await expect(el).to.be.accessible();
  });

  it('shows more needs on demand, and moves the focus to the first one added', async function () {
    this.timeout(30_000);
    const made = [];
    for (let i = 0; i < 12; i++) made.push(await post({ place: { country: 'MT' } }));
    const el = await mount();
    await choose(el, 'where', 'c:MT');
    expect(titles(el)).to.deep.equal(
      made
        .slice(2)
        .reverse()
        .map((n) => n.title),
    ); // newest first, ten a page
    $<HTMLButtonElement>(el, '[part="more"]')!.click();
    await until(() => titles(el).length === 12, 10_000);
    await el.updateComplete;
    expect(titles(el).slice(10)).to.deep.equal([made[1]!.title, made[0]!.title]);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal(made[1]!.title);
    expect($(el, '[part="more"]')).to.equal(null);
    expect(text(el, '.vh[role="status"]')).to.equal('2 more needs shown');
  });

  it('answers from an invitation’s link: the need first, the token out of the address, once', async function () {
    this.timeout(60_000);
    const { need: invited, helpers } = await needWithHelpers();
    const fragment = await invite(invited.id, helpers[0]!);
    history.replaceState(null, '', `${location.pathname}${fragment}`);
    const answered: CustomEvent[] = [];
    const el = await mount();
    el.addEventListener('mahjar-need-answered', (event) => answered.push(event));
    expect(location.hash, 'the token leaves the address').to.equal('');
    await until(() => $(el, '.featured h3'), 10_000);
    expect(text(el, '.featured h3')).to.equal(invited.title);
    expect($(el, '.featured')!.getAttribute('aria-label')).to.equal('Your invitation');
    expect(titles(el), 'shown once, first').not.to.include(invited.title);
    const message = $<HTMLTextAreaElement>(el, '.featured textarea')!;
    expect($(el, `label[for="${message.id}"]`)!.textContent).to.contain('A message for the ministry');
    type(message, 'Two evenings a week, from Lyon.');
    $<HTMLButtonElement>(el, '.featured [part="submit"]')!.click();
    await until(() => $(el, '.featured [part="status"]'), 10_000);
    expect(text(el, '.featured [part="status"]')).to.equal(
      'Thank you. The ministry has your answer and will contact you.',
    );
    expect(answered.map((e) => [e.detail.needId, e.detail.via, e.detail.already])).to.deep.equal([
      [invited.id, 'invitation', false],
    ]);
    const recorded = await answers(invited.id);
    expect(recorded.map((a) => [a.professional.id, a.message, a.via])).to.deep.equal([
      [helpers[0]!.id, 'Two evenings a week, from Lyon.', 'invitation'],
    ]);
    await expect(el).to.be.accessible();
    el.remove();

    // the same link opened again: the answer stands, nothing new is written
    history.replaceState(null, '', `${location.pathname}${fragment}`);
    const again = await mount();
    await until(() => $(again, '.featured textarea'), 10_000);
    $<HTMLButtonElement>(again, '.featured [part="submit"]')!.click();
    await until(() => $(again, '.featured [part="status"]'), 10_000);
    expect(text(again, '.featured [part="status"]')).to.equal(
      'You had already said you can help with this need. The ministry has your answer.',
    );
    expect(await answers(invited.id)).to.have.length(1);
  });

  it('takes an invitation opened in the tab that already shows the board (only the fragment changes)', async () => {
    const made = await post();
    const el = await mount();
    expect($(el, '.featured')).to.equal(null);
    location.hash = `#mahjar-need=${made.id}&mahjar-need-answer=ni_${'y'.repeat(43)}`;
    await until(() => $(el, '.featured h3'), 10_000);
    expect(text(el, '.featured h3')).to.equal(made.title);
    expect(location.hash, 'the token leaves the address').to.equal('');
  });

  it('a forged or outdated invitation token says so, and writes nothing', async function () {
    this.timeout(60_000);
    const { need: invited, helpers } = await needWithHelpers();
    const first = await invite(invited.id, helpers[0]!);
    await invite(invited.id, helpers[0]!); // a newer invitation replaces the first link
    for (const fragment of [first, `#mahjar-need=${invited.id}&mahjar-need-answer=ni_${'x'.repeat(43)}`]) {
      history.replaceState(null, '', `${location.pathname}${fragment}`);
      const el = await mount();
      await until(() => $(el, '.featured textarea'), 10_000);
      $<HTMLButtonElement>(el, '.featured [part="submit"]')!.click();
      await until(() => $(el, '.featured [part="error"]'), 10_000);
      expect(text(el, '.featured [part="error"]')).to.contain('This invitation link has expired');
      expect($(el, '.featured textarea'), 'no form for a link that cannot answer').to.equal(null);
      await expect(el).to.be.accessible();
      el.remove();
    }
    expect(await answers(invited.id)).to.have.length(0);
  });

  it('a member not signed in asks for a link there, and the message typed survives the sign-in', async function () {
    this.timeout(60_000);
    const { need: wanted, helpers } = await needWithHelpers();
    const helper = helpers[1]!;
    const el = await mount();
    const failures: string[] = [];
    el.addEventListener('mahjar-error', (event) => failures.push(JSON.stringify(event.detail.problem)));
    const help = $$<HTMLButtonElement>(el, '[part="help"]').find((b) =>
      b.closest('article')!.textContent!.includes(wanted.title),
    )!;
    help.click();
    await until(() => help.isConnected === false && $(el, '[data-answer] textarea'), 10_000);
    const form = $(el, `[data-answer="${wanted.id}"]`)!;
    expect(el.shadowRoot!.activeElement, 'the focus moves to the message').to.equal(form.querySelector('textarea'));
    type(form.querySelector('textarea')!, 'I can teach on Thursdays.');
    form.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await until(() => form.querySelector('input[type="email"]'), 10_000);
    expect(form.querySelector('[part="status"]')!.textContent).to.contain('Sign in as a member');
    expect(el.shadowRoot!.activeElement).to.equal(form.querySelector('input[type="email"]'));
    await expect(el).to.be.accessible();
    type(form.querySelector<HTMLInputElement>('input[type="email"]')!, helper.email);
    form.querySelector<HTMLButtonElement>('.sign-in [part="submit"]')!.click();
    await until(
      () => form.querySelector('[part="status"]')?.textContent?.includes('on its way') || failures.length,
      10_000,
    );
    expect(failures).to.deep.equal([]);
    el.remove();

    // the member opens the mail's link: this page, with the code in its fragment
    const { body } = await admin<{ items: { text: string; kind: string }[] }>(
      `/v1/admin/outbox?to=${encodeURIComponent(helper.email)}`,
      'sk_demo_ilma',
    );
    const link = /https?:\/\/\S+#mahjar-sign-in=\S+/.exec(
      body.items.find((m) => m.kind === 'member_sign_in')!.text,
    )![0];
    const url = new URL(link);
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    const back = await mount();
    await until(
      () => $(back, '.featured textarea') && text(back, '.featured [part="status"]').includes('signed in'),
      10_000,
    );
    expect(location.hash).to.equal('');
    expect($<HTMLTextAreaElement>(back, '.featured textarea')!.value, 'the message typed before').to.equal(
      'I can teach on Thursdays.',
    );
    $<HTMLButtonElement>(back, '.featured [part="submit"]')!.click();
    await until(() => text(back, '.featured [part="status"]').startsWith('Thank you'), 10_000);
    const recorded = await answers(wanted.id);
    expect(recorded.map((a) => [a.professional.id, a.message, a.via])).to.deep.equal([
      [helper.id, 'I can teach on Thursdays.', 'member'],
    ]);
    // signed in on this device: another need is answered at once
    const other = await post({
      specialty: (await admin<{ specialty: string }>(`/v1/admin/needs/${wanted.id}`)).body.specialty,
    });
    back.remove();
    const later = await mount();
    const button = $$<HTMLButtonElement>(later, '[part="help"]').find((b) =>
      b.closest('article')!.textContent!.includes(other.title),
    )!;
    button.click();
    await until(() => $(later, `[data-answer="${other.id}"] textarea`), 10_000);
    $<HTMLButtonElement>(later, `[data-answer="${other.id}"] [part="submit"]`)!.click();
    await until(() => $(later, `[data-answer="${other.id}"] [part="status"]`), 10_000);
    expect(text(later, `[data-answer="${other.id}"] [part="status"]`)).to.match(/^Thank you/);
    expect((await answers(other.id)).map((a) => a.via)).to.deep.equal(['member']);
  });

  it('in Arabic: right to left, translated, with names and dates from Intl', async () => {
    const made = await post({ place: { country: 'LB', city: 'Halba' } });
    const el = await mount({ locale: 'ar' });
    const root = $(el, '.root')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(root.getAttribute('lang')).to.equal('ar');
    expect($(el, 'h2')!.textContent).to.equal('كيف يمكنك أن تساعد');
    const article = $$(el, '.needs article').find((a) => a.textContent!.includes(made.title))!;
    expect(article.textContent).to.contain('لبنان'); // Lebanon, by Intl.DisplayNames
    expect(article.querySelector('[part="help"]')!.textContent).to.equal('يمكنني المساعدة');
    expect($(el, 'label[for="f-how"]')!.textContent).to.equal('الطريقة');
    await expect(el).to.be.accessible();
  });

  it('in French: translated, with Intl’s names', async () => {
    const made = await post({ languages: ['ar', 'fr'] });
    const el = await mount({ locale: 'fr' });
    expect($(el, '.root')!.getAttribute('dir')).to.equal('ltr');
    expect($(el, 'h2')!.textContent).to.equal('Comment vous pouvez aider');
    const article = $$(el, '.needs article').find((a) => a.textContent!.includes(made.title))!;
    expect(article.textContent).to.contain('Liban');
    expect(article.textContent).to.contain('arabe et français');
    expect(article.querySelector('[part="help"]')!.textContent).to.equal('Je peux aider');
  });

  it('works from the keyboard: Tab to a filter, then to "I can help", Enter opens the form', async function () {
    this.timeout(30_000);
    const el = await mount();
    focusNothing();
    await tabTo(el, 'the "how" filter', (f) => f.id === 'f-how');
    await tabTo(el, 'an "I can help" button', (f) => f.getAttribute('part') === 'help', 40);
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.localName === 'textarea', 10_000);
    await expect(el).to.be.accessible();
  });
});

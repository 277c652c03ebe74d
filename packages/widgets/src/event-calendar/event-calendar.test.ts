// Runs against the real demo server (started by web-test-runner.config.mjs). The seeded season sits
// around today, so each test creates its own events, through the admin API with ilma-usa's secret
// key (sent from the test runner, never from the page), in months of 2031 that nothing else uses.

import { createMahjarClient, type Registration } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { type DemoServer, demoServer, until } from '../../test/demo.js';
import { admin, createEvent as createTestEvent } from '../../test/events.js';
import '../mahjar-event-calendar.js';
import '../mahjar-provider.js';
import type { MahjarEventCalendar, RegistrationCompleteDetail } from './event-calendar.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});
afterEach(() => setZone(null));

const setZone = (timezoneId: string | null) => executeServerCommand('set-timezone', { timezoneId });

/** Creates an ilma-usa event (an online webinar in New York unless said otherwise) and returns it. */
const createEvent = (fields: Record<string, unknown>) => createTestEvent('Test event', 'America/New_York', fields);

const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const settled = async (el: MahjarEventCalendar) => {
  await el.updateComplete;
  await until(() => $(el, '.root[aria-busy="false"]'));
};
const txt = (e: Element | null) => e!.textContent!.replace(/\s+/g, ' ').trim();
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

/**
 * Mounts inside a provider whose client skips the HTTP cache: the API lets browsers cache event
 * lists for a few minutes, and these tests create events between two loads of the same month.
 */
async function mount(attrs: Record<string, string> = {}, locale = 'en'): Promise<MahjarEventCalendar> {
  const client = createMahjarClient({
    baseUrl: demo.url,
    publishableKey: demo.publishableKey,
    fetch: (i, init) => fetch(new Request(i, { ...init, cache: 'no-store' })),
  });
  const wrap = await fixture(html`<mahjar-provider .client=${client} api-base=${demo.url}>
    <mahjar-event-calendar locale=${locale} organiser="ilma-usa" month=${attrs.month ?? '2031-03'}
      time-zone=${attrs.zone ?? 'America/New_York'} kind=${attrs.kind ?? ''} view=${attrs.view ?? 'month'}></mahjar-event-calendar>
  </mahjar-provider>`);
  const el = wrap.querySelector('mahjar-event-calendar')!;
  await settled(el);
  return el;
}

/** Opens the event whose title is `title` from the list view. */
async function openFromList(el: MahjarEventCalendar, title: string) {
  el.view = 'list';
  await el.updateComplete;
  const b = $$(el, '[part="event"]').find((x) => txt(x).includes(title))!;
  b.click();
  await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
}

function fill(el: MahjarEventCalendar, name: string, email: string, profile = '') {
  const set = (k: string, v: string) => ($<HTMLInputElement>(el, `input[name="${k}"]`)!.value = v);
  set('name', name);
  set('email', email);
  set('profile', profile);
}

describe('mahjar-event-calendar: month and list', () => {
  it('shows a skeleton, then the month as an accessible grid with its events', async () => {
    await createEvent({
      title: { en: 'Grid webinar' },
      startsAt: '2031-03-10T17:00:00Z',
      endsAt: '2031-03-10T18:00:00Z',
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const client = createMahjarClient({
      baseUrl: demo.url,
      publishableKey: demo.publishableKey,
      fetch: async (i, init) => {
        await gate;
        return fetch(i, init);
      },
    });
    const wrap = await fixture(html`<mahjar-provider .client=${client}>
      <mahjar-event-calendar organiser="ilma-usa" month="2031-03" time-zone="America/New_York"></mahjar-event-calendar>
    </mahjar-provider>`);
    const el = wrap.querySelector('mahjar-event-calendar')!;
    await el.updateComplete;
    expect($(el, '.root')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.sk')).to.exist;
    await expect(el).to.be.accessible();
    release();
    await settled(el);
    const grid = $(el, '[role="grid"]')!;
    expect(grid.getAttribute('aria-label')).to.equal('March 2031');
    expect($$(el, 'th').map(txt)).to.deep.equal(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    const cell = $$(el, '[role="gridcell"]').find((c) => txt(c).includes('Monday, March 10'))!;
    expect(txt(cell)).to.match(/1 event .*1:00\s?PM Grid webinar/);
    expect($$(el, '[role="gridcell"][tabindex="0"]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('moves between months and switches to the list', async () => {
    await createEvent({
      title: { en: 'April list event' },
      startsAt: '2031-04-15T16:00:00Z',
      endsAt: '2031-04-15T17:00:00Z',
    });
    const el = await mount();
    $<HTMLButtonElement>(el, '[aria-label="Next month"]')!.click();
    await settled(el);
    expect(txt($(el, 'h2'))).to.equal('April 2031');
    $$(el, '[aria-pressed]')
      .find((b) => txt(b) === 'List')!
      .click();
    await el.updateComplete;
    expect(el.view).to.equal('list');
    expect(txt($(el, '.agenda'))).to.match(
      /Tuesday, April 15 .*12:00\s?PM Eastern Time April list event Webinar · ilma-usa|ILMA-USA · Online/,
    );
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[aria-label="Previous month"]')!.click();
    $<HTMLButtonElement>(el, '[aria-label="Previous month"]')!.click();
    await settled(el);
    expect(txt($(el, 'h2'))).to.equal('February 2031');
    expect(txt($(el, '.empty'))).to.equal('No events this month.');
    await expect(el).to.be.accessible();
  });

  it('starts the week where the locale says, and mirrors it in Arabic', async () => {
    const fr = await mount({}, 'fr');
    expect(txt($$(fr, 'th')[0]!)).to.match(/^lun/);
    const ar = await mount({}, 'ar');
    expect($(ar, '.root')!.dir).to.equal('rtl');
    expect($$(ar, 'th')[0]!.getAttribute('abbr')).to.equal('السبت');
    // The first column sits on the right.
    const [a, b] = $$(ar, 'th').map((t) => t.getBoundingClientRect().left);
    expect(a!).to.be.greaterThan(b!);
    await expect(ar).to.be.accessible();
  });
});

describe('mahjar-event-calendar: keyboard', () => {
  it('moves through the grid with arrows, Home/End and Page Up/Down, and opens a day with Enter', async () => {
    await createEvent({
      title: { en: 'Keyboard event' },
      startsAt: '2031-03-12T15:00:00Z',
      endsAt: '2031-03-12T16:00:00Z',
    });
    const el = await mount();
    const day = () => focused(el)?.querySelector('.vh')?.textContent;
    $(el, '[role="gridcell"][tabindex="0"]')!.focus();
    expect(day()).to.match(/^Saturday, March 1/);
    await sendKeys({ press: 'ArrowRight' });
    expect(day()).to.match(/^Sunday, March 2/);
    await sendKeys({ press: 'ArrowDown' });
    expect(day()).to.match(/^Sunday, March 9/);
    await sendKeys({ press: 'End' });
    expect(day()).to.match(/^Saturday, March 15/);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(day()).to.match(/^Wednesday, March 12, 1 event/);
    expect($$(el, '[role="gridcell"][tabindex="0"]')).to.have.length(1);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)!.getAttribute('aria-selected')).to.equal('true');
    expect(txt($(el, '.dayp'))).to.contain('Keyboard event');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'PageDown' });
    await settled(el);
    expect(txt($(el, 'h2'))).to.equal('April 2031');
    expect(day()).to.match(/^Saturday, April 12/);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await settled(el);
    expect(txt($(el, 'h2'))).to.equal('March 2031'); // left the month: the grid follows
    expect(day()).to.match(/^Saturday, March 29/);
    await sendKeys({ press: 'Shift+PageUp' });
    await settled(el);
    expect(txt($(el, 'h2'))).to.equal('March 2030');
  });

  it('mirrors the arrow keys in Arabic', async () => {
    const el = await mount({}, 'ar');
    const cell = $(el, '[role="gridcell"][tabindex="0"]')!;
    cell.focus();
    const before = +cell.dataset.day!;
    await sendKeys({ press: 'ArrowLeft' });
    expect(+focused(el)!.dataset.day!).to.equal(before + 1);
    await sendKeys({ press: 'ArrowRight' });
    expect(+focused(el)!.dataset.day!).to.equal(before);
  });
});

describe('mahjar-event-calendar: filters', () => {
  it('applies preset filters and lets the visitor change them', async () => {
    const t = { startsAt: '2031-05-06T14:00:00Z', endsAt: '2031-05-06T15:00:00Z' };
    await createEvent({ ...t, title: { en: 'Filter webinar' } });
    await createEvent({
      ...t,
      kind: 'workshop',
      mode: 'in_person',
      joinUrl: undefined,
      location: { venue: 'AUBMC', city: 'Beirut', country: 'LB' },
      title: { en: 'Filter workshop' },
    });
    const el = await mount({ month: '2031-05', kind: 'webinar', view: 'list' });
    expect(txt($(el, '.agenda')))
      .to.contain('Filter webinar')
      .and.not.contain('Filter workshop');
    const filters = $<HTMLDetailsElement>(el, '[part="filters"]')!;
    expect(txt(filters.querySelector('summary'))).to.equal('Filters (2)');
    filters.open = true;
    const box = (name: string, v: string) => $<HTMLInputElement>(el, `input[name="${name}"][value="${v}"]`)!;
    expect(box('kind', 'webinar').checked).to.be.true;
    await expect(el).to.be.accessible();
    box('kind', 'workshop').click();
    await settled(el);
    expect(txt($(el, '.agenda')))
      .to.contain('Filter webinar')
      .and.contain('Filter workshop');
    box('mode', 'in_person').click();
    await settled(el);
    expect(txt($(el, '.agenda')))
      .to.contain('Filter workshop')
      .and.not.contain('Filter webinar');
    [...filters.querySelectorAll('button')].find((b) => txt(b) === 'Clear filters')!.click();
    await settled(el);
    expect(txt(filters.querySelector('summary'))).to.equal('Filters');
  });
});

describe('mahjar-event-calendar: time zones across daylight saving', () => {
  // 19:00 in Sydney on either side of 6 April 2031 (Sydney leaves DST), with Beirut entering DST on
  // 30 March and New York already on DST since 9 March.
  const cases: [string, string, string][] = [
    // Zones by Intl's names, never their ids (en-GB: an abbreviation such as EET gives way to the long name).
    ['Australia/Sydney', '19:00 Sydney Time', '19:00 Sydney Time'],
    [
      'Asia/Beirut',
      '10:00 Eastern European Time · 19:00 Sydney Time',
      '12:00 Eastern European Time · 19:00 Sydney Time',
    ],
    ['America/New_York', '4:00 New York Time · 19:00 Sydney Time', '5:00 New York Time · 19:00 Sydney Time'],
  ];
  before(async () => {
    const o = { timeZone: 'Australia/Sydney', mode: 'online' };
    await createEvent({
      ...o,
      title: { en: 'Before the change' },
      startsAt: '2031-03-20T08:00:00Z',
      endsAt: '2031-03-20T09:00:00Z',
    });
    await createEvent({
      ...o,
      title: { en: 'After the change' },
      startsAt: '2031-04-10T09:00:00Z',
      endsAt: '2031-04-10T10:00:00Z',
    });
    // A weekend across the change itself: 09:00 AEDT Friday to 17:00 AEST Monday.
    await createEvent({
      ...o,
      title: { en: 'Across the change' },
      startsAt: '2031-04-03T22:00:00Z',
      endsAt: '2031-04-07T07:00:00Z',
    });
  });

  for (const [zone, before, after] of cases)
    it(`shows the right local times to a viewer in ${zone}`, async () => {
      await setZone(zone);
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal(zone);
      const el = await mount({ zone: '', month: '2031-03', view: 'list' }, 'en-GB');
      const item = (title: string) => txt($$(el, '[part="event"]').find((b) => txt(b).includes(title))!);
      expect(item('Before the change')).to.contain(before);
      $<HTMLButtonElement>(el, '[aria-label="Next month"]')!.click();
      await settled(el);
      expect(item('After the change')).to.contain(after);
      await openFromList(el, 'Across the change');
      const when = txt($(el, 'dd'));
      expect(when).to.contain('(Sydney Time)');
      expect(when).to.match(/Friday,? 4 April 2031.*09:00.*Monday,? 7 April 2031.*17:00 \(Sydney Time\)/);
      if (zone === 'Australia/Sydney') expect($(el, 'dd br')).to.equal(null);
      await expect(el).to.be.accessible();
    });

  it('names the zones in Arabic for an Arabic reader, through Intl (no Latin city in Arabic text)', async () => {
    await setZone('Asia/Beirut');
    const el = await mount({ zone: '', month: '2031-03', view: 'list' }, 'ar');
    const item = txt($$(el, '[part="event"]').find((b) => txt(b).includes('Before the change'))!);
    // the viewer's time and zone, then the organiser's, before the (English-only) title
    const [mine, organiser] = item.split('Before the change')[0]!.split(' · ');
    for (const part of [mine, organiser]) expect(part).to.match(/توقيت/).and.not.match(/[a-z]/i);
    expect(mine).to.contain('توقيت لبنان'); // Beirut, by the country of a one-zone country
    expect(organiser).to.contain('أستراليا'); // Sydney
    expect(txt($(el, '.note')))
      .to.contain('توقيت لبنان')
      .and.not.match(/[a-z]/i);
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-event-calendar: registration', () => {
  /** A provider whose client records every registration the server returns. */
  async function mountRecording(month: string) {
    const made: Registration[] = [];
    const posts: Request[] = [];
    const client = createMahjarClient({
      baseUrl: demo.url,
      publishableKey: demo.publishableKey,
      fetch: async (i, init) => {
        const r = new Request(i, { ...init, cache: 'no-store' });
        if (r.method === 'POST') posts.push(r.clone());
        const res = await fetch(r);
        if (r.method === 'POST' && res.status === 201) made.push(await res.clone().json());
        return res;
      },
    });
    const wrap = await fixture(html`<mahjar-provider .client=${client} api-base=${demo.url}>
      <mahjar-event-calendar organiser="ilma-usa" month=${month} time-zone="Asia/Beirut" view="list"></mahjar-event-calendar>
    </mahjar-provider>`);
    const el = wrap.querySelector('mahjar-event-calendar')!;
    await settled(el);
    return { el, made, posts, client };
  }

  it('confirms, waitlists, and gives the freed seat to the waitlist when someone cancels', async () => {
    const ev = await createEvent({
      title: { en: 'Small seminar' },
      capacity: 1,
      waitlistEnabled: true,
      cmeCredits: 1.5,
      speakers: [{ name: 'Dr Rania Haddad', affiliation: 'AUBMC' }],
      startsAt: '2031-06-03T16:00:00Z',
      endsAt: '2031-06-03T17:30:00Z',
    });
    const { el, made, client } = await mountRecording('2031-06');
    const done: RegistrationCompleteDetail[] = [];
    el.addEventListener('mahjar-registration-complete', (e) => done.push(e.detail));
    const opened: unknown[] = [];
    el.addEventListener('mahjar-event-open', (e) => opened.push(e.detail));
    await openFromList(el, 'Small seminar');
    expect(opened).to.deep.equal([{ id: ev.id, slug: ev.slug }]);
    const dialog = txt($(el, 'dialog'));
    expect(dialog).to.contain('1 seat left').and.contain('1.5 CME credits').and.contain('Dr Rania Haddad, AUBMC');
    expect(dialog).to.contain('Online');
    await expect(el).to.be.accessible();
    fill(el, 'Rania Haddad', `rania-${ev.id}@example.org`);
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await until(() => $(el, '.ok'));
    expect(txt($(el, '.ok'))).to.contain("You're registered");
    expect(done[0]).to.include({ eventId: ev.id, status: 'confirmed' });
    await expect(el).to.be.accessible();

    // The personal .ics carries the join link; the public one does not.
    const personal = await (await fetch(made[0]!.icsUrl)).text();
    expect(personal)
      .to.match(/^BEGIN:VCALENDAR\r\n/)
      .and.contain('BEGIN:VEVENT')
      .and.contain(`https://meet.example.org/j/test-`);
    const pub = await (await fetch(`${demo.url}/v1/events/${ev.id}/ics`)).text();
    expect(pub).to.contain('BEGIN:VEVENT').and.not.contain('meet.example.org');

    // A second person: the event is full, so the waitlist.
    const second = await mountRecording('2031-06');
    await openFromList(second.el, 'Small seminar');
    expect(txt($(second.el, 'dialog'))).to.contain('Fully booked: registering puts you on the waitlist');
    fill(second.el, 'Karim Nassar', `karim-${ev.id}@example.org`);
    $<HTMLButtonElement>(second.el, '[part="submit"]')!.click();
    await until(() => $(second.el, '.ok'));
    expect(txt($(second.el, '.ok'))).to.contain('number 1 on the waitlist');
    expect(second.made[0]!.status).to.equal('waitlisted');

    // The first cancels (as the e-mail's link does): the waitlisted person gets the seat.
    const { data } = await client.POST('/v1/registrations/{id}/cancel', {
      params: { path: { id: made[0]!.id } },
      body: { cancelToken: made[0]!.cancelToken },
    });
    expect(data!.status).to.equal('cancelled');
    const list = await admin('GET', `/v1/admin/events/${ev.id}/registrations`);
    const rows = (list.body as unknown as { items: { email: string; status: string }[] }).items;
    expect(rows.find((r) => r.email.startsWith('karim'))!.status).to.equal('confirmed');
  });

  it('registers once however often the button is pressed', async () => {
    await createEvent({
      title: { en: 'Double click' },
      startsAt: '2031-06-10T16:00:00Z',
      endsAt: '2031-06-10T17:00:00Z',
    });
    const { el, posts } = await mountRecording('2031-06');
    await openFromList(el, 'Double click');
    fill(el, 'Rania Haddad', `double-${Date.now()}@example.org`);
    const submit = $<HTMLButtonElement>(el, '[part="submit"]')!;
    submit.click();
    submit.click();
    await el.updateComplete;
    expect(submit.disabled).to.be.true;
    expect(txt(submit)).to.equal('Sending…');
    await until(() => $(el, '.ok'));
    expect(posts.filter((p) => p.url.includes('/registrations'))).to.have.length(1);
  });

  it('says clearly when the event filled up meanwhile, and keeps what was typed', async () => {
    const ev = await createEvent({
      title: { en: 'Tiny' },
      capacity: 1,
      startsAt: '2031-06-17T16:00:00Z',
      endsAt: '2031-06-17T17:00:00Z',
    });
    const { el, client } = await mountRecording('2031-06');
    const errors: unknown[] = [];
    el.addEventListener('mahjar-error', (e) => errors.push(e.detail.problem));
    await openFromList(el, 'Tiny');
    await client.POST('/v1/events/{id}/registrations', {
      params: { path: { id: ev.id } },
      body: { name: 'Someone First', email: `first-${ev.id}@example.org` },
    });
    fill(el, 'Late Comer', `late-${ev.id}@example.org`, 'not a link');
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await until(() => $(el, '#profile-err'));
    expect(txt($(el, '#profile-err'))).to.equal('Paste the link to your profile, or leave this empty.');
    expect(focused(el)!.getAttribute('name')).to.equal('profile');
    $<HTMLInputElement>(el, 'input[name="profile"]')!.value = '';
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await until(() => $(el, '[part="error"]'));
    expect(txt($(el, '[part="error"]'))).to.equal('Sorry, this event is full.');
    expect(errors[0]).to.include({ status: 409, type: 'https://mahjar.dev/problems/event-full' });
    expect($<HTMLInputElement>(el, 'input[name="name"]')!.value).to.equal('Late Comer');
    expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal(`late-${ev.id}@example.org`);
    await expect(el).to.be.accessible();
  });

  it('shows a cancelled event struck through, with why, and no form', async () => {
    const ev = await createEvent({
      title: { en: 'Called off' },
      startsAt: '2031-06-24T16:00:00Z',
      endsAt: '2031-06-24T17:00:00Z',
    });
    const r = await admin('POST', `/v1/admin/events/${ev.id}/cancel`, { reason: { en: 'The speaker is deployed.' } });
    expect(r.status).to.equal(200);
    const { el } = await mountRecording('2031-06');
    const item = $$(el, '[part="event"]').find((b) => txt(b).includes('Called off'))!;
    expect(txt(item)).to.contain('Cancelled');
    await openFromList(el, 'Called off');
    expect(txt($(el, 'dialog')))
      .to.contain('Cancelled: The speaker is deployed.')
      .and.contain('This event was cancelled');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-event-calendar: add to calendar, hostile text, faults', () => {
  it('links the public .ics, Google, Outlook and the organiser feed', async () => {
    const ev = await createEvent({
      title: { en: 'Calendar links' },
      startsAt: '2031-07-01T16:00:00Z',
      endsAt: '2031-07-01T17:30:00Z',
    });
    const el = await mount({ month: '2031-07' });
    await openFromList(el, 'Calendar links');
    const links = [...$(el, '[part="add-to-calendar"]')!.querySelectorAll('a')].map((a) => a.href);
    expect(links[0]).to.equal(`${demo.url}/v1/events/${ev.id}/ics`);
    expect(links[1]).to.contain('calendar.google.com').and.contain('dates=20310701T160000Z%2F20310701T173000Z');
    expect(links[2]).to.contain('outlook.live.com').and.contain('startdt=2031-07-01T16%3A00%3A00.000Z');
    expect(links[4]).to.equal(`${demo.url.replace('http:', 'webcal:')}/v1/organisations/ilma-usa/events.ics`);
    expect(links[5]).to.equal(`${demo.url}/v1/organisations/ilma-usa/events.ics`);
    const ics = await (await fetch(links[0]!)).text();
    expect(ics).to.contain('DTSTART:20310701T160000Z');
  });

  it('renders hostile event text inert', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">"><script>window.__pwned=1</script>';
    await createEvent({
      title: { en: evil },
      description: { en: evil },
      startsAt: '2031-07-08T16:00:00Z',
      endsAt: '2031-07-08T17:00:00Z',
    });
    const el = await mount({ month: '2031-07' });
    await openFromList(el, '<img src=x');
    expect($(el, 'dialog img')).to.equal(null);
    expect($(el, 'dialog script')).to.equal(null);
    expect(txt($(el, '#dt'))).to.equal(evil);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows a translated error with a retry and the fallback link', async () => {
    const errors: unknown[] = [];
    document.addEventListener('mahjar-error', (e) => errors.push(e.detail.problem), { once: true });
    const el = await fixture<MahjarEventCalendar>(html`<mahjar-event-calendar api-base=${demo.url}
      publishable-key=${demo.publishableKey} kind="no_such_kind"><a href="https://ilma.example.org/events">Events</a></mahjar-event-calendar>`);
    await settled(el);
    expect(txt($(el, '[role="alert"]'))).to.equal('Some details need fixing.');
    expect($(el, '[part="retry"]')).to.exist;
    expect($<HTMLSlotElement>(el, 'slot')!.assignedElements()[0]!.textContent).to.equal('Events');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('says so when offline and recovers when back online', async () => {
    let offline = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline });
    try {
      const client = createMahjarClient({
        baseUrl: demo.url,
        publishableKey: demo.publishableKey,
        fetch: (i, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(i, init)),
        retry: { baseDelayMs: 5 },
      });
      const wrap = await fixture(html`<mahjar-provider .client=${client}>
        <mahjar-event-calendar organiser="ilma-usa" month="2031-03"></mahjar-event-calendar></mahjar-provider>`);
      const el = wrap.querySelector('mahjar-event-calendar')!;
      await settled(el);
      expect(txt($(el, '[role="alert"]'))).to.contain("You're offline.");
      await expect(el).to.be.accessible();
      offline = false;
      window.dispatchEvent(new Event('online'));
      await until(() => $(el, '[role="grid"]'));
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('is accessible in Arabic with the dialog open, and in the dark theme', async () => {
    await createEvent({
      title: { en: 'Arabic view', ar: 'عرض عربي' },
      startsAt: '2031-07-15T16:00:00Z',
      endsAt: '2031-07-15T17:00:00Z',
    });
    const el = await mount({ month: '2031-07' }, 'ar');
    expect(txt($(el, 'h2'))).to.contain('يوليو 2031');
    await expect(el).to.be.accessible();
    await openFromList(el, 'عرض عربي');
    expect(txt($(el, 'dialog'))).to.contain('سجّل');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

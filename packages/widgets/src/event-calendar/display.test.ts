// What a viewer reads on a real site (issue 10): zones named without their (sometimes legacy) ids,
// text of the other direction isolated and cut at its own end, one waitlist notice.
import { createMahjarClient } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { type DemoServer, demoServer, until } from '../../test/demo.js';
import { createEvent as createTestEvent } from '../../test/events.js';
import '../mahjar-event-calendar.js';
import '../mahjar-provider.js';
import type { MahjarEventCalendar } from './event-calendar.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});
afterEach(() => executeServerCommand('set-timezone', { timezoneId: null }));

const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const txt = (e: Element | null) => e!.textContent!.replace(/\s+/g, ' ').trim();

/** Creates an ilma-usa event (an online webinar in Beirut unless said otherwise) and returns it. */
const createEvent = (fields: Record<string, unknown>) => createTestEvent('Display test', 'Asia/Beirut', fields);

async function mount(month: string, locale: string, attrs: { zone?: string; view?: string } = {}) {
  const client = createMahjarClient({
    baseUrl: demo.url,
    publishableKey: demo.publishableKey,
    fetch: (i, init) => fetch(new Request(i, { ...init, cache: 'no-store' })),
  });
  const wrap = await fixture(html`<mahjar-provider .client=${client} api-base=${demo.url}>
    <mahjar-event-calendar locale=${locale} organiser="ilma-usa" month=${month} time-zone=${attrs.zone ?? ''}
      view=${attrs.view ?? 'month'} style="inline-size: 640px"></mahjar-event-calendar>
  </mahjar-provider>`);
  const el = wrap.querySelector('mahjar-event-calendar')!;
  await el.updateComplete;
  await until(() => $(el, '.root[aria-busy="false"]'));
  return el;
}

async function openFromList(el: MahjarEventCalendar, title: string) {
  el.view = 'list';
  await el.updateComplete;
  $$(el, '[part="event"]')
    .find((x) => txt(x).includes(title))!
    .click();
  await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
}

describe('mahjar-event-calendar: zones by name, never by a legacy id', () => {
  before(() =>
    createEvent({
      title: { en: 'Telehealth for Kolkata partners' },
      timeZone: 'Asia/Kolkata',
      startsAt: '2032-02-10T12:30:00Z',
      endsAt: '2032-02-10T13:30:00Z',
    }),
  );

  for (const locale of ['en', 'ar', 'fr'])
    it(`names the viewer's zone in Asia/Kolkata without "Calcutta" (${locale})`, async function () {
      this.timeout(60_000);
      await executeServerCommand('set-timezone', { timezoneId: 'Asia/Kolkata' });
      const el = await mount('2032-02', locale, { view: 'list' });
      const shown = txt($(el, '.root'));
      expect(shown).not.to.match(/Calcutta|Asia\//);
      const item = $$(el, '[part="event"]').find((b) => txt(b).includes('Kolkata partners'))!;
      // The event's zone (Asia/Kolkata) is the viewer's (reported as Asia/Calcutta): one time, not two.
      expect(txt(item.querySelector('.muted'))).not.to.contain(' · ');
      await openFromList(el, 'Kolkata partners');
      expect(txt($(el, 'dd'))).not.to.match(/Calcutta/);
      expect($(el, 'dd br')).to.equal(null);
      if (locale === 'en') expect(txt($(el, '.note'))).to.contain('(India Time)');
      await expect(el).to.be.accessible();
    });
});

describe('mahjar-event-calendar: text of the other direction', () => {
  const title = 'Reconstructive surgery with Lebanese partners in the diaspora network';
  before(() => createEvent({ title: { en: title }, startsAt: '2032-03-10T12:00:00Z', endsAt: '2032-03-10T13:00:00Z' }));

  it('cuts a Latin title in the Arabic month grid at its end, keeping its beginning', async function () {
    this.timeout(60_000);
    const el = await mount('2032-03', 'ar', { zone: 'Asia/Beirut' });
    const chip = $$(el, '.chip').find((c) => txt(c).includes('Reconstructive'))!;
    const span = [...chip.querySelectorAll<HTMLElement>('[lang="en"]')][0]!;
    expect(getComputedStyle(span).direction).to.equal('ltr');
    // The first letter is inside the chip's box; the cut (the ellipsis) is at the title's end.
    const words = [...span.childNodes].find((x) => x.nodeType === Node.TEXT_NODE && x.textContent!.trim())!;
    const first = document.createRange();
    first.setStart(words, 0);
    first.setEnd(words, 1);
    const letter = first.getBoundingClientRect();
    const box = chip.getBoundingClientRect();
    expect(letter.left).to.be.at.least(box.left - 0.5);
    expect(letter.right).to.be.at.most(box.right + 0.5);
    expect(span.scrollWidth).to.be.greaterThan(span.clientWidth); // it is cut
    await expect(el).to.be.accessible();
  });

  it('isolates every API text in the calendar (dir="auto")', async function () {
    this.timeout(60_000);
    const el = await mount('2032-03', 'ar', { zone: 'Asia/Beirut', view: 'list' });
    const titles = $$(el, '[part="event"] .ti [lang]');
    expect(titles.length).to.be.greaterThan(0);
    for (const t of titles) expect(t.getAttribute('dir')).to.equal('auto');
  });
});

describe('mahjar-event-calendar: after registering', () => {
  it('shows the seats as they are now, not as the cached list had them', async function () {
    this.timeout(60_000);
    await createEvent({
      title: { en: 'Last seat seminar' },
      capacity: 1,
      waitlistEnabled: false,
      startsAt: '2032-05-10T12:00:00Z',
      endsAt: '2032-05-10T13:00:00Z',
    });
    const el = await mount('2032-05', 'en', { zone: 'Asia/Beirut' });
    await openFromList(el, 'Last seat seminar');
    await until(() => txt($(el, 'dialog')).includes('1 seat left'));
    $<HTMLInputElement>(el, 'input[name="name"]')!.value = 'Last Person';
    $<HTMLInputElement>(el, 'input[name="email"]')!.value = `last-${crypto.randomUUID()}@example.org`;
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await until(() => $(el, '.ok'), 8000);
    // the event is read again after registering: no seat left
    await until(() => txt($(el, 'dialog')).includes('Fully booked'), 8000);
    await el.updateComplete;
    expect(txt($(el, 'dialog')))
      .to.contain('Fully booked')
      .and.not.contain('1 seat left');
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-event-calendar: a full event with a waitlist', () => {
  it('says once, not twice, that registering puts you on the waitlist', async function () {
    this.timeout(60_000);
    const ev = await createEvent({
      title: { en: 'Tiny workshop' },
      capacity: 1,
      waitlistEnabled: true,
      startsAt: '2032-04-10T12:00:00Z',
      endsAt: '2032-04-10T13:00:00Z',
    });
    await fetch(`${demo.url}/v1/events/${ev.id}/registrations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Mahjar-Publishable-Key': demo.publishableKey,
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({ name: 'First Person', email: `first-${ev.id}@example.org` }),
    });
    for (const locale of ['en', 'ar']) {
      const el = await mount('2032-04', locale, { zone: 'Asia/Beirut' });
      await openFromList(el, 'Tiny workshop');
      // the opened event is read again past the cache: its waitlist notice shows once no seat is left
      await until(() => $(el, 'dialog form .muted'));
      await el.updateComplete;
      const dialog = txt($(el, 'dialog'));
      const notice = locale === 'en' ? 'registering puts you on the waitlist' : $(el, 'form .muted')!.textContent!;
      expect(dialog.split(notice.trim()).length - 1, locale).to.equal(1);
      await expect(el).to.be.accessible();
    }
  });
});

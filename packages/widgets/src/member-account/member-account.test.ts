// Runs against the real demo server (web-test-runner.config.mjs), from the test page's origin, which is
// not the API's: the sign-in mail lands in the server's outbox, its link's code is exchanged by the
// element, and every change is read back through the public directory and the admin API.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { type DemoServer, demoServer, focusNothing, tabTo, until } from '../../test/demo.js';
import '../mahjar-member-account.js';
import '../mahjar-specialist-directory.js';
import type { MahjarSpecialistDirectory } from '../specialist-directory/specialist-directory.js';
import type { MahjarMemberAccount } from './member-account.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});

type El = MahjarMemberAccount;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Admin calls, from Node (an admin secret never goes through a browser page). */
const admin = async <T>(path: string, key = 'sk_demo_ilma', method = 'GET', body?: unknown) =>
  executeServerCommand<{ status: number; body: T }, unknown>('mahjar-admin-call', { path, key, method, body });

interface Member {
  id: string;
  email: string;
  familyName: string;
  chapters: string[];
}
let members: Member[] | undefined;
let taken = 0;
/** A verified member with an address no other test uses (each test may change or delete its member). */
async function freshMember(): Promise<Member> {
  members ??= (await admin<{ items: Member[] }>('/v1/admin/members/export?format=json')).body.items.filter(
    (m) => m.email,
  );
  const member = members[taken++];
  if (!member) throw new Error('the demo seed has run out of verified members');
  return member;
}

/** Lebanon's ministry: its secret key (export) and its publishable key (its directory page). */
const MINISTRY_SECRET = 'sk_demo_moph-lebanon';
const MINISTRY_PUBLISHABLE = 'pk_demo_moph-lebanon';

/** A monthly gift made with the member's address and paid through the sandbox checkout. */
async function monthlyGift(email: string): Promise<void> {
  const created = await fetch(`${demo.url}/v1/campaigns/mental-health-lines/donations`, {
    method: 'POST',
    headers: {
      'Mahjar-Publishable-Key': demo.publishableKey,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      amount: 2500,
      currency: 'USD',
      frequency: 'monthly',
      anonymous: false,
      donorName: 'A member',
      donorEmail: email,
      returnUrl: `${location.origin}/thanks`,
    }),
  });
  expect(created.status).to.equal(201);
  const { checkoutUrl } = await created.json();
  await fetch(`${checkoutUrl}/complete`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'outcome=succeeded',
    redirect: 'manual',
  });
}

/** The newest sign-in mail to `email` in the outbox of the organisation whose key the element used (ilma's by default). */
async function signInLink(email: string, secret = 'sk_demo_ilma'): Promise<string | undefined> {
  const { body } = await admin<{ items: { text: string; kind: string }[] }>(
    `/v1/admin/outbox?to=${encodeURIComponent(email)}`,
    secret,
  );
  const mail = body.items.find((m) => m.kind === 'member_sign_in');
  return mail ? /https?:\/\/\S+#mahjar-sign-in=\S+/.exec(mail.text)?.[0] : undefined;
}

async function mount(locale = 'en', key = demo.publishableKey): Promise<El> {
  const el = await fixture<El>(html`<mahjar-member-account api-base=${demo.url} publishable-key=${key}
    locale=${locale} notice-url="https://ilma.example.org/privacy"></mahjar-member-account>`);
  await until(() => $(el, 'h2'));
  await el.updateComplete;
  return el;
}

/** Asks for a link as the member would, then opens it: the page's address carries the code, the element signs in. */
async function signIn(member: Member, locale = 'en', organisation = 'ilma'): Promise<El> {
  const key = organisation === 'ilma' ? demo.publishableKey : `pk_demo_${organisation}`;
  const asking = await mount(locale, key);
  const input = $<HTMLInputElement>(asking, '#email')!;
  input.value = member.email;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  $(asking, '[part="submit"]')!.click();
  await until(() => $(asking, '[part="status"]'), 10_000);
  asking.remove();
  const link = await signInLink(member.email, `sk_demo_${organisation}`);
  expect(link, 'a sign-in mail in the outbox').to.be.a('string');
  const url = new URL(link!);
  expect(url.origin).to.equal(location.origin); // back to the page it was asked from
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  const el = await mount(locale, key);
  await until(() => el.account?.profile, 10_000);
  await el.updateComplete;
  expect(location.hash, 'the code leaves the address').to.equal('');
  return el;
}

/** The next link the page clicks to download a file (the element's "Download my data"), caught before the browser follows it. */
function nextDownload(): Promise<HTMLAnchorElement> {
  return new Promise((resolve) => {
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = click;
      resolve(this);
    };
  });
}

/** The public directory's card of a professional, with the demo's publishable key (no session). */
async function publicCard(id: string): Promise<Record<string, unknown> | undefined> {
  const r = await fetch(`${demo.url}/v1/professionals/${id}?key=${demo.publishableKey}`, { cache: 'no-store' });
  return r.status === 200 ? r.json() : undefined;
}

/** Presses a form's save button; resolves with the outcome's event (saved, or the error). */
async function save(el: El, form = 0): Promise<Event> {
  const outcome = new Promise<Event>((resolve) => {
    el.addEventListener('mahjar-member-saved', resolve, { once: true });
    el.addEventListener('mahjar-error', resolve, { once: true });
  });
  $$(el, 'form [part="submit"]')[form]!.click();
  const event = await outcome;
  await el.updateComplete;
  return event;
}

describe('mahjar-member-account', () => {
  beforeEach(() => localStorage.clear()); // each test's member signs in afresh
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('asks for a link without telling whether an address has an account', async () => {
    const el = await mount();
    const input = $<HTMLInputElement>(el, '#email')!;
    input.value = 'not an address';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect(text(el, '#email-e')).to.equal('Enter an e-mail address like name@example.org.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    const nobody = `nobody-${Date.now()}@example.org`;
    input.value = nobody;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '[part="status"]'), 10_000);
    const answer = text(el, '[part="status"]');
    expect(answer).to.contain('If this address belongs to a member');
    expect(await signInLink(nobody)).to.equal(undefined);

    const member = await freshMember();
    const again = await mount();
    const field = $<HTMLInputElement>(again, '#email')!;
    field.value = member.email;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $(again, '[part="submit"]')!.click();
    await until(() => $(again, '[part="status"]'), 10_000);
    expect(text(again, '[part="status"]'), 'the same answer for a member').to.equal(answer);
    expect(await signInLink(member.email)).to.match(/#mahjar-sign-in=ml_/);
  });

  it('refuses a link used twice or forged, and says to ask again', async () => {
    const member = await freshMember();
    const el = await signIn(member);
    const link = await signInLink(member.email);
    el.remove();
    localStorage.clear(); // another device
    const url = new URL(link!);
    history.replaceState(null, '', url.pathname + url.hash);
    const again = await mount();
    await until(() => $(again, '[part="error"]'), 10_000);
    expect(text(again, '[part="error"]')).to.contain('was asked for in another browser');
    history.replaceState(null, '', `${location.pathname}#mahjar-sign-in=ml_forged_code_0123456789`);
    const forged = await mount();
    await until(() => $(forged, '[part="error"]'), 10_000);
    expect(text(forged, '[part="error"]')).to.contain('was asked for in another browser');
    expect($(forged, '#email'), 'the form to ask again').to.exist;
  });

  it('keeps the session on this device, and signs out here or everywhere', async () => {
    const member = await freshMember();
    const first = await signIn(member);
    expect(text(first, 'p')).to.contain(first.account!.member!.givenName);
    first.remove();
    const reloaded = await mount();
    await until(() => reloaded.account?.profile, 10_000);
    expect(reloaded.account!.profile!.id, 'signed in again from storage').to.equal(member.id);
    const signedOut = new Promise<CustomEvent>((resolve) =>
      reloaded.addEventListener('mahjar-member-signed-out', resolve as EventListener, { once: true }),
    );
    $$(reloaded, '.head button')[1]!.click(); // everywhere
    expect((await signedOut).detail.reason).to.equal('everywhere');
    await reloaded.updateComplete;
    expect($(reloaded, '#email')).to.exist;
    reloaded.remove();
    const after = await mount();
    expect(after.account, 'nothing kept on the device').to.equal(undefined);
    expect($(after, '#email')).to.exist;
  });

  it('a session the server no longer knows: back to the sign-in form, saying so', async () => {
    localStorage.setItem(
      `mahjar-member:${demo.url}:${demo.publishableKey}`,
      JSON.stringify({ token: 'ms_ended_or_forged_0123456789', expiresAt: '2099-01-01T00:00:00Z' }),
    );
    const el = await mount();
    await until(() => $(el, '#email'), 10_000);
    expect(text(el, '[part="status"]')).to.equal('You were signed out. Sign in again to continue.');
    expect(localStorage.getItem(`mahjar-member:${demo.url}:${demo.publishableKey}`)).to.equal(null);
  });

  it('edits the profile with the signup’s fields: the directory shows it at once', async function () {
    this.timeout(30_000);
    const member = await freshMember();
    const el = await signIn(member);
    const account = el.account!;
    // Country visible to everyone, then hidden; the city renamed.
    const country = $<HTMLSelectElement>(el, '[name="visibility.country"]')!;
    country.value = 'public';
    country.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await save(el);
    expect(text(el, '[part="status"]')).to.contain('Saved');
    expect((await publicCard(member.id))?.country, 'public now').to.equal(account.profile!.country);

    country.value = 'private';
    country.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const city = $<HTMLInputElement>(el, '[name="city"]')!;
    city.value = 'Zahlé';
    city.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await save(el);
    expect(account.profile!.city).to.equal('Zahlé');
    expect(account.profile!.visibility.country).to.equal('private');
    const card = await publicCard(member.id);
    expect(card, 'still listed').to.exist;
    expect(card!.country, 'gone from the public card at once').to.equal(undefined);

    // A field the contract refuses: an inline message, a summary, nothing saved.
    city.value = 'x'.repeat(101);
    city.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $(el, 'form [part="submit"]')!.click();
    await until(() => $(el, '.sum'));
    expect(text(el, '#city-e')).to.equal('Use at most 100 characters.');
    expect(account.profile!.city, 'unchanged').to.equal('Zahlé');
  });

  it('saving the chapters records the consent as last saved, and keeps the profile form’s unsaved edits', async () => {
    const member = await freshMember();
    const el = await signIn(member);
    const account = el.account!;
    const saved = { ...account.profile!.consent.permissions };
    $<HTMLInputElement>(el, 'input[name="newsletter"]')!.click(); // ticked, not saved
    const city = $<HTMLInputElement>(el, '[name="city"]')!;
    city.value = 'Batroun';
    city.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const box = $$<HTMLInputElement>(el, 'input[name="chapters"]').find((b) => !b.checked)!;
    box.click();
    expect((await save(el, 1)).type).to.equal('mahjar-member-saved');
    expect(account.profile!.chapters).to.include(box.value);
    expect(account.profile!.consent.permissions, 'the consent recorded with the chapters').to.deep.equal(saved);
    expect(account.answers.city, 'the unsaved city stays in the form').to.equal('Batroun');
    expect($<HTMLInputElement>(el, 'input[name="newsletter"]')!.checked).to.equal(!saved.newsletter);
  });

  it('the directory forgets a session the server has ended, and shows the public answer', async () => {
    const key = `mahjar-member:${demo.url}:${demo.publishableKey}`;
    localStorage.setItem(
      key,
      JSON.stringify({ token: 'ms_ended_elsewhere_0123456789', expiresAt: '2099-01-01T00:00:00Z' }),
    );
    const directory = await fixture<MahjarSpecialistDirectory>(
      html`<mahjar-specialist-directory api-base=${demo.url} publishable-key=${demo.publishableKey} locale="en"></mahjar-specialist-directory>`,
    );
    await until(() => directory.search.items.length, 10_000);
    expect(directory.search.status).to.equal('ready');
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('downloads all the member’s data as JSON', async () => {
    const member = await freshMember();
    const el = await signIn(member);
    const clicked = nextDownload();
    $$(el, 'section:nth-of-type(4) button, section button')
      .find((b) => b.textContent === 'Download my data')!
      .click();
    const link = await clicked;
    expect(link.download).to.match(/^mahjar-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = await (await fetch(link.href)).json();
    expect(data.profile.id).to.equal(member.id);
    expect(data.profile.email).to.equal(member.email);
    expect(data.consents.length).to.be.greaterThan(0);
    expect(data.sessions.length, 'this sign-in among them').to.be.greaterThan(0);
  });

  it('stops a monthly gift: the provider’s subscription ends, the gift shows as ended', async function () {
    this.timeout(30_000);
    const member = await freshMember();
    await monthlyGift(member.email);
    const el = await signIn(member);
    await until(() => el.account?.gifts?.length);
    const stop = $$(el, '.gifts [part="danger"]')[0]!;
    stop.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    expect(text(el, 'dialog')).to.contain('each month to');
    $<HTMLButtonElement>(el, 'dialog [part="danger"]')!.click();
    await until(() => el.account!.gifts![0]!.endedAt, 10_000);
    await el.updateComplete;
    expect($$(el, '.gifts [part="danger"]')).to.have.length(0);
    expect(text(el, '.gifts')).to.contain('Ended on');
  });

  it('deletes the account: the profile is gone, the directory counts one fewer', async function () {
    this.timeout(30_000);
    const member = await freshMember();
    const count = async () =>
      (
        await (
          await fetch(`${demo.url}/v1/professionals?limit=1&key=${demo.publishableKey}`, { cache: 'no-store' })
        ).json()
      ).total as number;
    const el = await signIn(member);
    expect(await publicCard(member.id), 'listed before').to.exist;
    const before = await count();
    const signedOut = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('mahjar-member-signed-out', resolve as EventListener, { once: true }),
    );
    $$(el, 'section [part="danger"]').at(-1)!.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLButtonElement>(el, 'dialog [part="danger"]')!.click();
    expect((await signedOut).detail.reason).to.equal('deleted');
    await el.updateComplete;
    expect(text(el, '[part="status"]')).to.contain('deleted');
    expect(await publicCard(member.id)).to.equal(undefined);
    expect(await count()).to.equal(before - 1);
    const { body } = await admin<{ items: { kind: string; subject: string }[] }>(
      `/v1/admin/outbox?to=${encodeURIComponent(member.email)}`,
    );
    expect(body.items.map((m) => m.subject)).to.include('Your account has been deleted');
  });

  it('the whole path, on a host page of another origin: sign in from the mail, edit, export, withdraw a ministry, stop a gift, leave', async function () {
    this.timeout(120_000);
    expect(new URL(demo.url).origin, 'the API is another origin than this page').to.not.equal(location.origin);
    // A verified member of ILMA who shares with Lebanon's ministry, with a monthly gift.
    const shared = new Set(
      (
        await admin<{ items: { id: string }[] }>('/v1/admin/members/export?format=json', MINISTRY_SECRET)
      ).body.items.map((m) => m.id),
    );
    let member = await freshMember();
    while (!shared.has(member.id)) member = await freshMember();
    await monthlyGift(member.email);
    const search = async (key = demo.publishableKey) =>
      (await (
        await fetch(`${demo.url}/v1/professionals?q=${encodeURIComponent(member.familyName)}&limit=100&key=${key}`, {
          cache: 'no-store', // past this browser's HTTP cache, to the server and its answer cache
        })
      ).json()) as { total: number; items: Record<string, unknown>[] };
    const total = async () =>
      (
        await (
          await fetch(`${demo.url}/v1/professionals?limit=1&key=${demo.publishableKey}`, { cache: 'no-store' })
        ).json()
      ).total as number;
    const before = (await search()).items.find((card) => card.id === member.id);
    expect(before, 'listed in the directory').to.exist;

    // Sign in from the mail in the outbox.
    const el = await signIn(member);
    const account = el.account!;

    // The city becomes private, and a specialty is added through the signup's own picker.
    const city = $<HTMLSelectElement>(el, '[name="visibility.city"]')!;
    city.value = 'private';
    city.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const picker = $<HTMLInputElement>(el, '#specialties')!;
    const had = [...account.profile!.specialties];
    const adding = had.includes('cardiology') ? 'dermatology' : 'cardiology';
    picker.focus();
    picker.value = adding === 'cardiology' ? 'Cardiology' : 'Dermatology';
    picker.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => $$(el, '[role="option"]').some((option) => option.textContent === picker.value));
    picker.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(account.answers.specialties).to.include(adding);
    expect((await save(el)).type).to.equal('mahjar-member-saved');

    // The directory shows it at once: the server's answer cache was asked the same question before.
    const after = (await search()).items.find((card) => card.id === member.id)!;
    expect(after.specialties).to.include(adding);
    expect(after.city, 'the city is private now').to.equal(undefined);

    // Export: every datum, as JSON.
    const clicked = nextDownload();
    $$(el, 'section button')
      .find((b) => b.textContent === 'Download my data')!
      .click();
    const exported = await (await fetch((await clicked).href)).json();
    expect(exported.profile.specialties).to.include(adding);

    // Withdraw Lebanon's ministry: out of its directory and export, still in the chapter's.
    const ministry = $<HTMLInputElement>(el, 'input[name="ministries"][value="moph-lebanon"]')!;
    expect(ministry.checked).to.equal(true);
    ministry.click();
    expect((await save(el)).type).to.equal('mahjar-member-saved');
    const ministryExport = await admin<{ items: { id: string }[] }>(
      '/v1/admin/members/export?format=json',
      MINISTRY_SECRET,
    );
    expect(ministryExport.body.items.map((m) => m.id)).to.not.include(member.id);
    expect((await search(MINISTRY_PUBLISHABLE)).items.map((card) => card.id)).to.not.include(member.id);
    const chapterExport = await admin<{ items: { id: string }[] }>('/v1/admin/members/export?format=json');
    expect(chapterExport.body.items.map((m) => m.id)).to.include(member.id);
    expect((await search()).items.map((card) => card.id)).to.include(member.id);

    // Stop the monthly gift.
    await until(() => el.account?.gifts?.length);
    $$(el, '.gifts [part="danger"]')[0]!.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLButtonElement>(el, 'dialog [part="danger"]')!.click();
    await until(() => el.account!.gifts![0]!.endedAt, 10_000);

    // Leave: the profile is gone and the directory counts one fewer.
    const count = await total();
    $$(el, 'section [part="danger"]').at(-1)!.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLButtonElement>(el, 'dialog [part="danger"]')!.click();
    await until(() => text(el, '[part="status"]').includes('deleted'), 10_000);
    expect(await publicCard(member.id)).to.equal(undefined);
    expect(await total()).to.equal(count - 1);
  });

  it('a signed-in member sees in the directory what fellow members of their chapter share with members', async function () {
    this.timeout(60_000);
    const key = 'pk_demo_ilma-usa';
    /** The directory's first page on the chapter's site: which cards show a city. */
    const cities = async () => {
      const directory = await fixture<MahjarSpecialistDirectory>(
        html`<mahjar-specialist-directory api-base=${demo.url} publishable-key=${key} chapter="ilma-usa" locked="chapter" locale="en"></mahjar-specialist-directory>`,
      );
      await until(() => directory.search.items.length, 10_000);
      const shown = new Map(directory.search.items.map((card) => [card.id, card.city]));
      directory.remove();
      return shown;
    };
    const anonymous = await cities();
    const { body } = await admin<{ items: Member[] }>('/v1/admin/members/export?format=json', 'sk_demo_ilma-usa');
    const member = body.items.find((m) => m.email && m.chapters?.includes('ilma-usa'))!;
    (await signIn(member, 'en', 'ilma-usa')).remove();
    const signedIn = await cities();
    expect([...signedIn.keys()].sort()).to.deep.equal([...anonymous.keys()].sort());
    const revealed = [...signedIn].filter(([id, city]) => city && !anonymous.get(id));
    expect(revealed.length, 'cities shared with members only').to.be.greaterThan(0);
    for (const [id, city] of anonymous) if (city) expect(signedIn.get(id)).to.equal(city);
    localStorage.clear(); // signed out on this device: the public answer again
    expect(await cities()).to.deep.equal(anonymous);
  });

  for (const locale of ['en', 'ar']) {
    it(`is accessible and works from the keyboard (${locale})`, async function () {
      this.timeout(60_000);
      const signedOut = await mount(locale);
      await expect(signedOut).to.be.accessible();
      signedOut.remove();
      const member = await freshMember();
      const el = await signIn(member, locale);
      expect($(el, '.root')!.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
      await expect(el).to.be.accessible();
      // Keyboard only: Tab to the newsletter consent, Space ticks it, Tab to Save, Enter saves.
      focusNothing();
      const newsletter = $<HTMLInputElement>(el, 'input[name="newsletter"]')!;
      const was = newsletter.checked;
      await tabTo(el, 'the newsletter consent', (f) => f === newsletter, 200);
      await sendKeys({ press: 'Space' });
      await tabTo(el, 'the save button', (f) => f.getAttribute('part') === 'submit', 5);
      await sendKeys({ press: 'Enter' });
      await until(() => $(el, '[part="status"]') || $(el, '[part="error"]'), 10_000);
      expect($(el, '[part="error"]')).to.equal(null);
      expect(el.account!.profile!.consent.permissions.newsletter).to.equal(!was);
    });
  }
});

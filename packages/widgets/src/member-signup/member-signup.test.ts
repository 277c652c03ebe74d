// Runs against the real demo server (web-test-runner.config.mjs): every signup below is stored,
// its verification mail lands in the server's outbox, and its consent record in the database.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { type DemoServer, demoServer, focusNothing, tabTo as tabToIn, until } from '../../test/demo.js';
import '../mahjar-member-signup.js';
import '../mahjar-provider.js';
import '../mahjar-specialist-directory.js';
import type { MahjarMemberSignup } from './member-signup.js';

let demo: DemoServer;
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});

type El = MahjarMemberSignup;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const heading = (el: El) => $(el, 'h2')!.textContent!.trim();
const unique = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.org`;

/** Admin reads, from Node (an admin secret never goes through a browser page). */
const admin = async <T>(path: string, key: string) =>
  (
    await executeServerCommand<{ status: number; body: T }, { path: string; key: string }>('mahjar-admin-call', {
      path,
      key,
    })
  ).body;

async function mount(o: { locale?: string; id?: string; base?: string; attrs?: string } = {}): Promise<El> {
  const el = await fixture<El>(html`<mahjar-member-signup id=${o.id ?? `s${Math.random().toString(36).slice(2)}`}
    api-base=${o.base ?? demo.url} publishable-key=${demo.publishableKey} locale=${o.locale ?? 'en'} notice-url="https://ilma.example.org/privacy"></mahjar-member-signup>`);
  await until(() => $(el, 'h2'));
  await el.updateComplete;
  return el;
}

function type(el: El, name: string, value: string) {
  const f = $<HTMLInputElement>(el, `[name="${name}"]`)!;
  if (f.type === 'checkbox') f.checked = value === 'on' ? !f.checked : !f.checked;
  else f.value = value;
  f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const tick = (el: El, name: string, value = 'on') => {
  const f = $<HTMLInputElement>(el, `[name="${name}"][value="${value}"]`)!;
  f.checked = !f.checked;
  f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

async function next(el: El) {
  const before = heading(el);
  $(el, '[part="submit"]')!.click();
  await until(() => heading(el) !== before || $(el, '.sum'));
  await el.updateComplete;
}

async function pickSpecialty(el: El, query: string) {
  await until(() => $(el, '#specialties'));
  const input = $<HTMLInputElement>(el, '#specialties')!;
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await until(() => $(el, '[role="option"]'));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Chooses the priority area of a ticked offer, once the list of areas is there. */
async function pickArea(el: El, offer: string, code: string) {
  await until(() => $(el, `[name="offers.${offer}.priorityArea"] option[value="${code}"]`));
  type(el, `offers.${offer}.priorityArea`, code);
  await el.updateComplete;
}

/** Fills every step with valid answers, checking accessibility on each. */
async function fillAll(el: El, email: string, a11y = true, specialty = 'cardio') {
  type(el, 'profession', 'physician');
  type(el, 'title', 'dr');
  type(el, 'givenName', 'Rania');
  type(el, 'familyName', 'Haddad');
  type(el, 'givenNameAr', 'رانيا');
  type(el, 'email', email);
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
  await pickSpecialty(el, specialty);
  type(el, 'country', 'US');
  type(el, 'city', 'Houston');
  tick(el, 'languages', 'ar');
  tick(el, 'languages', 'en');
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
  type(el, 'bio', 'Interventional cardiologist <img src=x onerror=alert(1)>');
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
  tick(el, 'offers.mentoring.on');
  await el.updateComplete;
  type(el, 'offers.mentoring.availability', 'Two evenings a month');
  await pickArea(el, 'mentoring', 'health-workforce');
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
  await until(() => $(el, 'input[name="chapters"]'));
  tick(el, 'chapters', 'ilma-usa');
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
  tick(el, 'permissions.shareWithMinistry');
  if (a11y) await expect(el).to.be.accessible();
  await next(el);
}

const outbox = (email: string) =>
  admin<{ items: { subject: string; text: string }[] }>(
    `/v1/admin/outbox?to=${encodeURIComponent(email)}`,
    'sk_demo_ilma', // the organisation whose key the form uses: each reads only its own mail
  );

async function pendingEmail(email: string) {
  const page = await admin<{
    items: {
      email: string;
      consent: Record<string, unknown>;
      visibility: Record<string, string>;
      offers: Record<string, string>[];
    }[];
  }>('/v1/admin/professionals/pending?status=pending_email&limit=100', 'sk_demo_ilma');
  return page.items.filter((p) => p.email === email);
}

const sha256 = async (t: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(t))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('mahjar-member-signup', () => {
  it('completes a signup in English: mail in the outbox, consent stored', async function () {
    this.timeout(60_000);
    const email = unique('en');
    const el = await mount();
    const steps: string[] = [];
    el.addEventListener('mahjar-signup-step', (e) => steps.push(e.detail.step));
    const submitted = new Promise<string>((r) =>
      el.addEventListener('mahjar-signup-submitted', (e) => r(e.detail.professionalId)),
    );
    expect(heading(el)).to.equal('Step 1 of 7: About you');
    expect(el.checkValidity()).to.be.false;
    await fillAll(el, email);
    expect(heading(el)).to.equal('Step 7 of 7: Review');
    expect($(el, '.review')!.textContent).to.contain(
      'Priority area (National Health Strategy)Mentoring: Health workforce',
    );
    expect($(el, '[part="preview"]')!.textContent).to.contain('Rania Haddad');
    expect($(el, '[part="preview"]')!.textContent).not.to.contain('Houston'); // city is for members by default
    await expect(el).to.be.accessible();
    $(el, '[part="submit"]')!.click();
    const id = await submitted;
    await el.updateComplete;
    expect(heading(el)).to.equal('Check your e-mail');
    expect($(el, '.root')!.textContent).to.contain(email);
    expect(el.value).to.equal(id);
    expect(el.checkValidity()).to.be.true;
    expect(steps).to.deep.equal(['practice', 'background', 'offers', 'chapters', 'privacy', 'review']);
    expect(localStorage.getItem(`mahjar-signup::${el.id}`)).to.equal(null);
    await expect(el).to.be.accessible();

    const mail = await outbox(email);
    expect(mail.items).to.have.length(1);
    expect(mail.items[0]!.text).to.match(/mahjar-verify=ev_/);
    const [p] = await pendingEmail(email);
    expect(p!.consent).to.include({
      noticeVersion: '2026-07',
      locale: 'en',
      sourceSite: location.origin + location.pathname,
    });
    expect(p!.consent.noticeHash).to.equal(
      await sha256($(el, '.root') ? (await import('../translations/en.js')).memberSignup.notice : ''),
    );
    // "share with the ministry" names the chosen chapter's ministry (Organisation.ministries)
    expect(p!.consent.permissions).to.deep.equal({
      ministries: ['moph-lebanon'],
      listed: true,
      transferAbroad: false,
      newsletter: false,
    });
    expect(p!.visibility.city).to.equal('members');
    expect(p!.offers).to.deep.equal([
      { kind: 'mentoring', availability: 'Two evenings a month', priorityArea: 'health-workforce' },
    ]);
  });

  it('completes a signup in Arabic, right to left, and confirms the address from the mailed link', async function () {
    this.timeout(60_000);
    const email = unique('ar');
    const el = await mount({ locale: 'ar' });
    expect(getComputedStyle($(el, '.root')!).direction).to.equal('rtl');
    expect(heading(el)).to.equal('الخطوة 1 من 7: عنك');
    await fillAll(el, email, true, 'القلب');
    $(el, '[part="submit"]')!.click();
    await until(() => heading(el) === 'تحقّق من بريدك الإلكتروني', 20_000);
    await expect(el).to.be.accessible();
    const [p] = await pendingEmail(email);
    expect(p!.consent).to.include({ locale: 'ar' });
    expect(p!.consent.noticeHash).to.equal(
      await sha256((await import('../translations/ar/member-signup.js')).default.notice),
    );
    const link = new URL(/https?:\S+mahjar-verify=ev_\S+/.exec((await outbox(email)).items[0]!.text)![0]);
    // Open "the page of the link": the element finishes the verification and tidies the URL.
    const back = location.href;
    history.replaceState(null, '', `${location.pathname}${link.search}`);
    const verify = await mount({ locale: 'ar' });
    await until(() => heading(verify) && $(verify, '[role="status"]')?.textContent?.includes('تمّ تأكيد'), 10_000);
    expect(location.search).not.to.contain('mahjar-verify');
    await expect(verify).to.be.accessible();
    history.replaceState(null, '', back);
    expect(await pendingEmail(email)).to.have.length(0); // now pending review
  });

  it('previews exactly the public fields, with the directory’s own card', async function () {
    this.timeout(60_000);
    const el = await mount({ id: 'preview' });
    await fillAll(el, unique('preview'), false);
    $(el, '[part="back"]')!.click(); // back to the privacy step
    await until(() => heading(el).includes('Privacy'));
    const card = () => $(el, '[part="preview"] > ul.list[role="list"] > li.item[part="item"]')!;
    const show = async (field: string, level: string) => {
      type(el, `visibility.${field}`, level);
      await el.updateComplete;
    };
    const specialty = $(el, '[part="preview"] li.item > p.clamp')!.textContent!;
    expect(specialty).to.match(/cardi/i);
    // The defaults: city for members, specialties public.
    await show('city', 'members');
    await show('specialties', 'public');
    expect(card().textContent).to.contain(specialty).and.not.to.contain('Houston');
    expect(card().querySelector('p.muted.clamp > bdi')!.textContent).to.equal('United States');
    // The name is text here (there is no profile to open), isolated and laid out as in the directory.
    expect(
      card().querySelector('[role="heading"][aria-level="4"] > span.name[part="name"] > span.clamp > bdi')!.textContent,
    ).to.equal('Rania Haddad');
    expect(card().querySelector('[part="name"]')!.textContent).to.equal('Dr Rania Haddad (رانيا)');
    expect(card().querySelector('.tags')).to.equal(null); // offers are for members by default
    expect(card().textContent).not.to.contain('Arabic'); // so are languages
    await expect(el).to.be.accessible();
    // The other way round: the city and the offers public, the specialties and the Latin names not.
    await show('city', 'public');
    await show('specialties', 'members');
    await show('offers', 'public');
    await show('givenName', 'members');
    await show('familyName', 'members');
    expect(card().textContent).not.to.contain(specialty).and.not.to.contain('Rania');
    expect(card().querySelector('p.muted.clamp > bdi')!.textContent).to.equal('Houston, United States');
    expect(card().querySelector('[part="name"]')!.textContent!.trim()).to.equal('Dr رانيا');
    const tags = card().querySelector('ul.tags')!;
    expect(tags.getAttribute('aria-label')).to.equal('How you can help');
    expect([...tags.children].map((li) => li.textContent)).to.deep.equal(['Mentoring']);
    await expect(el).to.be.accessible();

    // The same rules as the directory's cards (one shared style sheet), next to a real directory.
    const dir = await fixture<HTMLElement>(html`<mahjar-specialist-directory api-base=${demo.url}
      publishable-key=${demo.publishableKey} locale="en"></mahjar-specialist-directory>`);
    await until(() => dir.shadowRoot!.querySelector('[part="item"] .tags'), 10_000);
    const listed = dir.shadowRoot!.querySelector<HTMLElement>('[part="item"]')!;
    const style = (e: Element, ...props: string[]) => {
      const cs = getComputedStyle(e);
      return props.map((p) => cs.getPropertyValue(p));
    };
    const box = ['border-top-width', 'border-radius', 'padding-inline-start', 'list-style-type'];
    expect(style(card(), ...box)).to.deep.equal(style(listed, ...box));
    const name = ['display', 'color', 'font-weight', 'text-decoration-line', 'font-size'];
    expect(style(card().querySelector('.name')!, ...name)).to.deep.equal(
      style(listed.querySelector('.name')!, ...name),
    );
    const h2 = ['font-size', 'margin-block-end', 'line-height'];
    expect(style(card().querySelector('.h')!, ...h2)).to.deep.equal(style(listed.querySelector('.h')!, ...h2));
    const tag = ['border-radius', 'font-size', 'padding-inline-start'];
    expect(style(tags.children[0]!, ...tag)).to.deep.equal(
      style(dir.shadowRoot!.querySelector('[part="item"] .tags > li')!, ...tag),
    );
    localStorage.removeItem('mahjar-signup::preview');
  });

  it('keeps the offers and privacy steps accessible in Arabic, the priority area included', async function () {
    this.timeout(60_000);
    const el = await mount({ locale: 'ar', id: 'offers-ar' });
    await fillAll(el, unique('offers-ar'), false, 'القلب');
    for (let i = 0; i < 3; i++) {
      $(el, '[part="back"]')!.click();
      await el.updateComplete;
    }
    await until(() => $(el, '[name="offers.mentoring.priorityArea"] option[value="health-workforce"]'));
    expect(heading(el)).to.equal('الخطوة 4 من 7: كيف يمكنك المساعدة');
    const area = $<HTMLSelectElement>(el, '[name="offers.mentoring.priorityArea"]')!;
    expect(area.selectedOptions[0]!.textContent).to.equal('القوى العاملة الصحية');
    expect(el.shadowRoot!.querySelector(`label[for="${area.id}"]`)!.textContent).to.contain(
      'المجال ذو الأولوية (الاستراتيجية الوطنية للصحة)',
    );
    expect(area.closest('[role="group"]')!.getAttribute('aria-label')).to.equal('الإرشاد');
    await expect(el).to.be.accessible();
    await next(el);
    await next(el);
    expect(heading(el)).to.equal('الخطوة 6 من 7: الخصوصية');
    expect($(el, '[part="preview"] [part="name"]')!.textContent).to.equal('د. رانيا (Rania Haddad)');
    await expect(el).to.be.accessible();
    localStorage.removeItem('mahjar-signup::offers-ar');
  });

  it('shows an invalid link as an error', async () => {
    const back = location.href;
    history.replaceState(null, '', `${location.pathname}?mahjar-verify=ev_notarealtoken1234567`);
    const el = await mount();
    await until(() => $(el, '[role="alert"]'));
    expect($(el, '[role="alert"]')!.textContent).to.contain('not valid');
    await expect(el).to.be.accessible();
    history.replaceState(null, '', back);
  });

  it('explains invalid answers at the fields and in a summary that takes the focus', async () => {
    const el = await mount();
    type(el, 'givenName', 'x'.repeat(5));
    type(el, 'email', 'not-an-address');
    await next(el);
    expect(heading(el)).to.equal('Step 1 of 7: About you');
    await until(() => el.shadowRoot!.activeElement?.classList.contains('sum'));
    const sum = $(el, '.sum')!.textContent!;
    expect(sum).to.contain('E-mail: Enter an e-mail address like name@example.org.');
    expect(sum).to.contain('Profession');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#email')!.getAttribute('aria-describedby')).to.contain('email-e');
    await expect(el).to.be.accessible();
    // A link in the summary moves to its field.
    $<HTMLAnchorElement>(el, '.sum a[href="#email"]')!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
  });

  it('restores the draft after a reload, and never sends it before the submit', async function () {
    this.timeout(30_000);
    const sent: string[] = [];
    const observer = new PerformanceObserver((l) => sent.push(...l.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource', buffered: false });
    const el = await mount({ id: 'draft-test' });
    type(el, 'profession', 'nurse');
    type(el, 'givenName', 'Maya');
    type(el, 'familyName', 'Khoury');
    type(el, 'email', unique('draft'));
    await next(el);
    type(el, 'city', 'Sydney');
    el.remove();
    const again = await mount({ id: 'draft-test' });
    expect(heading(again)).to.equal('Step 2 of 7: Practice');
    expect($<HTMLInputElement>(again, '[name="city"]')!.value).to.equal('Sydney');
    $(again, '[part="back"]')!.click();
    await again.updateComplete;
    expect($<HTMLInputElement>(again, '[name="givenName"]')!.value).to.equal('Maya');
    observer.disconnect();
    expect(sent.filter((u) => u.includes('/v1/signups'))).to.deep.equal([]);
    localStorage.removeItem('mahjar-signup::draft-test');
  });

  describe('when the draft cannot be trusted or kept', () => {
    // Also undone after a failing test, whose body may still be running when the next one starts.
    let restore: (() => void) | undefined;
    afterEach(() => {
      restore?.();
      restore = undefined;
    });

    /** Makes `localStorage` throw as Chromium does where storage is blocked (site data off, some sandboxed frames). */
    function blockStorage(): () => void {
      const own = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException(
            "Failed to read the 'localStorage' property from 'Window': Access is denied",
            'SecurityError',
          );
        },
      });
      return () => Object.defineProperty(window, 'localStorage', own);
    }

    /** Fills this origin's real `localStorage` up to its quota; returns what undoes it. */
    function fillStorage(): () => void {
      const keys: string[] = [];
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        const chunk = 'x'.repeat(size);
        for (;;) {
          const key = `mahjar-test-fill-${keys.length}`;
          try {
            localStorage.setItem(key, chunk);
            keys.push(key);
          } catch {
            break;
          }
        }
      }
      return () => {
        for (const key of keys) localStorage.removeItem(key);
      };
    }

    for (const [name, stored, givenName] of [
      ['cut short', '{"d":{"givenName":"Ma', ''],
      ['null', 'null', ''],
      ['an array', '[1,2]', ''],
      ['the wrong shape', '{"d":5,"step":"two","key":7,"sent":{}}', ''],
      ['holding a key the server would refuse', '{"d":{"givenName":"Maya"},"step":1,"key":"short"}', 'Maya'],
    ] as const) {
      it(`starts afresh from a draft that is ${name}, and saves a good one over it`, async () => {
        localStorage.setItem('mahjar-signup::corrupt', stored);
        const el = await mount({ id: 'corrupt' });
        if (heading(el).startsWith('Step 2')) {
          $(el, '[part="back"]')!.click();
          await el.updateComplete;
        }
        expect(heading(el)).to.equal('Step 1 of 7: About you');
        expect($<HTMLInputElement>(el, '[name="givenName"]')!.value).to.equal(givenName);
        await expect(el).to.be.accessible();
        type(el, 'familyName', 'Khoury');
        const saved = JSON.parse(localStorage.getItem('mahjar-signup::corrupt')!);
        expect(saved.d.familyName).to.equal('Khoury');
        expect(saved.key).to.match(/^[\x21-\x7E]{8,128}$/);
        localStorage.removeItem('mahjar-signup::corrupt');
      });
    }

    for (const [name, spoil] of [
      ['blocked', blockStorage],
      ['full', fillStorage],
    ] as const) {
      it(`signs up with storage ${name}: only the resume is lost`, async function () {
        this.timeout(60_000);
        const email = unique(`storage-${name}`);
        restore = spoil();
        try {
          const el = await mount({ id: `storage-${name}` });
          await fillAll(el, email, false);
          // The review step solves the proof of work first; the submit waits for it.
          await until(() => el.submission?.progress === 1, 20_000);
          $(el, '[part="submit"]')!.click();
          await until(() => heading(el) === 'Check your e-mail', 20_000).catch((e) => {
            throw new Error(`${e.message}; at "${heading(el)}": ${$(el, '.sum')?.textContent ?? 'no summary'}`);
          });
        } finally {
          restore();
          restore = undefined;
        }
        expect(localStorage.getItem(`mahjar-signup::storage-${name}`)).to.equal(null);
        expect(await pendingEmail(email)).to.have.length(1);
      });
    }
  });

  it('keeps every answer through an outage and creates exactly one profile when the server is back', async function () {
    this.timeout(60_000);
    const { url } = await executeServerCommand<{ url: string }, { up: boolean }>('mahjar-outage-proxy', { up: true });
    const email = unique('outage');
    const el = await mount({ base: url, id: 'outage' });
    await fillAll(el, email, false);
    // The review step solved the challenge while the server was up; now it is down.
    await until(() => el.submission?.progress === 1, 20_000);
    await executeServerCommand('mahjar-outage-proxy', { up: false });
    $(el, '[part="submit"]')!.click();
    await until(() => $(el, '.sum'), 10_000);
    expect($(el, '.sum')!.textContent).to.contain("couldn't reach the server");
    expect(heading(el)).to.equal('Step 7 of 7: Review');
    await expect(el).to.be.accessible();
    // A reload while it is down: everything is still there, with the same key and body.
    const saved = localStorage.getItem('mahjar-signup::outage');
    el.remove();
    const again = await mount({ base: url, id: 'outage' });
    expect(localStorage.getItem('mahjar-signup::outage')).to.equal(saved);
    await executeServerCommand('mahjar-outage-proxy', { up: true });
    $(again, '[part="submit"]')!.click();
    await until(() => heading(again) === 'Check your e-mail', 20_000);
    // A second click of a stale tab (same draft, same key) is answered from the server's record.
    localStorage.setItem('mahjar-signup::outage', saved!);
    const stale = await mount({ base: url, id: 'outage' });
    $(stale, '[part="submit"]')!.click();
    await until(() => heading(stale) === 'Check your e-mail', 20_000);
    expect(await pendingEmail(email)).to.have.length(1);
    expect((await outbox(email)).items).to.have.length(1);
  });

  it('can be completed with the keyboard alone', async function () {
    this.timeout(60_000);
    const email = unique('keys');
    const el = await mount({ attrs: '' });
    el.setAttribute('hide-steps', 'background,offers');
    await el.updateComplete;
    expect(heading(el)).to.equal('Step 1 of 5: About you');
    const id = (name: string) => (f: HTMLElement) => f.id === name;
    const submit = (f: HTMLElement) => f.getAttribute('part') === 'submit';

    // Bounded: past the last language checkbox (about 20 of them) at most.
    const tabTo = (what: string, match: (f: HTMLElement) => boolean) => tabToIn(el, what, match, 40);
    // From the top of the page: the first Tab stops are the form's.
    focusNothing();
    await tabTo('the profession', id('profession'));
    await sendKeys({ press: 'ArrowDown' }); // first profession
    await tabTo('the given name', id('givenName'));
    await sendKeys({ type: 'Karim' });
    await tabTo('the family name', id('familyName'));
    await sendKeys({ type: 'Saadeh' });
    await tabTo('the e-mail', id('email'));
    await sendKeys({ type: email });
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el).includes('Practice'));
    await tabTo('the specialties', id('specialties'));
    await sendKeys({ type: 'cardio' });
    await until(() => $(el, '[role="option"]'));
    await sendKeys({ press: 'Enter' });
    await tabTo('the country', id('country'));
    await sendKeys({ type: 'Lebanon' });
    await tabTo('the city', id('city'));
    await sendKeys({ type: 'Beirut' });
    await tabTo('the first language', (f) => f.getAttribute('name') === 'languages');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await tabTo('Next', submit);
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el).includes('Chapters')).catch((e) => {
      throw new Error(`${e.message}; ${heading(el)}; ${$(el, '.sum')?.textContent}`);
    });
    for (const step of ['Privacy', 'Review']) {
      await tabTo('Next', submit);
      await sendKeys({ press: 'Enter' });
      await until(() => heading(el).includes(step));
    }
    await tabTo('Submit', submit);
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el) === 'Check your e-mail', 20_000);
    expect(await pendingEmail(email)).to.have.length(1);
  });

  it('maps the server’s field errors back to the field', async function () {
    this.timeout(30_000);
    const el = await mount({ id: 'server-errors' });
    await fillAll(el, unique('bad'), false);
    // A chapter code the server does not know, as a stale draft could hold.
    el.draft.answers.chapters = ['no-such-chapter'];
    $(el, '[part="submit"]')!.click();
    await until(() => heading(el).includes('Chapters'), 20_000);
    await until(() => el.shadowRoot!.activeElement?.classList.contains('sum'));
    expect($(el, '.sum')!.textContent).to.contain('Some details need fixing.');
    expect($(el, '#chapters-e')).to.exist;
    await expect(el).to.be.accessible();
    localStorage.removeItem('mahjar-signup::server-errors');
  });
});

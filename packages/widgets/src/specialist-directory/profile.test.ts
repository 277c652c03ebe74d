// The profile dialog and the contact relay, against the real demo server; and hostile profile data,
// created through the real API (signup with the proof of work solved here, e-mail verification from
// the outbox, review with the umbrella's secret key through the `mahjar-admin-call` command; a ministry reads
// its members, it does not review them). A 5,000-character
// name cannot be stored (the contract stops names at 100 characters and the database has a CHECK), so
// that one is put into the real server's responses on their way to the element.
import { createMahjarClient, type MahjarClient, type SignupRequest } from '@mahjar/sdk';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from '../../test/demo.js';
import { solve } from './contact.js';
import { $, $$, type D, demo, mount, settled, setup, text, type } from './support.test.js';

before(async function () {
  this.timeout(120_000);
  await setup();
});

const admin = <T>(method: string, path: string, body?: unknown, key = 'sk_demo_moph-lebanon') =>
  executeServerCommand<{ status: number; body: T }, unknown>('mahjar-admin-call', {
    key,
    method,
    path,
    body,
  });

/** A verified professional made through the public API, as a stranger on the ministry's site could. */
async function createProfessional(fields: Partial<SignupRequest>): Promise<string> {
  const pk: MahjarClient = createMahjarClient({ baseUrl: demo.url, publishableKey: 'pk_demo_moph-lebanon' });
  const { data: ch } = await pk.GET('/v1/signups/challenge');
  const email = `hostile-${crypto.randomUUID()}@example.org`;
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('notice')))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const body: SignupRequest = {
    profession: 'physician',
    givenName: 'Test',
    familyName: 'Hostile',
    email,
    specialties: ['cardiology'],
    country: 'LB',
    city: 'Beirut',
    languages: ['ar', 'en'],
    offers: [{ kind: 'telehealth', availability: 'Evenings' }],
    visibility: { city: 'public', affiliations: 'public' },
    consent: {
      noticeVersion: '2026-07',
      noticeHash: hash,
      locale: 'en',
      sourceSite: `${location.origin}/join`,
      permissions: { ministries: ['moph-lebanon'], transferAbroad: true, newsletter: false },
    },
    website: '',
    challenge: { token: ch!.token, nonce: await solve(ch!.token, ch!.difficulty) },
    ...fields,
  };
  const signup = await pk.POST('/v1/signups', { body });
  expect(signup.response.status, JSON.stringify(signup.error)).to.equal(202);
  const mail = await admin<{ items: { text: string }[] }>(
    'GET',
    `/v1/admin/outbox?to=${encodeURIComponent(body.email)}`,
  );
  const token = /ev_[A-Za-z0-9_-]+/.exec(mail.body.items[0]!.text)![0];
  await pk.POST('/v1/signups/verify', { body: { token } });
  const id = signup.data!.professionalId;
  const review = await admin<{ status: string }>(
    'POST',
    `/v1/admin/professionals/${id}/review`,
    { decision: 'verify' },
    'sk_demo_ilma',
  );
  expect(review.body.status).to.equal('verified');
  return id;
}

async function openFirst(el: D): Promise<HTMLDialogElement> {
  $(el, '[part="name"]')!.click();
  await until(() => el.profile.value);
  await el.updateComplete;
  return $<HTMLDialogElement>(el, 'dialog')!;
}

const fill = (el: D, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) {
    const f = $<HTMLInputElement | HTMLTextAreaElement>(el, `form [name="${name}"]`)!;
    f.value = value;
  }
};
const good = {
  message: 'Would you give a one-hour CME session on heart failure to our residents?',
  name: 'Dr Lina Saad',
  email: 'lina.saad@example.edu.lb',
};

describe('mahjar-specialist-directory: profile', () => {
  it('shows only the public fields, and never an e-mail address', async function () {
    this.timeout(30_000);
    // Two profiles made for this test, so every check below has something to check on any seed.
    const marker = `Vis${Date.now().toString(36)}`;
    const people = {
      open: { familyName: `${marker}Open`, city: 'Byblos', email: `open-${crypto.randomUUID()}@example.org` },
      closed: { familyName: `${marker}Closed`, city: 'Zahle', email: `closed-${crypto.randomUUID()}@example.org` },
    };
    await createProfessional({ ...people.open, visibility: { city: 'public' } });
    await createProfessional({ ...people.closed, visibility: { city: 'private' } });
    const el = await mount();
    const opened: string[] = [];
    el.addEventListener('mahjar-profile-open', (e) => opened.push(e.detail.id));
    await type(el, marker);
    /** Opens the profile of `familyName` from the results, as a visitor clicks it. */
    const open = async (familyName: string) => {
      const index = $$(el, '[part="name"]').findIndex((n) => text(n).includes(familyName));
      expect(index, `${familyName} among the results`).to.be.at.least(0);
      $$(el, '[part="name"]')[index]!.click();
      await until(() => el.profile.value && text($(el, 'dialog')).includes(familyName));
      await el.updateComplete;
      return { dialog: $<HTMLDialogElement>(el, 'dialog')!, id: el.search.items[index]!.id };
    };

    const shown = await open(people.open.familyName);
    expect(opened).to.deep.equal([shown.id]);
    expect(shown.dialog.matches(':modal')).to.be.true;
    expect(text(shown.dialog)).to.contain('Byblos');
    await expect(el).to.be.accessible();
    $(el, 'dialog .x')!.click(); // the close button
    await until(() => !el.profile.id);

    const hidden = await open(people.closed.familyName);
    expect(text(hidden.dialog)).to.contain('Lebanon'); // the country is always public
    expect(text(hidden.dialog)).not.to.contain('Zahle');
    for (const { email } of Object.values(people)) expect(el.shadowRoot!.innerHTML).not.to.contain(email);
    await expect(el).to.be.accessible();
  });

  it('says so when a linked profile does not exist', async () => {
    const el = await mount();
    await el.profile.open('00000000-0000-4000-8000-000000000000');
    await el.updateComplete;
    expect(text($(el, 'dialog [part="error"]'))).to.equal("We couldn't find this.");
    await expect(el).to.be.accessible();
  });
});

describe('mahjar-specialist-directory: contact', function () {
  // Each test solves a proof of work and relays through the real server, waiting up to 15 s for it:
  // the default 10 s cut that short on a busy CI machine.
  this.timeout(30_000);

  it('checks the form, then relays a request through the API (proof of work, empty honeypot)', async () => {
    const bodies: Record<string, unknown>[] = [];
    const el = await mount({}, async (input, init) => {
      const r = new Request(input, init);
      if (r.method === 'POST') bodies.push(await r.clone().json());
      return fetch(r);
    });
    const sent: unknown[] = [];
    el.addEventListener('mahjar-contact-sent', (e) => sent.push(e.detail));
    await openFirst(el);
    $(el, '[part="contact"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'select[name="purpose"]'));
    fill(el, { message: 'too short' });
    $(el, 'form [part="submit"]')!.click();
    await until(() => $(el, '#message-err'));
    expect(text($(el, '#message-err'))).to.equal('Write at least 20 characters.');
    expect(text($(el, '#email-err'))).to.contain('Enter an e-mail address');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
    await expect(el).to.be.accessible();
    fill(el, good);
    $(el, 'form [part="submit"]')!.click();
    await until(() => $(el, '[part="contact-sent"]'), 15_000);
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.include({ purpose: 'mentoring', website: '', requesterName: 'Dr Lina Saad' });
    expect(sent).to.have.length(1);
    expect(sent[0]).to.include({ professionalId: el.profile.id, purpose: 'mentoring' });
    await expect(el).to.be.accessible();
  });

  it('keeps what was typed when sending fails, and resends the same request with the same key', async () => {
    let fail = true;
    const keys: string[] = [];
    const el = await mount({}, async (input, init) => {
      const r = new Request(input, init);
      if (r.method === 'POST') {
        keys.push(r.headers.get('Idempotency-Key')!);
        if (fail) throw new TypeError('Failed to fetch');
      }
      return fetch(r);
    });
    await openFirst(el);
    $(el, '[part="contact"]')!.click();
    await el.updateComplete;
    fill(el, good);
    $(el, 'form [part="submit"]')!.click();
    await until(() => $(el, 'form [part="error"]'), 15_000);
    expect(text($(el, 'form [part="error"]'))).to.contain("couldn't reach the server");
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal(good.message);
    expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal(good.email);
    await expect(el).to.be.accessible();
    fail = false;
    $(el, 'form [part="submit"]')!.click();
    await until(() => $(el, '[part="contact-sent"]'), 15_000);
    expect(new Set(keys).size).to.equal(1);
  });
});

describe('mahjar-specialist-directory: hostile profile data', () => {
  let id: string;
  const marker = `Zq${Math.random().toString(36).slice(2, 8).replace(/\d/g, 'x')}`;
  before(async function () {
    this.timeout(60_000);
    id = await createProfessional({
      givenName: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">',
      familyName: `${marker}\u202Eevil\u202C`,
      givenNameAr: '\u202Eرانيا',
      familyNameAr: 'طرابلسيون',
      city: '<b>Beirut</b>',
      affiliations: [{ institution: 'javascript:alert(1)', role: '<a href="javascript:alert(1)">x</a>' }],
      bio: `Links: javascript:window.__pwned=1 and https://example.org/ok and <a href="javascript:alert(1)">click</a>. ${'x'.repeat(1500)}`,
    });
  });

  /** The real server's answers, with the hostile profile's given name stretched to 5,000 characters. */
  const stretched: typeof fetch = async (input, init) => {
    const r = await fetch(input, init);
    if (!r.ok || !r.url.includes('/v1/professionals')) return r;
    const body = JSON.stringify(await r.json(), (k, v) =>
      k === 'givenName' && /<script>/.test(v) ? `${v}${'W'.repeat(5000)}` : v,
    );
    return new Response(body, { status: r.status, headers: r.headers });
  };

  it('renders every field as inert text and keeps the layout', async () => {
    const el = await mount({}, stretched);
    await type(el, marker);
    expect(el.search.items.map((p) => p.id)).to.deep.equal([id]);
    const item = $(el, '[part="item"]')!;
    expect(item.getBoundingClientRect().height).to.be.lessThan(400);
    expect(item.getBoundingClientRect().width).to.be.at.most($(el, '.main')!.getBoundingClientRect().width + 1);
    expect(text(item)).to.contain('<b>Beirut</b>');
    // Each name sits in its own bidi isolate, so the override cannot reorder what follows.
    expect($$(el, '[part="name"] bdi').length).to.be.greaterThan(0);
    const dialog = await openFirst(el);
    expect(text(dialog)).to.contain('<script>');
    expect(el.profile.value && 'givenName' in el.profile.value && el.profile.value.givenName!.length).to.be.greaterThan(
      5000,
    );
    expect(dialog.querySelector('h2')!.getBoundingClientRect().height).to.be.lessThan(100);
    expect(dialog.getBoundingClientRect().width).to.be.at.most(innerWidth);
    expect(el.shadowRoot!.querySelectorAll('script, img, b')).to.have.length(0);
    const links = $$<HTMLAnchorElement>(el, 'a');
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.org/ok']);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('finds the profile by its Arabic name and keeps Arabic layout intact', async () => {
    const el = await mount({ locale: 'ar' }, stretched);
    await type(el, `طرابلسيون ${marker}`);
    expect(el.search.items.map((p) => p.id)).to.deep.equal([id]);
    expect($(el, '[part="item"]')!.getBoundingClientRect().height).to.be.lessThan(400);
    await expect(el).to.be.accessible();
  });
});

void settled;

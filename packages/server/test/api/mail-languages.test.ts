// Every e-mail in its reader's language, with a plain-text and an HTML part (issue 15, item 5).
import { createHash, randomUUID } from 'node:crypto';
import type { components, MailLocale } from '@mahjar/sdk';
import { type Selectable, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OutboxTable } from '../../src/db/schema.js';
import {
  ALLOWED_ORIGIN,
  forEachApiEngine,
  memberSessionTokens,
  SIGN_IN_VERIFIER,
  SIGN_IN_VERIFIER_HASH,
} from './harness.js';

type SignupRequest = components['schemas']['SignupRequest'];
type Outbox = Selectable<OutboxTable>;

const LOCALES = ['en', 'ar', 'fr'] as const satisfies readonly MailLocale[];
/** What a widget of that language would send: a regional tag, normalised to its language. */
const REGIONAL: Record<MailLocale, string> = { en: 'en-US', ar: 'ar-LB', fr: 'fr-CA' };
/** ILMA-USA's name in each language (the seed's; French falls back to English). */
const SIGNED: Record<MailLocale, string> = {
  en: '— ILMA-USA',
  ar: '— الجمعية الطبية اللبنانية - الولايات المتحدة',
  fr: '— ILMA-USA',
};
const INJECTED = '<script>alert("x")</script>';

/** A word of our own text, per kind and language: the mail is written in that language. */
const WORD: Record<string, Record<MailLocale, string>> = {
  signup_verification: { en: 'Thank you for joining', ar: 'شكراً لانضمامك', fr: 'Merci de rejoindre' },
  signup_duplicate: { en: 'already has a profile', ar: 'مرتبط بملف شخصي موجود', fr: 'qui a déjà un profil' },
  signup_reviewed: { en: 'Note from the reviewer', ar: 'ملاحظة من المراجِع', fr: 'Remarque de la personne' },
  contact_request: { en: 'To answer, write to', ar: 'للرد، راسل', fr: 'Pour répondre, écrivez à' },
  member_sign_in: { en: 'Use this link to sign in', ar: 'استخدم هذا الرابط', fr: 'Utilisez ce lien' },
  member_account_deleted: { en: 'have been deleted', ar: 'حُذف حسابك', fr: 'ont été supprimés' },
  donation_receipt: { en: 'Receipt number', ar: 'رقم الإيصال', fr: 'Numéro de reçu' },
  registration_confirmed: { en: 'Add to your calendar', ar: 'أضف إلى تقويمك', fr: 'Ajouter à votre agenda' },
  registration_waitlisted: {
    en: 'on the waitlist at position',
    ar: 'قائمة الانتظار في المرتبة',
    fr: 'liste d’attente en position',
  },
  registration_promoted: { en: 'A seat freed up', ar: 'تحرر مقعد', fr: 'Une place s’est libérée' },
  registration_cancelled: {
    en: 'Your registration is cancelled',
    ar: 'تم إلغاء تسجيلك',
    fr: 'Votre inscription est annulée',
  },
  event_updated: { en: 'The organiser changed this event', ar: 'عدّل المنظم', fr: 'L’organisateur a modifié' },
  event_cancelled: { en: 'The organiser cancelled this event', ar: 'ألغى المنظم', fr: 'L’organisateur a annulé' },
};

/** The client's side of the proof of work (as the signup widget solves it). */
function solve(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const d = createHash('sha256').update(`${token}:${n}`).digest();
    let bits = 0;
    for (const byte of d) {
      if (byte === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= difficulty) return String(n);
  }
}

/** The same checks for every mail: language, both parts, direction, links, and no markup from anyone's input. */
function expectWrittenIn(mail: Outbox | undefined, kind: string, locale: MailLocale): void {
  expect(mail, `a ${kind} mail`).toBeDefined();
  const { text, html } = mail as Outbox & { html: string };
  expect(mail!.kind).toBe(kind);
  expect(mail!.locale).toBe(locale);
  expect(text).toContain(WORD[kind]![locale]);
  expect(text).toContain(SIGNED[locale]);
  // Nothing of the other languages' own words.
  for (const other of LOCALES.filter((l) => l !== locale)) {
    if (WORD[kind]![other] !== WORD[kind]![locale]) expect(text).not.toContain(WORD[kind]![other]);
  }
  expect(html).toMatch(/^<!doctype html>\n<html lang="(en|ar|fr)" dir="(ltr|rtl)">/);
  expect(html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
  expect(html).toContain(`<title>${asHtml(mail!.subject)}</title>`);
  expect(html).toContain(asHtml(WORD[kind]![locale]));
  // Every web link of the text is a real link in the HTML.
  for (const url of text.match(/https?:\/\/[^\s]+/g) ?? []) expect(html).toContain(`<a href="${asHtml(url)}">`);
  // The only elements are ours: no <script>, whatever anyone typed.
  expect(html).not.toMatch(/<script/i);
  expect(text.trim().length).toBeGreaterThan(0);
}

const asHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

forEachApiEngine("mail in its reader's language", (env) => {
  const pub = (org = 'ilma-usa') => env().client({ org });
  const admin = (org = 'ilma-usa') => env().client({ key: 'secret', org });

  const mailTo = (email: string, kind: string) =>
    env()
      .db.selectFrom('outbox')
      .selectAll()
      .where(sql<string>`lower(to_address)`, '=', email.toLowerCase())
      .where('kind', '=', kind)
      .orderBy('created_at')
      .execute();
  const lastMail = async (email: string, kind: string) => (await mailTo(email, kind)).at(-1);

  async function challenge() {
    const { data } = await pub().GET('/v1/signups/challenge');
    return { token: data!.token, nonce: solve(data!.token, data!.difficulty) };
  }

  async function signupBody(consentLocale: string, email: string): Promise<SignupRequest> {
    return {
      title: 'dr',
      profession: 'physician',
      givenName: 'Rania',
      familyName: 'Haddad',
      givenNameAr: 'رانيا',
      familyNameAr: 'حداد',
      email,
      specialties: ['cardiology'],
      country: 'US',
      city: 'Houston',
      languages: ['ar', 'en'],
      visibility: {},
      consent: {
        noticeVersion: '2026-07',
        noticeHash: createHash('sha256').update('notice').digest('hex'),
        locale: consentLocale,
        sourceSite: `${ALLOWED_ORIGIN}/join`,
        permissions: { ministries: [], transferAbroad: false, newsletter: false },
      },
      challenge: await challenge(),
    };
  }

  /** A raw request with no Accept-Language, unless one is given (the SDK would add its own). */
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const answer = await env().fetch(path, {
      method: 'POST',
      headers: {
        'Mahjar-Publishable-Key': env().server.demoKeys['ilma-usa']!.publishable,
        Origin: ALLOWED_ORIGIN,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
        ...extra,
      },
      body: JSON.stringify(body),
    });
    if (answer.status >= 400) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
    return answer;
  };

  describe.each(LOCALES)('a member who signed up in %s', (locale) => {
    const email = `mail-${locale}-${randomUUID().slice(0, 8)}@example.org`;
    let professionalId = '';

    it('is asked to confirm the address in that language (the consent’s regional tag, no Accept-Language)', async () => {
      const answer = await post('/v1/signups', await signupBody(REGIONAL[locale], email));
      expect(answer.status).toBe(202);
      professionalId = ((await answer.json()) as { professionalId: string }).professionalId;
      const stored = await env()
        .db.selectFrom('professionals')
        .select('locale')
        .where('id', '=', professionalId)
        .executeTakeFirstOrThrow();
      expect(stored.locale).toBe(locale);
      const mail = await lastMail(email, 'signup_verification');
      expectWrittenIn(mail, 'signup_verification', locale);
      expect(mail!.html).toMatch(/<a href="http:\/\/127\.0\.0\.1:5173\/join\?mahjar-verify=ev_[\w-]+">/);
    });

    it('hears of a second signup with the address in their own language, not the one who typed it', async () => {
      const other = LOCALES.find((l) => l !== locale)!;
      const answer = await post('/v1/signups', await signupBody(other, email), { 'Accept-Language': other });
      expect(answer.status).toBe(202);
      expectWrittenIn(await lastMail(email, 'signup_duplicate'), 'signup_duplicate', locale);
    });

    it('learns the review’s outcome, with the reviewer’s note escaped', async () => {
      const [mail] = await mailTo(email, 'signup_verification');
      const token = /ev_[A-Za-z0-9_-]+/.exec(mail!.text)![0];
      expect((await pub().POST('/v1/signups/verify', { body: { token } })).data?.status).toBe('pending_review');
      const note = `Licence checked ${INJECTED} & "done"`;
      const reviewed = await admin().POST('/v1/admin/professionals/{id}/review', {
        params: { path: { id: professionalId } },
        body: { decision: 'verify', note },
      });
      expect(reviewed.data?.status).toBe('verified');
      const outcome = await lastMail(email, 'signup_reviewed');
      expectWrittenIn(outcome, 'signup_reviewed', locale);
      expect(outcome!.text).toContain(note);
      expect(outcome!.html).toContain(asHtml(note));
      // Greeted by the name in the script of the mail.
      expect(outcome!.text).toContain(locale === 'ar' ? 'رانيا حداد' : 'Rania Haddad');
    });

    it('gets a contact request in their language, the sender’s words quoted as written and escaped', async () => {
      const requesterName = `Karim ${INJECTED}`;
      const message = `Could we talk about a fellowship?\n${INJECTED} <img src=x onerror=alert(1)>`;
      const requesterEmail = `karim-${randomUUID().slice(0, 8)}@example.net`;
      const { response, error } = await pub().POST('/v1/professionals/{id}/contact-requests', {
        params: { path: { id: professionalId } },
        body: {
          purpose: 'mentoring',
          message,
          requesterName,
          requesterEmail,
          requesterInstitution: 'AUBMC',
          challenge: await challenge(),
        },
      });
      expect(response.status, JSON.stringify(error)).toBe(202);
      const mail = await lastMail(email, 'contact_request');
      expectWrittenIn(mail, 'contact_request', locale);
      expect(mail!.text).toContain(message);
      expect(mail!.text).toContain(requesterEmail);
      expect(mail!.html).toContain(asHtml(message));
      expect(mail!.html).toContain(asHtml(requesterName));
      expect(mail!.html).not.toContain('<img');
      expect(mail!.html).toContain(`<a href="mailto:${asHtml(encodeURIComponent(requesterEmail))}">`);
      expect(mail!.subject).toContain(requesterName);
    });

    it('signs in and deletes the account with mail in their language when the request names none', async () => {
      const asked = await post('/v1/members/sign-in', {
        email,
        returnUrl: `${ALLOWED_ORIGIN}/members/`,
        verifierHash: SIGN_IN_VERIFIER_HASH,
      });
      expect(asked.status).toBe(202);
      const signIn = await lastMail(email, 'member_sign_in');
      expectWrittenIn(signIn, 'member_sign_in', locale);
      const code = /#mahjar-sign-in=(ml_[A-Za-z0-9_-]+)/.exec(signIn!.text)![1]!;
      expect(signIn!.html).toContain(`#mahjar-sign-in=${code}">`);
      const session = await post('/v1/members/sessions', { code, verifier: SIGN_IN_VERIFIER });
      expect(session.status).toBe(201);
      const { token } = (await session.json()) as { token: string };
      memberSessionTokens.add(token);
      const deleted = await env().fetch('/v1/members/me', {
        method: 'DELETE',
        headers: {
          'Mahjar-Publishable-Key': env().server.demoKeys['ilma-usa']!.publishable,
          'Mahjar-Member-Session': token,
          Origin: ALLOWED_ORIGIN,
        },
      });
      expect(deleted.status).toBe(204);
      expectWrittenIn(await lastMail(email, 'member_account_deleted'), 'member_account_deleted', locale);
    });
  });

  it('writes a sign-in link in the language the page asks for, over the member’s own', async () => {
    const email = `mail-asked-${randomUUID().slice(0, 8)}@example.org`;
    expect((await post('/v1/signups', await signupBody('en', email))).status).toBe(202);
    const [mail] = await mailTo(email, 'signup_verification');
    const token = /ev_[A-Za-z0-9_-]+/.exec(mail!.text)![0];
    await pub().POST('/v1/signups/verify', { body: { token } });
    const asked = await post(
      '/v1/members/sign-in',
      { email, returnUrl: `${ALLOWED_ORIGIN}/members/`, verifierHash: SIGN_IN_VERIFIER_HASH },
      { 'Accept-Language': 'fr-CA, en;q=0.5' },
    );
    expect(asked.status).toBe(202);
    expectWrittenIn(await lastMail(email, 'member_sign_in'), 'member_sign_in', 'fr');
  });

  it('follows the language of the member’s latest consent', async () => {
    const email = `mail-moved-${randomUUID().slice(0, 8)}@example.org`;
    expect((await post('/v1/signups', await signupBody('en', email))).status).toBe(202);
    const [mail] = await mailTo(email, 'signup_verification');
    const token = /ev_[A-Za-z0-9_-]+/.exec(mail!.text)![0];
    await pub().POST('/v1/signups/verify', { body: { token } });
    await post('/v1/members/sign-in', {
      email,
      returnUrl: `${ALLOWED_ORIGIN}/members/`,
      verifierHash: SIGN_IN_VERIFIER_HASH,
    });
    const first = await lastMail(email, 'member_sign_in');
    expectWrittenIn(first, 'member_sign_in', 'en');
    const code = /#mahjar-sign-in=(ml_[A-Za-z0-9_-]+)/.exec(first!.text)![1]!;
    const { token: session } = (await (
      await post('/v1/members/sessions', { code, verifier: SIGN_IN_VERIFIER })
    ).json()) as { token: string };
    memberSessionTokens.add(session);
    const moved = await env().fetch('/v1/members/me/chapters', {
      method: 'PUT',
      headers: {
        'Mahjar-Publishable-Key': env().server.demoKeys['ilma-usa']!.publishable,
        'Mahjar-Member-Session': session,
        Origin: ALLOWED_ORIGIN,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify({
        chapters: ['ilma-usa'],
        consent: {
          noticeVersion: '2026-07',
          noticeHash: 'a'.repeat(64),
          locale: 'ar-IQ',
          sourceSite: `${ALLOWED_ORIGIN}/members/`,
          permissions: { ministries: [], transferAbroad: false, newsletter: false },
        },
      }),
    });
    expect(moved.status).toBe(200);
    await post('/v1/members/sign-in', {
      email,
      returnUrl: `${ALLOWED_ORIGIN}/members/`,
      verifierHash: SIGN_IN_VERIFIER_HASH,
    });
    expectWrittenIn(await lastMail(email, 'member_sign_in'), 'member_sign_in', 'ar');
  });

  describe.each(LOCALES)('a donor giving in %s', (locale) => {
    it('gets the receipt in that language, the amount and date in its own format, the name escaped', async () => {
      const donorEmail = `donor-${locale}-${randomUUID().slice(0, 8)}@example.net`;
      const donorName = `Nour ${INJECTED}`;
      const created = await env()
        .client({ locale: REGIONAL[locale] })
        .POST('/v1/campaigns/{slug}/donations', {
          params: { path: { slug: 'mental-health-lines' } },
          body: {
            amount: 4250,
            currency: 'USD',
            frequency: 'monthly',
            donorName,
            donorEmail,
            returnUrl: `${ALLOWED_ORIGIN}/thanks`,
          },
        });
      expect(created.response.status).toBe(201);
      const session = new URL(created.data!.checkoutUrl!).pathname.split('/').at(-1)!;
      const done = await env().fetch(`/v1/payments/sandbox/checkout/${session}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome: 'succeeded' }).toString(),
        redirect: 'manual',
      });
      expect(done.status).toBe(303);
      const receipt = await lastMail(donorEmail, 'donation_receipt');
      expectWrittenIn(receipt, 'donation_receipt', locale);
      const amount = { en: '$42.50', fr: '42,50 $US', ar: '42.50 دولار أمريكي' }[locale];
      expect(receipt!.text.replace(/\s/g, ' ')).toContain(amount);
      const year = String(new Date().getUTCFullYear());
      expect(receipt!.text).toContain(year); // Latin digits in Arabic too (ar-u-nu-latn)
      expect(receipt!.text).toMatch(/ILMA-USA-\d{4}-\d{6}/);
      expect(receipt!.text).toContain(donorName);
      expect(receipt!.html).toContain(asHtml(donorName));
      expect(receipt!.text).toContain({ en: 'monthly donation', fr: 'don mensuel', ar: 'تبرعك الشهري' }[locale]);
    });
  });

  describe.each(LOCALES)('a registrant in %s', (locale) => {
    it('gets every event mail in that language: confirmed, waitlisted, promoted, cancelled, changed, event cancelled', async () => {
      const start = new Date(Date.now() + 10 * 86_400_000);
      start.setUTCMinutes(0, 0, 0);
      const title = {
        en: `Bronchiolitis ${INJECTED}`,
        ar: `التهاب القصيبات ${INJECTED}`,
        fr: `Bronchiolite ${INJECTED}`,
      };
      const event = await admin().POST('/v1/admin/events', {
        body: {
          kind: 'webinar',
          title,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
          timeZone: 'Asia/Beirut',
          mode: 'online',
          joinUrl: `https://meet.example.org/j/${randomUUID()}`,
          language: 'en',
          capacity: 1,
          waitlistEnabled: true,
        },
      });
      expect(event.response.status).toBe(201);
      const id = event.data!.id;
      const [first, second] = ['a', 'b'].map((tag) => `reg-${tag}-${locale}-${randomUUID().slice(0, 8)}@example.net`);
      const register = (email: string) =>
        pub().POST('/v1/events/{id}/registrations', {
          params: { path: { id } },
          body: { name: `Test ${INJECTED}`, email, locale: REGIONAL[locale] },
        });
      const a = await register(first!);
      expect(a.data?.status).toBe('confirmed');
      const b = await register(second!);
      expect(b.data?.status).toBe('waitlisted');

      const confirmed = await lastMail(first!, 'registration_confirmed');
      expectWrittenIn(confirmed, 'registration_confirmed', locale);
      expect(confirmed!.subject).toContain(title[locale]);
      expect(confirmed!.html).toContain(asHtml(title[locale]));
      // The date in the reader's language (Latin digits in Arabic), in the event's zone.
      const day = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
        dateStyle: 'full',
        timeZone: 'Asia/Beirut',
      }).format(start);
      expect(confirmed!.text).toContain(day);
      expect(confirmed!.text).not.toContain('Test <script>'); // the typed name is in no mail
      expectWrittenIn(await lastMail(second!, 'registration_waitlisted'), 'registration_waitlisted', locale);

      const cancelled = await pub().POST('/v1/registrations/{id}/cancel', {
        params: { path: { id: a.data!.id } },
        body: { cancelToken: a.data!.cancelToken },
      });
      expect(cancelled.data?.status).toBe('cancelled');
      expectWrittenIn(await lastMail(first!, 'registration_cancelled'), 'registration_cancelled', locale);
      expectWrittenIn(await lastMail(second!, 'registration_promoted'), 'registration_promoted', locale);

      const moved = await admin().PATCH('/v1/admin/events/{id}', {
        params: { path: { id } },
        body: { status: 'postponed' },
      });
      expect(moved.response.status).toBe(200);
      expectWrittenIn(await lastMail(second!, 'event_updated'), 'event_updated', locale);

      const reason = { en: 'The speaker is ill.', ar: 'المحاضر مريض.', fr: 'L’intervenant est malade.' };
      const called = await admin().POST('/v1/admin/events/{id}/cancel', {
        params: { path: { id } },
        body: { reason, notifyRegistrants: true },
      });
      expect(called.response.status).toBe(200);
      const off = await lastMail(second!, 'event_cancelled');
      expectWrittenIn(off, 'event_cancelled', locale);
      expect(off!.text).toContain(reason[locale]);
    });
  });

  it('lists each message’s language and HTML part in the outbox', async () => {
    const email = `mail-listed-${randomUUID().slice(0, 8)}@example.org`;
    expect((await post('/v1/signups', await signupBody('ar', email))).status).toBe(202);
    const { data, response } = await admin().GET('/v1/admin/outbox', { params: { query: { to: email } } });
    expect(response.status).toBe(200);
    expect(data!.items).toHaveLength(1);
    const [item] = data!.items;
    expect(item).toMatchObject({ kind: 'signup_verification', locale: 'ar' });
    expect(item!.html).toContain('<html lang="ar" dir="rtl">');
    expect(item!.text).toContain('شكراً لانضمامك');
  });
});

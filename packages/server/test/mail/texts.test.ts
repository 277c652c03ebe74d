// The mail texts: every kind of the contract's OutboxKind, in every language of MailLocale.
import { type MailLocale, mailLocaleValues, type OutboxKind, outboxKindValues } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import {
  chooseMailLocale,
  compose,
  escapeHtml,
  mailLanguageOf,
  renderHtml,
  renderText,
} from '../../src/mail/document.js';
import { qrPicture } from '../../src/mail/qr.js';
import { type MailData, mailTexts } from '../../src/mail/texts.js';

const INJECTED = '<script>alert("x")</script>';

const event = (over: Partial<MailData['event_updated']> = {}): MailData['event_updated'] => ({
  title: { en: `Bronchiolitis ${INJECTED}`, ar: `التهاب القصيبات ${INJECTED}`, fr: `Bronchiolite ${INJECTED}` },
  startsAt: new Date('2026-10-03T15:00:00Z'),
  endsAt: new Date('2026-10-03T16:30:00Z'),
  timeZone: 'Asia/Beirut',
  location: { venue: `Hôtel-Dieu ${INJECTED}`, city: 'Beirut', country: 'LB' },
  joinUrl: 'https://meet.example.org/j/1?a=1&b=2',
  calendarUrl: 'https://api.example.org/v1/registrations/1/ics?token=t',
  cancelUrl: 'https://api.example.org/v1/registrations/1/cancel?token=t',
  waitlistPosition: 3,
  reason: { en: `Speaker ill ${INJECTED}` },
  checkIn: { code: 'K7QF-2M9X-PA3T', picture: qrPicture('K7QF-2M9X-PA3T', 'K7QF-2M9X-PA3T') },
  ...over,
});

/** One example of what each kind needs: a kind added to the contract fails to compile here until it has one. */
const SAMPLES: { [K in OutboxKind]: MailData[K] } = {
  signup_verification: { link: 'https://ilma-usa.example.org/join?mahjar-verify=ev_abc', token: 'ev_abc' },
  signup_duplicate: { pending: { link: 'https://ilma-usa.example.org/join?mahjar-verify=ev_def', token: 'ev_def' } },
  signup_reviewed: { name: `Rania ${INJECTED}`, nameAr: `رانيا ${INJECTED}`, outcome: 'verified', note: INJECTED },
  contact_request: {
    name: 'Rania Haddad',
    nameAr: null,
    purpose: 'mentoring',
    requesterName: `Karim ${INJECTED}`,
    requesterEmail: 'karim?cc=x@example.net',
    requesterInstitution: INJECTED,
    message: `Line one\n${INJECTED}`,
  },
  registration_confirmed: event(),
  registration_waitlisted: event(),
  registration_promoted: event(),
  registration_cancelled: event({ calendarUrl: null, cancelUrl: null, joinUrl: null, checkIn: null }),
  event_updated: event(),
  event_cancelled: event({ calendarUrl: null, cancelUrl: null, joinUrl: null, checkIn: null }),
  donation_receipt: {
    donorName: `Nour ${INJECTED}`,
    amount: 123456,
    currency: 'USD',
    campaign: { en: `Lines ${INJECTED}`, ar: `خطوط ${INJECTED}` },
    receiptNumber: 'ILMA-USA-2026-000413',
    monthly: true,
    paidAt: new Date('2026-10-03T15:00:00Z'),
  },
  member_sign_in: { link: 'https://ilma-usa.example.org/members/#mahjar-sign-in=ml_abc', site: 'ilma-usa.example.org' },
  member_account_deleted: {},
  need_invitation: {
    name: `Rania ${INJECTED}`,
    nameAr: null,
    title: `Cardiology in Akkar ${INJECTED}`,
    place: `Halba, LB ${INJECTED}`,
    link: 'https://moph.example.gov.lb/needs/answer#mahjar-need=5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e&mahjar-need-answer=ni_abc',
    expiresAt: new Date('2026-11-01T00:00:00Z'),
  },
  need_assignment: { name: 'Rania', nameAr: `رانيا ${INJECTED}`, title: `Cardiology ${INJECTED}`, place: 'LB' },
  credential_expiring: {
    name: `Rania ${INJECTED}`,
    nameAr: null,
    credential: `Cardiovascular Disease ${INJECTED}`,
    issuer: 'American Board of Internal Medicine',
    expiresOn: '2027-01-15',
  },
  admin_invitation: {
    role: 'reviewer',
    organisationSlug: 'ilma-usa',
    email: `nadia${INJECTED}@example.org`,
    consoleUrl: 'https://console.example.org/?a=1&b=2',
  },
  admin_sign_in: { link: 'https://console.example.org/#mahjar-sign-in=al_abc' },
};

const ORGANISATION = `ILMA <b>USA</b>`;

describe('mail texts', () => {
  it('has every kind of the contract in every language of the contract, and nothing else', () => {
    expect(Object.keys(mailTexts).sort()).toEqual([...outboxKindValues].sort());
    for (const kind of outboxKindValues)
      expect(Object.keys(mailTexts[kind]).sort()).toEqual([...mailLocaleValues].sort());
  });

  describe.each(outboxKindValues)('%s', (kind) => {
    const write = (locale: MailLocale) =>
      compose(
        (mailTexts[kind][locale] as (d: unknown, o: string) => Parameters<typeof compose>[0])(
          SAMPLES[kind],
          ORGANISATION,
        ),
        locale,
      );

    it.each(mailLocaleValues)('is written in %s, as plain text and as an escaped HTML document', (locale) => {
      const mail = write(locale);
      expect(mail.locale).toBe(locale);
      expect(mail.subject.trim()).not.toBe('');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text.trim()).not.toBe('');
      expect(mail.text).toContain(`— ${ORGANISATION}`);
      expect(mail.html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(mail.html).toContain('<meta charset="utf-8">');
      expect(mail.html).not.toMatch(/<script|<b>/);
      expect(mail.html).toContain(escapeHtml(`— ${ORGANISATION}`));
      for (const url of mail.text.match(/https?:\/\/\S+/g) ?? [])
        expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
    });

    it('says something different in each language', () => {
      const [en, ar, fr] = (['en', 'ar', 'fr'] as const).map(write);
      expect(new Set([en!.text, ar!.text, fr!.text]).size).toBe(3);
      expect(ar!.text).toMatch(/[\u0600-\u06FF]/);
      expect(en!.text).not.toMatch(/[\u0600-\u06FF]{3}/);
    });
  });

  it('shows amounts and dates in the reader’s format, with Latin digits in Arabic', () => {
    const receipt = (locale: MailLocale) =>
      compose(mailTexts.donation_receipt[locale](SAMPLES.donation_receipt, 'ILMA-USA'), locale).text;
    expect(receipt('en')).toContain('$1,234.56');
    expect(receipt('en')).toContain('October 3, 2026');
    expect(receipt('fr').replace(/\s/g, ' ')).toContain('1 234,56 $US');
    expect(receipt('fr')).toContain('3 octobre 2026');
    expect(receipt('ar')).toContain('1,234.56 دولار أمريكي');
    expect(receipt('ar')).toContain('2026');
    expect(receipt('ar')).toContain('أكتوبر');
    expect(receipt('ar')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('names the country of an event’s venue in the reader’s language', () => {
    const where = (locale: MailLocale) =>
      compose(mailTexts.registration_confirmed[locale](SAMPLES.registration_confirmed, 'ILMA-USA'), locale).text;
    expect(where('en')).toContain('Beirut, Lebanon');
    expect(where('fr')).toContain('Beirut, Liban');
    expect(where('ar')).toContain('لبنان');
  });

  it('gives a confirmed registrant their check-in code in text, and its QR code as an image in HTML only', () => {
    for (const locale of mailLocaleValues) {
      const mail = compose(
        mailTexts.registration_confirmed[locale](SAMPLES.registration_confirmed, 'ILMA-USA'),
        locale,
      );
      expect(mail.text).toContain('K7QF-2M9X-PA3T');
      expect(mail.text).not.toContain('data:image');
      expect(mail.html).toMatch(
        /<img src="data:image\/gif;base64,[A-Za-z0-9+/]+=*" width="116" height="116" alt="K7QF-2M9X-PA3T"/,
      );
    }
    const cancelled = compose(mailTexts.registration_cancelled.en(SAMPLES.registration_cancelled, 'ILMA-USA'), 'en');
    expect(cancelled.html).not.toContain('<img');
  });

  it('dates a credential’s expiry in the reader’s language', () => {
    const expiring = (locale: MailLocale) =>
      compose(mailTexts.credential_expiring[locale](SAMPLES.credential_expiring, 'ALMA'), locale).text;
    expect(expiring('en')).toContain('January 15, 2027');
    expect(expiring('fr')).toContain('15 janvier 2027');
    expect(expiring('ar')).toContain('يناير');
    expect(expiring('ar')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('writes a reply link that adds no header to the reply', () => {
    const mail = compose(mailTexts.contact_request.en(SAMPLES.contact_request, 'ILMA-USA'), 'en');
    expect(mail.html).toContain('<a href="mailto:karim%3Fcc%3Dx%40example.net">karim?cc=x@example.net</a>');
    expect(mail.text).toContain('karim?cc=x@example.net');
    expect(mail.text).not.toContain('mailto:');
  });
});

describe('the language of a mail', () => {
  it.each([
    [['ar-LB'], [], 'ar'],
    [['fr-CA'], [], 'fr'],
    [['en-US'], ['ar'], 'en'],
    [['de', 'fr'], [], 'fr'],
    [[undefined, null, 'es'], ['ar', 'en'], 'ar'],
    [['de'], ['de', 'fr'], 'fr'],
    [[], [], 'en'],
    [['AR'], [], 'ar'],
  ] as const)('%j, then the organisation’s %j → %s', (preferred, organisation, expected) => {
    expect(chooseMailLocale(preferred, organisation)).toBe(expected);
  });

  it('normalises a tag to a language we write in, or none', () => {
    expect(mailLanguageOf('ar-LB')).toBe('ar');
    expect(mailLanguageOf('fr_CA')).toBe('fr');
    expect(mailLanguageOf('arz')).toBeUndefined();
    expect(mailLanguageOf('')).toBeUndefined();
  });
});

describe('the two parts', () => {
  const blocks = [
    { lines: [['Hi ', { href: 'https://x.example/?a=1&b="2"', label: 'go <now>' }]] },
    { quote: `a\n${INJECTED}` },
    { lines: [['javascript link: ', { href: 'javascript:alert(1)' }]] },
  ];

  it('keeps the plain text as written, links as their address', () => {
    expect(renderText(blocks)).toBe(
      `Hi https://x.example/?a=1&b="2"\n\na\n${INJECTED}\n\njavascript link: javascript:alert(1)\n`,
    );
  });

  it('shows only a GIF the server drew as an image, and leaves pictures out of the text', () => {
    const pictures = [
      { picture: { src: 'data:image/gif;base64,R0lGOD==', alt: 'code <1>', size: 8 } },
      { picture: { src: 'https://tracker.example/p.gif', alt: 'code 2', size: 8 } },
      { picture: { src: 'data:image/svg+xml;base64,PHN2Zz4=', alt: 'code 3', size: 8 } },
    ];
    const html = renderHtml({ subject: 'S', blocks: pictures }, 'en');
    expect(html).toContain('<img src="data:image/gif;base64,R0lGOD==" width="8" height="8" alt="code &lt;1&gt;"');
    expect(html.match(/<img/g)).toHaveLength(1);
    expect(html).toContain('<p style="margin:0 0 1em">code 2</p>');
    expect(html).not.toContain('tracker.example');
    expect(renderText(pictures)).toBe('\n');
  });

  it('escapes every piece of text and makes only web and mail addresses links', () => {
    const html = renderHtml({ subject: `S ${INJECTED}`, blocks }, 'ar');
    expect(html).toContain('<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">go &lt;now&gt;</a>');
    expect(html).toContain('a\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</blockquote>');
    expect(html).toContain('javascript link: javascript:alert(1)</p>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<title>S &lt;script&gt;');
    expect(html).toContain('<html lang="ar" dir="rtl">');
  });
});

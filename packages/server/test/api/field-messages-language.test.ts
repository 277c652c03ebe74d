/**
 * A handler's business-rule refusals in the reader's language: the field details a handler writes
 * (an event ending before it starts, a link_out campaign without its URL, an unknown specialty)
 * come back in Arabic or French as Accept-Language asks, said so in Content-Language, and in
 * English exactly as they always read.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachApiEngine } from './harness.js';

type Problem = { type: string; title: string; detail?: string; errors: Array<{ pointer: string; detail: string }> };

const languages = ['en', 'ar', 'fr'] as const;
type Language = (typeof languages)[number];

forEachApiEngine('field details in the reader’s language', (env) => {
  /** A raw request with an organisation's secret key, in `language`. */
  async function refused(org: string, path: string, body: unknown, language: Language) {
    const response = await env().fetch(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Mahjar-Secret-Key': env().server.demoKeys[org]!.secret,
        'Idempotency-Key': randomUUID(),
        'Accept-Language': language === 'fr' ? 'fr-FR, en;q=0.5' : language,
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Problem;
    expect(problem.type).toBe('https://mahjar.dev/problems/validation');
    return { problem, language: response.headers.get('content-language') };
  }

  const start = new Date(Date.now() + 10 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  const event = () => ({
    kind: 'webinar',
    title: { en: `Backwards webinar ${randomUUID().slice(0, 8)}` },
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() - 3_600_000).toISOString(),
    timeZone: 'America/Chicago',
    mode: 'online',
    joinUrl: 'https://meet.example.org/j/backwards',
    language: 'en',
    waitlistEnabled: false,
  });

  const campaign = (over: Record<string, unknown>) => ({
    slug: `words-${randomUUID().slice(0, 8)}`,
    title: { en: 'A campaign refused by the test suite' },
    summary: { en: 'Refused.' },
    goalAmount: 1_000_000,
    currency: 'USD',
    priorityArea: 'mental-health',
    startsOn: '2026-05-01',
    checkoutMode: 'hosted',
    ...over,
  });

  const need = (over: Record<string, unknown>) => ({
    title: 'Tele-consultations in Akkar',
    specialty: 'cardiology',
    offerKinds: ['telehealth'],
    place: { country: 'LB', city: 'Halba' },
    remote: true,
    timeZone: 'Asia/Beirut',
    startsOn: '2026-11-01',
    endsOn: '2027-04-30',
    languages: ['ar'],
    priorityArea: 'health-workforce',
    people: 1,
    ...over,
  });

  const cases: {
    name: string;
    send: (language: Language) => ReturnType<typeof refused>;
    pointer: string;
    words: Record<Language, string>;
  }[] = [
    {
      name: 'createEvent: an end before the start',
      send: (language) => refused('ilma-usa', '/v1/admin/events', event(), language),
      pointer: '/endsAt',
      words: { en: 'must be after startsAt', ar: 'يجب أن يكون بعد startsAt', fr: 'doit être postérieur à startsAt' },
    },
    {
      name: 'createCampaign: link_out without linkOutUrl',
      send: (language) => refused('ilma-usa', '/v1/admin/campaigns', campaign({ checkoutMode: 'link_out' }), language),
      pointer: '/linkOutUrl',
      words: {
        en: 'is required when checkoutMode is link_out',
        ar: 'مطلوب عندما تكون قيمة checkoutMode هي link_out',
        fr: 'est obligatoire lorsque checkoutMode vaut link_out',
      },
    },
    {
      name: 'createCampaign: an end before the start',
      send: (language) => refused('ilma-usa', '/v1/admin/campaigns', campaign({ endsOn: '2026-04-01' }), language),
      pointer: '/endsOn',
      words: {
        en: 'endsOn must not be before startsOn',
        ar: 'يجب ألا يكون endsOn قبل startsOn',
        fr: 'endsOn ne doit pas précéder startsOn',
      },
    },
    {
      name: 'createNeed: an unknown specialty',
      send: (language) => refused('moph-lebanon', '/v1/admin/needs', need({ specialty: 'astrology' }), language),
      pointer: '/specialty',
      words: { en: 'is not a known specialty', ar: 'ليس تخصصًا معروفًا', fr: 'n’est pas une spécialité connue' },
    },
    {
      name: 'createNeed: a sub-specialty of another specialty (a template, its value kept)',
      send: (language) =>
        refused('moph-lebanon', '/v1/admin/needs', need({ subSpecialty: 'paediatric-oncology' }), language),
      pointer: '/subSpecialty',
      words: {
        en: 'is not a sub-specialty of cardiology',
        ar: 'ليس تخصصًا فرعيًا من cardiology',
        fr: 'n’est pas une sous-spécialité de cardiology',
      },
    },
  ];

  describe.each(cases)('$name', (c) => {
    it.each(languages)('in %s', async (language) => {
      const { problem, language: contentLanguage } = await c.send(language);
      expect(contentLanguage).toBe(language);
      expect(problem.errors).toEqual([{ pointer: c.pointer, detail: c.words[language] }]);
      // the top-level detail, the field errors joined, follows them; the title stays English
      expect(problem.detail).toBe(`${c.pointer} ${c.words[language]}`);
      expect(problem.title).toBe('Invalid request');
    });
  });

  it('phrases every field error of one answer, and a request without Accept-Language gets English', async () => {
    const body = { ...event(), mode: 'hybrid', timeZone: 'Mars/Olympus_Mons' };
    const ar = await refused('ilma-usa', '/v1/admin/events', body, 'ar');
    expect(ar.language).toBe('ar');
    expect(ar.problem.errors).toEqual([
      { pointer: '/endsAt', detail: 'يجب أن يكون بعد startsAt' },
      { pointer: '/timeZone', detail: 'ليس منطقة زمنية من قائمة IANA' },
      { pointer: '/location', detail: 'مطلوب للفعاليات الحضورية والهجينة' },
    ]);
    const response = await env().fetch('/v1/admin/events', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Mahjar-Secret-Key': env().server.demoKeys['ilma-usa']!.secret,
        'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    expect(response.headers.get('content-language')).toBe('en');
    expect(((await response.json()) as Problem).errors.map((e) => e.detail)).toEqual([
      'must be after startsAt',
      'is not an IANA time zone',
      'is required for in_person and hybrid events',
    ]);
  });

  it('leaves a problem without field errors as it was, without Content-Language', async () => {
    const response = await env().fetch('/v1/no-such-route', { headers: { 'Accept-Language': 'ar' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-language')).toBeNull();
  });
});

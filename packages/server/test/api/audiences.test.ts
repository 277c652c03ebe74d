// Who sees what (issue 15, items 3 and 4): consent per ministry, `listed`, the members audience,
// and the exposure test: no public, member or ministry answer carries a field beyond its caller's
// audience, for every field of the contract's `ProfessionalVisibility` and every audience.
import { randomUUID } from 'node:crypto';
import { profileFieldDefaults } from '@mahjar/sdk';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/contract.js';
import { hashKey } from '../../src/http/auth.js';
import {
  ALLOWED_ORIGIN,
  forEachApiEngine,
  memberSessionTokens,
  SIGN_IN_VERIFIER,
  SIGN_IN_VERIFIER_HASH,
} from './harness.js';

const PROBLEM = 'https://mahjar.dev/problems/';
type Visibility = 'public' | 'members' | 'ministry' | 'private';
const AUDIENCES: Visibility[] = ['public', 'members', 'ministry', 'private'];
/** Every field a professional chooses an audience for, from the contract (through the SDK's generated defaults). */
const FIELDS = Object.keys(profileFieldDefaults) as (keyof typeof profileFieldDefaults)[];
const allPrivate = () => Object.fromEntries(FIELDS.map((f) => [f, 'private']));

/** Properties a response schema can carry: a field outside it can never be present, whatever the audience. */
function propertiesOf(schema: string): Set<string> {
  const resolved = contract().resolve({ $ref: `#/components/schemas/${schema}` }) as {
    properties?: Record<string, unknown>;
  };
  return new Set(Object.keys(resolved.properties ?? {}));
}

type Json = Record<string, unknown>;

forEachApiEngine('audiences', (env) => {
  const keysOf = (org: string) => env().server.demoKeys[org]!;
  const publicHeaders = (org: string, session?: string) => ({
    'Mahjar-Publishable-Key': keysOf(org).publishable,
    Origin: ALLOWED_ORIGIN,
    ...(session ? { 'Mahjar-Member-Session': session } : {}),
  });

  /** A verified professional with every field filled, in `chapters`, whose latest consent is `permissions`. */
  async function professional(o: {
    chapters: string[];
    ministries: string[];
    listed?: boolean;
    visibility?: Record<string, string>;
  }) {
    const tag = randomUUID().slice(0, 8);
    const email = `audience-${tag}@example.com`;
    const now = new Date();
    const { id } = await env()
      .db.insertInto('professionals')
      .values({
        status: 'verified',
        title: 'dr',
        profession: 'physician',
        given_name: 'Rania',
        family_name: `Haddad${tag}`,
        given_name_ar: 'رانيا',
        family_name_ar: 'حداد',
        email,
        specialties: ['cardiology'],
        country: 'US',
        city: 'Houston',
        affiliations: JSON.stringify([{ institution: 'Baylor College of Medicine', role: 'Associate Professor' }]),
        credentials: JSON.stringify([
          {
            kind: 'licence',
            name: 'Licence to practise',
            issuer: 'Texas Medical Board',
            country: 'US',
            verification: 'verified',
          },
        ]),
        languages: ['ar', 'en'],
        medical_school: JSON.stringify({ name: 'American University of Beirut', country: 'LB', graduationYear: 2008 }),
        chapters: o.chapters,
        offers: JSON.stringify([{ kind: 'mentoring', availability: 'Two hours a month' }]),
        bio: 'Interventional cardiologist.',
        visibility: JSON.stringify(o.visibility ?? profileFieldDefaults),
        email_verified_at: now,
        verified_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await consent(id, { ministries: o.ministries, listed: o.listed ?? true });
    return { id, email };
  }

  async function consent(id: string, permissions: { ministries: string[]; listed: boolean }) {
    await env()
      .db.insertInto('consent_records')
      .values({
        professional_id: id,
        notice_version: '2026-07',
        notice_hash: 'a'.repeat(64),
        locale: 'en',
        source_site: `${ALLOWED_ORIGIN}/join`,
        permissions: JSON.stringify({ ...permissions, transferAbroad: true, newsletter: false }),
        created_at: new Date(),
      })
      .execute();
  }

  /** Signs `email` in through `org`'s site, by the mailed link, as a member's widget does. */
  async function signIn(email: string, org: string): Promise<string> {
    const asked = await env().fetch('/v1/members/sign-in', {
      method: 'POST',
      headers: { ...publicHeaders(org), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, returnUrl: `${ALLOWED_ORIGIN}/members/`, verifierHash: SIGN_IN_VERIFIER_HASH }),
    });
    expect(asked.status).toBe(202);
    const mail = await env()
      .db.selectFrom('outbox')
      .select('text')
      .where('to_address', '=', email)
      .where('kind', '=', 'member_sign_in')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const code = /#mahjar-sign-in=(ml_[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const created = await env().fetch('/v1/members/sessions', {
      method: 'POST',
      headers: { ...publicHeaders(org), 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, verifier: SIGN_IN_VERIFIER }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    memberSessionTokens.add(token);
    return token;
  }

  /** Every card the directory gives `headers` (all pages), by id. */
  async function directory(headers: Record<string, string>, query = ''): Promise<Map<string, Json>> {
    const cards = new Map<string, Json>();
    let cursor: string | null = null;
    do {
      const res = await env().fetch(
        `/v1/professionals?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Json[]; nextCursor: string | null };
      for (const card of page.items) cards.set(card.id as string, card);
      cursor = page.nextCursor;
    } while (cursor);
    return cards;
  }

  const profile = async (headers: Record<string, string>, id: string) => {
    const res = await env().fetch(`/v1/professionals/${id}`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json };
  };

  async function exported(org: string): Promise<Map<string, Json>> {
    const res = await env().fetch('/v1/admin/members/export?format=json', {
      headers: { 'Mahjar-Secret-Key': keysOf(org).secret },
    });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Json[] };
    return new Map(items.map((row) => [row.id as string, row]));
  }

  const ownProfile = async (session: string, org: string) => {
    const res = await env().fetch('/v1/members/me/profile', { headers: publicHeaders(org, session) });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };

  /** A verified member of `chapter` (seeded), signed in through `site`. */
  async function memberOf(chapter: string, site = chapter): Promise<string> {
    const { email } = await professional({ chapters: [chapter], ministries: [] });
    return signIn(email, site);
  }

  it('a chapter a member adds from their account opens its members audience only once a reviewer accepts them', async () => {
    const subject = await professional({
      chapters: ['ilma-usa'],
      ministries: [],
      visibility: { ...profileFieldDefaults, city: 'members' },
    });
    const joiner = await professional({ chapters: ['imsa-iraq'], ministries: [] });
    const session = await signIn(joiner.email, 'ilma-usa');
    const headers = { ...publicHeaders('ilma-usa', session), 'Content-Type': 'application/json' };
    const joined = await env().fetch('/v1/members/me/chapters', {
      method: 'PUT',
      headers: { ...headers, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        chapters: ['imsa-iraq', 'ilma-usa'],
        consent: {
          noticeVersion: '2026-07',
          noticeHash: 'a'.repeat(64),
          locale: 'en',
          sourceSite: `${ALLOWED_ORIGIN}/members/`,
          permissions: { ministries: [], transferAbroad: true, newsletter: false },
        },
      }),
    });
    expect(joined.status).toBe(200);
    expect(
      (await profile(publicHeaders('ilma-usa', session), subject.id)).body.city,
      'not yet accepted',
    ).toBeUndefined();
    // A reviewer of the chapter accepts the member (suspend, then verify again: the review queue's decisions).
    for (const decision of ['suspend', 'verify'])
      expect(
        (
          await env().fetch(`/v1/admin/professionals/${joiner.id}/review`, {
            method: 'POST',
            headers: {
              'Mahjar-Secret-Key': keysOf('ilma-usa').secret,
              'Content-Type': 'application/json',
              'Idempotency-Key': randomUUID(),
            },
            body: JSON.stringify({ decision }),
          })
        ).status,
      ).toBe(200);
    const again = await signIn(joiner.email, 'ilma-usa'); // a suspension ended the member's sessions, if it does
    expect((await profile(publicHeaders('ilma-usa', again), subject.id)).body.city).toBe('Houston');
  });

  describe('the exposure test', () => {
    it('answers every caller with exactly the fields its audience covers, for every field and audience', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: ['moph-lebanon'] });
      const self = await signIn(subject.email, 'ilma-usa');
      const sameChapter = await memberOf('ilma-usa');
      const otherChapter = await memberOf('imsa-iraq');
      const otherOnThisSite = await memberOf('imsa-iraq', 'ilma-usa');

      const CARD = propertiesOf('ProfessionalCard');
      const PROFILE = propertiesOf('Professional');
      const EXPORT = propertiesOf('MemberExportRow');
      const OWN = propertiesOf('AdminProfessional');
      const covers: Record<string, Visibility[]> = {
        public: ['public'],
        members: ['public', 'members'],
        chapter: ['public', 'members'],
        ministry: ['public', 'members', 'ministry'],
        self: ['public', 'members', 'ministry', 'private'],
      };
      /** The public reads (search and profile): who calls, and which audience that is (none: must not find the subject). */
      const readers: { name: string; headers: Record<string, string>; audience: keyof typeof covers | null }[] = [
        { name: 'anonymous, chapter key', headers: publicHeaders('ilma-usa'), audience: 'public' },
        { name: 'member of the same chapter', headers: publicHeaders('ilma-usa', sameChapter), audience: 'members' },
        { name: 'member of another chapter', headers: publicHeaders('imsa-iraq', otherChapter), audience: 'public' },
        {
          name: 'member of another chapter on this chapter’s site',
          headers: publicHeaders('ilma-usa', otherOnThisSite),
          audience: 'public',
        },
        { name: 'consented ministry’s key', headers: publicHeaders('moph-lebanon'), audience: 'public' },
        { name: 'another ministry’s key', headers: publicHeaders('moh-iraq'), audience: null },
      ];
      const exporters: { org: string; audience: keyof typeof covers | null }[] = [
        { org: 'ilma-usa', audience: 'chapter' },
        { org: 'moph-lebanon', audience: 'ministry' },
        { org: 'moh-iraq', audience: null },
      ];

      const wrong: string[] = [];
      const check = (what: string, answer: Json | undefined, allowed: Set<string>, field: string, shown: boolean) => {
        if (!answer) return wrong.push(`${what}: the subject is missing`);
        if (field in answer !== (shown && allowed.has(field))) {
          wrong.push(`${what}: ${field} ${field in answer ? 'present' : 'absent'}`);
        }
        // the address: in the member's own profile, and in their chapter's export (for its admins) only
        if (JSON.stringify(answer).includes(subject.email) && !/^own |ilma-usa export$/.test(what)) {
          wrong.push(`${what}: the e-mail address`);
        }
      };

      for (const field of FIELDS) {
        for (const audience of AUDIENCES) {
          await env()
            .db.updateTable('professionals')
            .set({ visibility: JSON.stringify({ ...allPrivate(), [field]: audience }), updated_at: new Date() })
            .where('id', '=', subject.id)
            .execute();
          const cell = `${field}=${audience}`;
          for (const reader of readers) {
            const cards = await directory(reader.headers);
            const one = await profile(reader.headers, subject.id);
            if (reader.audience === null) {
              if (cards.has(subject.id)) wrong.push(`${cell} ${reader.name}: found in the directory`);
              if (one.status !== 404) wrong.push(`${cell} ${reader.name}: profile answers ${one.status}`);
              continue;
            }
            const shown = covers[reader.audience]!.includes(audience);
            check(`${cell} ${reader.name} search`, cards.get(subject.id), CARD, field, shown);
            check(`${cell} ${reader.name} profile`, one.status === 200 ? one.body : undefined, PROFILE, field, shown);
          }
          for (const exporter of exporters) {
            const rows = await exported(exporter.org);
            if (exporter.audience === null) {
              if (rows.has(subject.id)) wrong.push(`${cell} ${exporter.org} export: the subject is there`);
              continue;
            }
            const shown = covers[exporter.audience]!.includes(audience);
            check(`${cell} ${exporter.org} export`, rows.get(subject.id), EXPORT, field, shown);
          }
          // a member sees their own everything
          check(`own ${cell}`, await ownProfile(self, 'ilma-usa'), OWN, field, true);
        }
      }
      expect(wrong).toEqual([]);
    }, 600_000);
  });

  describe('consent per ministry', () => {
    it('hides a member who consented only to another ministry from a ministry’s key, everywhere', async () => {
      const iraqOnly = await professional({ chapters: ['imsa-iraq'], ministries: ['moh-iraq'] });
      const lebanon = publicHeaders('moph-lebanon');
      const single = await profile(lebanon, iraqOnly.id);
      expect(single.status).toBe(404);
      expect(single.type).toContain('application/problem+json');
      expect(single.body.type).toBe(`${PROBLEM}not-found`);
      expect((await directory(lebanon)).has(iraqOnly.id)).toBe(false);
      expect((await exported('moph-lebanon')).has(iraqOnly.id)).toBe(false);
      // the ministry it named finds it
      expect((await profile(publicHeaders('moh-iraq'), iraqOnly.id)).status).toBe(200);
      expect((await directory(publicHeaders('moh-iraq'))).has(iraqOnly.id)).toBe(true);
      expect((await exported('moh-iraq')).has(iraqOnly.id)).toBe(true);
      // every card a ministry's key finds named that ministry
      const named = await env()
        .db.selectFrom('professionals')
        .select('id')
        .where('status', '=', 'verified')
        .where((eb) => eb(eb.val('moph-lebanon'), '=', eb.fn.any('ministries')))
        .execute();
      const found = [...(await directory(lebanon)).keys()];
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((id) => !named.some((n) => n.id === id))).toEqual([]);
    });

    it('lets a ministry’s site narrow its directory to one diaspora’s chapters with `chapter`', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: ['moph-lebanon', 'moh-iraq'] });
      const narrowed = await directory(publicHeaders('moph-lebanon'), '&chapter=ilma-usa');
      expect(narrowed.has(subject.id)).toBe(true);
      expect([...narrowed.values()].every((card) => (card.chapters as string[]).includes('ilma-usa'))).toBe(true);
      expect((await directory(publicHeaders('moh-iraq'), '&chapter=imsa-iraq')).has(subject.id)).toBe(false);
      expect((await directory(publicHeaders('moh-iraq'), '&chapter=ilma-usa')).has(subject.id)).toBe(true);
    });

    const editBody = (ministries: unknown[], listed?: boolean) => ({
      profession: 'physician',
      givenName: 'Rania',
      familyName: 'Withdrawn',
      specialties: ['cardiology'],
      country: 'US',
      city: 'Houston',
      languages: ['ar', 'en'],
      visibility: profileFieldDefaults,
      consent: {
        noticeVersion: '2026-07',
        noticeHash: 'b'.repeat(64),
        locale: 'en',
        sourceSite: `${ALLOWED_ORIGIN}/members/`,
        permissions: {
          ministries,
          ...(listed === undefined ? {} : { listed }),
          transferAbroad: true,
          newsletter: false,
        },
      },
    });
    const edit = (session: string, body: unknown) =>
      env().fetch('/v1/members/me/profile', {
        method: 'PUT',
        headers: {
          ...publicHeaders('ilma-usa', session),
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify(body),
      });

    it('takes a member who withdraws the Lebanese ministry out of its directory and export at once, not the chapter’s', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: ['moph-lebanon'] });
      const session = await signIn(subject.email, 'ilma-usa');
      const lebanon = publicHeaders('moph-lebanon');
      const chapter = publicHeaders('ilma-usa');
      // answers cached before the change
      expect((await directory(lebanon)).has(subject.id)).toBe(true);
      expect((await directory(chapter, '&chapter=ilma-usa')).has(subject.id)).toBe(true);
      expect((await exported('moph-lebanon')).has(subject.id)).toBe(true);

      const saved = await edit(session, editBody([]));
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as { consent: { permissions: unknown } }).consent.permissions).toEqual({
        ministries: [],
        listed: true,
        transferAbroad: true,
        newsletter: false,
      });
      expect((await directory(lebanon)).has(subject.id)).toBe(false);
      expect((await profile(lebanon, subject.id)).status).toBe(404);
      expect((await exported('moph-lebanon')).has(subject.id)).toBe(false);
      expect((await directory(chapter, '&chapter=ilma-usa')).has(subject.id)).toBe(true);
      expect((await exported('ilma-usa')).has(subject.id)).toBe(true);
    });

    it('takes a profile that is no longer listed out of every directory at once; its chapter’s admins still see it', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: ['moph-lebanon'] });
      const session = await signIn(subject.email, 'ilma-usa');
      const fellow = await memberOf('ilma-usa');
      const readers = [
        publicHeaders('ilma-usa'),
        publicHeaders('ilma-usa', fellow),
        publicHeaders('moph-lebanon'),
        publicHeaders('imsa-iraq'),
      ];
      for (const headers of readers) expect((await directory(headers)).has(subject.id)).toBe(true);
      const before = await env().count('directory_entries');

      expect((await edit(session, editBody(['moph-lebanon'], false))).status).toBe(200);
      for (const headers of readers) {
        expect((await directory(headers)).has(subject.id)).toBe(false);
        expect((await profile(headers, subject.id)).status).toBe(404);
      }
      expect(await env().count('directory_entries')).toBe(before - 1);
      expect((await exported('moph-lebanon')).has(subject.id)).toBe(true); // consented, reached by the export
      expect((await exported('ilma-usa')).has(subject.id)).toBe(true);
      expect((await ownProfile(session, 'ilma-usa')).consent).toMatchObject({
        permissions: { ministries: ['moph-lebanon'], listed: false },
      });

      // listed again: back at once (an input that leaves `listed` out means listed)
      expect((await edit(session, editBody(['moph-lebanon']))).status).toBe(200);
      for (const headers of readers) expect((await directory(headers)).has(subject.id)).toBe(true);
    });

    it('refuses ministries that are not ministries, unknown, repeated or too many, and writes nothing', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: ['moph-lebanon'] });
      const session = await signIn(subject.email, 'ilma-usa');
      const consents = async () =>
        (await env().db.selectFrom('consent_records').select('id').where('professional_id', '=', subject.id).execute())
          .length;
      const stored = async () =>
        env()
          .db.selectFrom('professionals')
          .select(['family_name', 'ministries', 'listed'])
          .where('id', '=', subject.id)
          .executeTakeFirstOrThrow();
      const [countBefore, before] = [await consents(), await stored()];
      const cases: [string, unknown[], number, string][] = [
        ['a chapter', ['moph-lebanon', 'ilma-usa'], 422, '/consent/permissions/ministries/1'],
        ['an unknown slug', ['no-such-ministry'], 422, '/consent/permissions/ministries/0'],
        ['a partner', ['iom'], 422, '/consent/permissions/ministries/0'],
        // the contract's own rules (uniqueItems, maxItems), refused like any request that breaks it
        ['the same ministry twice', ['moph-lebanon', 'moph-lebanon'], 400, '/consent/permissions/ministries'],
        [
          '21 ministries',
          Array.from({ length: 21 }, (_, i) => `ministry-${i}`),
          400,
          '/consent/permissions/ministries',
        ],
      ];
      for (const [what, ministries, status, pointer] of cases) {
        const answer = await edit(session, editBody(ministries));
        expect(answer.status, what).toBe(status);
        expect(answer.headers.get('content-type'), what).toContain('application/problem+json');
        const problem = (await answer.json()) as { type: string; errors?: { pointer: string }[] };
        expect(problem.type, what).toBe(`${PROBLEM}validation`);
        expect(
          problem.errors?.some((e) => e.pointer.startsWith(pointer)),
          `${what}: ${JSON.stringify(problem)}`,
        ).toBe(true);
      }
      expect(await consents()).toBe(countBefore);
      expect(await stored()).toEqual(before);
    });
  });

  describe('the members audience', () => {
    it('shows a chapter’s members-only fields to its signed-in members only, and never caches one for another', async () => {
      const subject = await professional({
        chapters: ['ilma-usa'],
        ministries: [],
        visibility: { ...profileFieldDefaults, city: 'members', bio: 'members' },
      });
      const fellow = await memberOf('ilma-usa');
      const iraqi = await memberOf('imsa-iraq');
      const asMember = publicHeaders('ilma-usa', fellow);
      // the member asks first: their answer must not be the public's next
      const seen = await directory(asMember);
      expect(seen.get(subject.id)).toMatchObject({ city: 'Houston' });
      const res = await env().fetch(`/v1/professionals/${subject.id}`, { headers: asMember });
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(await res.json()).toMatchObject({ city: 'Houston', bio: 'Interventional cardiologist.' });

      for (const headers of [publicHeaders('ilma-usa'), publicHeaders('imsa-iraq', iraqi)]) {
        expect((await directory(headers)).get(subject.id)).not.toHaveProperty('city');
        const one = await profile(headers, subject.id);
        expect(one.body).not.toHaveProperty('city');
        expect(one.body).not.toHaveProperty('bio');
      }
      // and the other way round: a public answer cached first is not what the member gets
      const query = `&q=Haddad`;
      expect((await directory(publicHeaders('ilma-usa'), query)).get(subject.id)).not.toHaveProperty('city');
      expect((await directory(asMember, query)).get(subject.id)).toMatchObject({ city: 'Houston' });
    });

    it('refuses a forged or expired session with 401 problem+json, never reading it as the public', async () => {
      const subject = await professional({ chapters: ['ilma-usa'], ministries: [] });
      const session = await memberOf('ilma-usa');
      await env()
        .db.updateTable('member_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashKey(session))
        .execute();
      for (const token of [`ms_${'A'.repeat(43)}`, session]) {
        for (const path of ['/v1/professionals', `/v1/professionals/${subject.id}`]) {
          const res = await env().fetch(path, { headers: publicHeaders('ilma-usa', token) });
          expect(res.status, path).toBe(401);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(((await res.json()) as { type: string }).type).toBe(`${PROBLEM}unauthorized`);
        }
      }
    });
  });
});

import { randomUUID } from 'node:crypto';
import {
  type EngagementReport,
  type EventInput,
  type NeedInput,
  profileFieldDefaults,
  type ReportNarrativeInput,
} from '@mahjar/sdk';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { previousQuarter, quarterBounds } from '../../src/operations/reports.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const HOUR = 3_600_000;

function currentQuarter(now = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

describe('previousQuarter', () => {
  it.each([
    ['2026-Q1', '2025-Q4'],
    ['2026-Q2', '2026-Q1'],
    ['2026-Q4', '2026-Q3'],
  ])('%s comes after %s', (quarter, before) => {
    expect(previousQuarter(quarter)).toBe(before);
  });
});

describe('quarterBounds', () => {
  it.each([
    ['2026-Q1', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s', (quarter, start, end) => {
    const b = quarterBounds(quarter);
    expect(b.start.toISOString()).toBe(start);
    expect(b.end.toISOString()).toBe(end);
  });
});

forEachApiEngine('engagement report', (env) => {
  const quarter = currentQuarter();
  const report = async (org: string, q = quarter) => {
    const { data, response } = await env()
      .client({ key: 'secret', org })
      .GET('/v1/admin/reports/engagement', { params: { query: { quarter: q } } });
    expect(response.status).toBe(200);
    return data as EngagementReport;
  };
  const raisedFor = (r: EngagementReport, slug: string) =>
    r.fundsRaised.byCampaign.filter((c) => c.campaignSlug === slug).reduce((sum, c) => sum + c.amount, 0);

  it('counts a chapter’s verified members, and a ministry only those who consented to it', async () => {
    const [chapter, ministry, iraq] = await Promise.all([
      report('ilma-usa'),
      report('moph-lebanon'),
      report('moh-iraq'),
    ]);
    const { end } = quarterBounds(quarter);
    const count = async (chapterSlug: string | null, ministrySlug: string | null = null) => {
      const row = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM professionals p
        WHERE status = 'verified' AND verified_at < ${end}
          AND (${chapterSlug}::text IS NULL OR ${chapterSlug}::text = ANY(chapters))
          AND (${ministrySlug}::text IS NULL OR (
            SELECT c.permissions -> 'ministries' ? ${ministrySlug}::text FROM consent_records c
            WHERE c.professional_id = p.id ORDER BY c.created_at DESC LIMIT 1))`.execute(env().db);
      return row.rows[0]!.n;
    };
    expect(chapter.verifiedMembers.total).toBe(await count('ilma-usa'));
    expect(ministry.verifiedMembers.total).toBe(await count(null, 'moph-lebanon'));
    expect(iraq.verifiedMembers.total).toBe(await count(null, 'moh-iraq'));
    // the seed's members share with their own chapter's ministry only: the two add up to no more than all
    expect(ministry.verifiedMembers.total + iraq.verifiedMembers.total).toBeLessThanOrEqual(await count(null));
    expect(ministry.verifiedMembers.total).toBeGreaterThan(0);
    expect(iraq.verifiedMembers.total).toBeGreaterThan(0);
    const byCountry = ministry.verifiedMembers.byCountry.reduce((s, c) => s + c.count, 0);
    expect(byCountry).toBe(ministry.verifiedMembers.total);
  });

  it('adds a donation completed through the sandbox to its campaign, chapter and priority area', async () => {
    const before = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);
    const created = await env()
      .client()
      .POST('/v1/campaigns/{slug}/donations', {
        params: { path: { slug: 'mental-health-lines' } },
        body: {
          amount: 4_321,
          currency: 'USD',
          frequency: 'one_off',
          anonymous: true,
          donorEmail: 'report-test@example.org',
        },
      });
    expect(created.response.status).toBe(201);
    const session = new URL(created.data!.redirectUrl).pathname.split('/').at(-1)!;
    const done = await env().fetch(`/v1/payments/sandbox/checkout/${session}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=succeeded',
      redirect: 'manual',
    });
    expect(done.status).toBe(303);

    const after = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);
    expect(raisedFor(after[0], 'mental-health-lines') - raisedFor(before[0], 'mental-health-lines')).toBe(4_321);
    expect(raisedFor(after[1], 'mental-health-lines') - raisedFor(before[1], 'mental-health-lines')).toBe(4_321);
    expect(after[2].fundsRaised).toEqual(before[2].fundsRaised);
    const area = (r: EngagementReport) =>
      r.priorityAreas.find((a) => a.priorityArea === 'mental-health')!.fundsRaised.find((m) => m.currency === 'USD')
        ?.amount ?? 0;
    expect(area(after[0]) - area(before[0])).toBe(4_321);
  });

  it('names every priority area it shows, in every language the taxonomy has, as listPriorityAreas does', async () => {
    const r = await report('ilma-usa');
    const shown = new Set([
      ...r.priorityAreas.map((a) => a.priorityArea),
      ...r.fundsRaised.byCampaign.map((c) => c.priorityArea),
      ...r.fundsRaised.byPriorityArea.map((a) => a.priorityArea),
      ...r.needs.byPriorityArea.map((a) => a.priorityArea),
    ]);
    expect(shown.size).toBeGreaterThan(0);
    const taxonomy = await env().client().GET('/v1/taxonomies/priority-areas');
    const names = Object.fromEntries(taxonomy.data!.items.map((area) => [area.code, area.name]));
    for (const code of shown) expect(r.labels.priorityArea[code], code).toEqual(names[code]);
    expect(r.labels.priorityArea['mental-health']).toMatchObject({ en: expect.any(String), ar: expect.any(String) });
    expect(r.labels.priorityArea['mental-health']!.en).not.toBe('mental-health');
  });

  it('never sums money across currencies', async () => {
    const r = await report('moph-lebanon');
    const currencies = r.fundsRaised.totals.map((t) => t.currency);
    expect(new Set(currencies).size).toBe(currencies.length);
    for (const t of r.fundsRaised.totals) {
      const sum = r.fundsRaised.byCampaign.filter((c) => c.currency === t.currency).reduce((s, c) => s + c.amount, 0);
      expect(t.amount).toBe(sum);
    }
  });

  it('exports CSV with one section per table', async () => {
    const res = await env().fetch(`/v1/admin/reports/engagement?quarter=${quarter}&format=csv`, {
      headers: { 'Mahjar-Secret-Key': 'sk_demo_moph-lebanon' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const text = await res.text();
    for (const section of [
      'summary',
      'signups',
      'verified_members_by_country',
      'funds_by_campaign',
      'priority_areas',
    ]) {
      expect(text).toContain(`# ${section}\r\n`);
    }
    expect(text).toContain(`moph-lebanon,${quarter},`);
  });

  it.each([
    ['2026-Q5', 400],
    ['2026Q1', 400],
    ['', 400],
  ])('rejects quarter %j with %i', async (q, status) => {
    const res = await env().fetch(`/v1/admin/reports/engagement?quarter=${q}`, {
      headers: { 'Mahjar-Secret-Key': 'sk_demo_moph-lebanon' },
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('is not available with a publishable key', async () => {
    const { response, data } = await env()
      .client()
      .GET('/v1/admin/reports/engagement', { params: { query: { quarter } } });
    expect(response.status).toBe(403);
    expect(data).toBeUndefined();
  });

  // ---------- the sections behind the impact report's charts (issue 17, item 5) ----------

  const tag = randomUUID().slice(0, 8);
  const secretOf = (org: string) => env().server.demoKeys[org]!.secret;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; the harness checks each against the contract
  type Json = Record<string, any>;

  /** A request with `org`'s secret key and a fresh Idempotency-Key. */
  async function admin(method: string, path: string, body?: unknown, org = 'moph-lebanon') {
    const response = await env().fetch(path, {
      method,
      headers: {
        'Mahjar-Secret-Key': secretOf(org),
        'Content-Type': 'application/json',
        ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { response, json: (text ? JSON.parse(text) : {}) as Json };
  }

  let serial = 0;
  /** A verified professional whose latest consent shares with `ministries`. */
  async function professional(ministries: string[] = ['moph-lebanon']) {
    const now = new Date();
    const email = `report-${++serial}-${tag}@example.com`;
    const { id } = await env()
      .db.insertInto('professionals')
      .values({
        status: 'verified',
        profession: 'physician',
        given_name: `Report${serial}`,
        family_name: `Helper${tag}`,
        email,
        locale: 'en',
        specialties: ['cardiology'],
        country: 'LB',
        city: 'Beirut',
        affiliations: '[]',
        credentials: '[]',
        languages: ['ar'],
        chapters: ['ilma-usa'],
        offers: JSON.stringify([{ kind: 'telehealth', availability: 'Evenings' }]),
        visibility: JSON.stringify(profileFieldDefaults),
        email_verified_at: now,
        verified_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await consent(id, ministries);
    return { id, email };
  }

  async function consent(id: string, ministries: string[]) {
    await env()
      .db.insertInto('consent_records')
      .values({
        professional_id: id,
        notice_version: '2026-07',
        notice_hash: 'a'.repeat(64),
        locale: 'en',
        source_site: `${ALLOWED_ORIGIN}/join`,
        permissions: JSON.stringify({ ministries, listed: true, transferAbroad: true, newsletter: false }),
        created_at: new Date(Date.now() + serial * 10),
      })
      .execute();
  }

  const needInput = (over: Partial<NeedInput> = {}): NeedInput => ({
    title: `Report need ${tag}`,
    specialty: 'cardiology',
    offerKinds: ['telehealth'],
    place: { country: 'LB' },
    remote: true,
    timeZone: 'Asia/Beirut',
    languages: ['ar'],
    priorityArea: 'health-workforce',
    people: 1,
    state: 'open',
    ...over,
  });

  async function postNeed(over: Partial<NeedInput> = {}, org = 'moph-lebanon') {
    const { response, json } = await admin('POST', '/v1/admin/needs', needInput(over), org);
    expect(response.status).toBe(201);
    return json.id as string;
  }

  async function needState(id: string, state: string, org = 'moph-lebanon') {
    const { response } = await admin('POST', `/v1/admin/needs/${id}/state`, { state }, org);
    expect(response.status).toBe(200);
  }

  /** Invites `person` to the need, answers from the mailed link; returns the answer's id. */
  async function answered(needId: string, person: { id: string; email: string }, org = 'moph-lebanon') {
    const invited = await admin(
      'POST',
      `/v1/admin/needs/${needId}/invitations`,
      { professionalIds: [person.id], answerUrl: `${ALLOWED_ORIGIN}/needs/answer` },
      org,
    );
    expect(invited.response.status).toBe(200);
    const mail = await env()
      .db.selectFrom('outbox')
      .select('text')
      .where('to_address', '=', person.email)
      .where('kind', '=', 'need_invitation')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const token = /mahjar-need-answer=(ni_[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const response = await env().fetch(`/v1/needs/${needId}/answers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as Json).id as string;
  }

  async function assign(needId: string, responseId: string, org = 'moph-lebanon') {
    for (const state of ['shortlisted', 'assigned']) {
      const moved = await admin('POST', `/v1/admin/needs/${needId}/responses/${responseId}/state`, { state }, org);
      expect(moved.response.status).toBe(200);
    }
  }

  async function outcome(needId: string, responseId: string, hours: number, peopleReached: number) {
    const recorded = await admin('PUT', `/v1/admin/needs/${needId}/responses/${responseId}/outcome`, {
      done: true,
      hours,
      peopleReached,
      summary: 'Tele-consultations with the district team.',
    });
    expect(recorded.response.status).toBe(200);
  }

  const areaOf = (r: EngagementReport, code: string) =>
    r.needs.byPriorityArea.find((a) => a.priorityArea === code) ?? {
      priorityArea: code,
      opened: 0,
      filled: 0,
      assigned: 0,
      hours: 0,
      peopleReached: 0,
    };
  const needFigures = (r: EngagementReport) => {
    const { byPriorityArea: _, ...figures } = r.needs;
    return figures;
  };
  const minus = <T extends Record<string, unknown>>(after: T, before: T) =>
    Object.fromEntries(
      Object.entries(after).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v - (before[k] as number)]] : [])),
    );

  it('counts the ministry’s needs, answers, assignments and outcomes as they were put in', async () => {
    const before = await Promise.all([report('moph-lebanon'), report('moh-iraq'), report('ilma'), report('ilma-usa')]);
    const [rania, karim, lina, iraqi] = [
      await professional(),
      await professional(),
      await professional(),
      await professional(['moh-iraq']),
    ];

    // two people wanted for A: both answer, both are assigned, so A is filled; an outcome corrected counts once
    const a = await postNeed({ people: 2 });
    const raniaAnswer = await answered(a, rania);
    const karimAnswer = await answered(a, karim);
    await assign(a, raniaAnswer);
    await assign(a, karimAnswer);
    await outcome(a, raniaAnswer, 10, 40);
    await outcome(a, raniaAnswer, 12, 45);
    await outcome(a, karimAnswer, 3, 7);
    // B in mental health: one answer, assigned (filled), no outcome yet
    const b = await postNeed({ priorityArea: 'mental-health' });
    await assign(b, await answered(b, lina));
    // C never opened, then closed; D opened and still open; E a draft that stays one
    const c = await postNeed({ state: 'draft' });
    await needState(c, 'closed');
    await postNeed();
    await postNeed({ state: 'draft', priorityArea: 'mental-health' });
    // the Iraqi ministry's need, answered and assigned: never in Lebanon's figures
    const iraqNeed = await postNeed({}, 'moh-iraq');
    await assign(iraqNeed, await answered(iraqNeed, iraqi, 'moh-iraq'), 'moh-iraq');

    const after = await Promise.all([report('moph-lebanon'), report('moh-iraq'), report('ilma'), report('ilma-usa')]);
    const [lebanon, iraq, umbrella, chapter] = after;
    expect(minus(needFigures(lebanon), needFigures(before[0]))).toEqual({
      opened: 3,
      filled: 2,
      closed: 1,
      openAtEnd: 1,
      answers: 3,
      assigned: 3,
      outcomes: 2,
      hours: 15,
      peopleReached: 52,
    });
    expect(minus(areaOf(lebanon, 'health-workforce'), areaOf(before[0], 'health-workforce'))).toEqual({
      opened: 2,
      filled: 1,
      assigned: 2,
      hours: 15,
      peopleReached: 52,
    });
    expect(minus(areaOf(lebanon, 'mental-health'), areaOf(before[0], 'mental-health'))).toEqual({
      opened: 1,
      filled: 1,
      assigned: 1,
      hours: 0,
      peopleReached: 0,
    });
    for (const r of after) {
      expect(r.needs.opened).toBe(r.needs.byPriorityArea.reduce((s, x) => s + x.opened, 0));
      expect(r.needs.hours).toBe(r.needs.byPriorityArea.reduce((s, x) => s + x.hours, 0));
    }
    expect(minus(needFigures(iraq), needFigures(before[1]))).toMatchObject({
      opened: 1,
      filled: 1,
      answers: 1,
      assigned: 1,
      outcomes: 0,
    });
    // the umbrella and a chapter post no needs: theirs stay empty
    for (const r of [umbrella, chapter]) {
      expect(r.needs).toEqual({
        opened: 0,
        filled: 0,
        closed: 0,
        openAtEnd: 0,
        answers: 0,
        assigned: 0,
        outcomes: 0,
        hours: 0,
        peopleReached: 0,
        byPriorityArea: [],
      });
    }

    // Karim withdraws his consent to Lebanon: like every figure about people, his no longer counts there
    await consent(karim.id, []);
    const withdrawn = await report('moph-lebanon');
    expect(minus(needFigures(withdrawn), needFigures(lebanon))).toEqual({
      opened: 0,
      filled: 0,
      closed: 0,
      openAtEnd: 0,
      answers: -1,
      assigned: -1,
      outcomes: -1,
      hours: -3,
      peopleReached: -7,
    });
  });

  const eventInput = (over: Partial<EventInput> = {}): EventInput => {
    const start = new Date(Date.now() + 10 * 24 * HOUR);
    start.setUTCMinutes(0, 0, 0);
    return {
      kind: 'webinar',
      title: { en: `Report webinar ${randomUUID().slice(0, 8)}` },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      timeZone: 'America/Chicago',
      mode: 'online',
      joinUrl: `https://meet.example.org/j/${randomUUID()}`,
      language: 'en',
      waitlistEnabled: false,
      ...over,
    };
  };

  /**
   * An event of `org` with `registered` people (registered while it was ahead), then held at
   * `startsAt` with `attended` of them marked present.
   */
  async function heldEvent(o: {
    org?: string;
    kind?: EventInput['kind'];
    registered: number;
    attended: number;
    startsAt: Date;
  }) {
    const org = o.org ?? 'ilma-usa';
    const created = await admin('POST', '/v1/admin/events', eventInput({ kind: o.kind ?? 'webinar' }), org);
    expect(created.response.status).toBe(201);
    const id = created.json.id as string;
    const ids: string[] = [];
    for (let k = 0; k < o.registered; k++) {
      const { data, response } = await env()
        .client({ org })
        .POST('/v1/events/{id}/registrations', {
          params: { path: { id } },
          body: { name: 'Report Person', email: `reg-${k}-${randomUUID().slice(0, 6)}@example.net` },
        });
      expect(response.status).toBe(201);
      ids.push(data!.id);
    }
    const moved = await admin(
      'PATCH',
      `/v1/admin/events/${id}`,
      { startsAt: o.startsAt.toISOString(), endsAt: new Date(o.startsAt.getTime() + HOUR).toISOString() },
      org,
    );
    expect(moved.response.status).toBe(200);
    if (o.attended) {
      const marked = await admin(
        'POST',
        `/v1/admin/events/${id}/attendance`,
        {
          registrationIds: ids.slice(0, o.attended),
          attended: true,
        },
        org,
      );
      expect(marked.json.updated).toBe(o.attended);
    }
    return id;
  }

  it('puts each held event, its registrations and who came in the month it was held', async () => {
    const { start } = quarterBounds(quarter);
    const at = new Date(Math.max(start.getTime() + 60_000, Date.now() - HOUR));
    const month = at.toISOString().slice(0, 7);
    const before = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);
    await heldEvent({ registered: 3, attended: 2, startsAt: at });
    await heldEvent({ kind: 'cme_course', registered: 1, attended: 0, startsAt: at });
    const after = await Promise.all([report('ilma-usa'), report('moph-lebanon'), report('alma-australia')]);

    for (const [i, r] of after.entries()) {
      expect(r.eventsByMonth.map((m) => m.month)).toEqual(
        [0, 1, 2].map((k) =>
          new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1)).toISOString().slice(0, 7),
        ),
      );
      const grew = r.eventsByMonth.map((m, k) => minus(m, before[i]!.eventsByMonth[k]!));
      const expected = i === 2 ? {} : { eventsHeld: 2, webinarsHeld: 1, registrations: 4, participants: 2 };
      for (const [k, m] of r.eventsByMonth.entries()) {
        expect(grew[k]).toEqual(
          m.month === month && i !== 2
            ? expected
            : { eventsHeld: 0, webinarsHeld: 0, registrations: 0, participants: 0 },
        );
      }
      // the months add up to the quarter's own sections
      expect(r.eventsByMonth.reduce((s, m) => s + m.eventsHeld, 0)).toBe(r.events.held);
      expect(r.eventsByMonth.reduce((s, m) => s + m.webinarsHeld, 0)).toBe(
        r.events.byKind.find((k) => k.kind === 'webinar')?.count ?? 0,
      );
      expect(r.eventsByMonth.reduce((s, m) => s + m.registrations, 0)).toBe(r.registrations.confirmed);
      expect(r.eventsByMonth.reduce((s, m) => s + m.participants, 0)).toBe(r.registrations.attended);
    }
  });

  it('counts the quarter before exactly as that quarter’s own report does', async () => {
    for (const org of ['moph-lebanon', 'ilma-usa', 'ilma']) {
      const [now, last] = await Promise.all([report(org), report(org, previousQuarter(quarter))]);
      expect(now.previousQuarter).toEqual({
        quarter: last.quarter,
        signupsReceived: last.signups.received,
        verifiedMembers: last.verifiedMembers.total,
        eventsHeld: last.events.held,
        participants: last.registrations.attended,
        contactRequests: last.contactRequests.total,
        needsOpened: last.needs.opened,
        needsFilled: last.needs.filled,
        fundsRaised: last.fundsRaised.totals,
      });
    }
    // the seeded season gives the quarter before something to compare with
    const ministry = await report('moph-lebanon');
    expect(ministry.previousQuarter.eventsHeld + ministry.previousQuarter.fundsRaised.length).toBeGreaterThan(0);
  });

  it('draws the line between two quarters at the first instant of the second', async () => {
    // 2020: a quarter the seeded season never reaches
    const q2 = quarterBounds('2020-Q2').start;
    const lastOfQ1 = new Date(q2.getTime() - 1);
    const before = await Promise.all([report('ilma-usa', '2020-Q1'), report('ilma-usa', '2020-Q2')]);
    await heldEvent({ registered: 2, attended: 2, startsAt: new Date(q2.getTime() - 60_000) });
    await heldEvent({ registered: 3, attended: 1, startsAt: q2 });
    const after = await Promise.all([report('ilma-usa', '2020-Q1'), report('ilma-usa', '2020-Q2')]);
    expect(after[0].eventsByMonth.at(-1)).toEqual({
      month: '2020-03',
      eventsHeld: before[0].eventsByMonth.at(-1)!.eventsHeld + 1,
      webinarsHeld: before[0].eventsByMonth.at(-1)!.webinarsHeld + 1,
      registrations: before[0].eventsByMonth.at(-1)!.registrations + 2,
      participants: before[0].eventsByMonth.at(-1)!.participants + 2,
    });
    expect(after[1].eventsByMonth[0]).toEqual({
      month: '2020-04',
      eventsHeld: before[1].eventsByMonth[0]!.eventsHeld + 1,
      webinarsHeld: before[1].eventsByMonth[0]!.webinarsHeld + 1,
      registrations: before[1].eventsByMonth[0]!.registrations + 3,
      participants: before[1].eventsByMonth[0]!.participants + 1,
    });
    expect(after[1].previousQuarter.eventsHeld - before[1].previousQuarter.eventsHeld).toBe(1);
    expect(after[1].previousQuarter.participants - before[1].previousQuarter.participants).toBe(2);

    // a need opened in the last instant of Q1 and filled in the first of Q2, its answer at the turn too
    const person = await professional();
    const id = await postNeed({ priorityArea: 'ncd-prevention' });
    const answer = await answered(id, person);
    await assign(id, answer);
    await outcome(id, answer, 6, 11);
    await sql`UPDATE need_changes SET created_at = CASE WHEN to_state = 'filled' THEN ${q2}::timestamptz ELSE ${lastOfQ1}::timestamptz END
              WHERE need_id = ${id}`.execute(env().db);
    await sql`UPDATE need_responses SET created_at = ${lastOfQ1} WHERE id = ${answer}`.execute(env().db);
    await sql`UPDATE need_response_changes SET created_at = CASE WHEN action IN ('assigned', 'outcome_recorded')
              THEN ${q2}::timestamptz ELSE ${lastOfQ1}::timestamptz END WHERE response_id = ${answer}`.execute(
      env().db,
    );
    const [q1Report, q2Report] = await Promise.all([
      report('moph-lebanon', '2020-Q1'),
      report('moph-lebanon', '2020-Q2'),
    ]);
    expect(needFigures(q1Report)).toEqual({
      opened: 1,
      filled: 0,
      closed: 0,
      openAtEnd: 1,
      answers: 1,
      assigned: 0,
      outcomes: 0,
      hours: 0,
      peopleReached: 0,
    });
    expect(q1Report.needs.byPriorityArea).toEqual([
      { priorityArea: 'ncd-prevention', opened: 1, filled: 0, assigned: 0, hours: 0, peopleReached: 0 },
    ]);
    expect(needFigures(q2Report)).toEqual({
      opened: 0,
      filled: 1,
      closed: 0,
      openAtEnd: 0,
      answers: 0,
      assigned: 1,
      outcomes: 1,
      hours: 6,
      peopleReached: 11,
    });
    expect(q2Report.needs.byPriorityArea).toEqual([
      { priorityArea: 'ncd-prevention', opened: 0, filled: 1, assigned: 1, hours: 6, peopleReached: 11 },
    ]);
    expect(q2Report.previousQuarter).toMatchObject({ quarter: '2020-Q1', needsOpened: 1, needsFilled: 0 });
  });

  describe('narrative', () => {
    const NARRATIVE: ReportNarrativeInput = {
      milestones: [
        { date: '2020-09-12', text: 'Tele-ECG reading rota started in Akkar.' },
        { text: 'A second hospital joined, date to be confirmed.' },
      ],
      outcomes: [{ text: '1460 health workers attended diaspora webinars.' }],
      challenges: [{ text: '=Internet outages in the north, "twice", cut sessions short.' }],
    };
    const NARRATIVE_Q2: ReportNarrativeInput = {
      milestones: [{ date: '2020-06-30', text: 'The last day of the quarter counts.' }],
      outcomes: [],
      challenges: [],
    };
    const put = (quarter: string, body: unknown, org = 'moph-lebanon') =>
      admin('PUT', `/v1/admin/reports/engagement/narratives/${quarter}`, body, org);
    const stored = () => env().db.selectFrom('report_narratives').selectAll().orderBy('quarter').execute();

    it('is written whole, read back in the report, and replaced whole', async () => {
      const empty = await report('moph-lebanon', '2020-Q3');
      expect(empty.narrative).toEqual({
        quarter: '2020-Q3',
        milestones: [],
        outcomes: [],
        challenges: [],
        updatedAt: null,
      });

      const written = await put('2020-Q3', NARRATIVE);
      expect(written.response.status).toBe(200);
      expect(written.json).toEqual({ quarter: '2020-Q3', ...NARRATIVE, updatedAt: expect.any(String) });
      const shown = await report('moph-lebanon', '2020-Q3');
      expect(shown.narrative).toEqual(written.json);
      // another organisation and another quarter have their own (empty) narratives
      expect((await report('ilma-usa', '2020-Q3')).narrative.updatedAt).toBeNull();
      expect((await report('moph-lebanon', '2020-Q4')).narrative.milestones).toEqual([]);

      const again = await put('2020-Q3', NARRATIVE);
      expect({ ...again.json, updatedAt: null }).toEqual({ ...written.json, updatedAt: null });
      expect(Date.parse(again.json.updatedAt)).toBeGreaterThanOrEqual(Date.parse(written.json.updatedAt));

      const replaced = await put('2020-Q3', { milestones: [], outcomes: [{ text: 'Only this.' }], challenges: [] });
      expect(replaced.json).toMatchObject({ milestones: [], outcomes: [{ text: 'Only this.' }], challenges: [] });
      expect((await report('moph-lebanon', '2020-Q3')).narrative).toEqual(replaced.json);
    });

    it.each([
      [
        'a milestone dated before the quarter',
        { ...NARRATIVE, milestones: [NARRATIVE.milestones[0], { date: '2020-06-30', text: 'Too early.' }] },
        '/milestones/1/date',
      ],
      [
        'a milestone dated after the quarter',
        { ...NARRATIVE, milestones: [{ date: '2020-10-01', text: 'Late.' }] },
        '/milestones/0/date',
      ],
      ['a blank text', { ...NARRATIVE, challenges: [{ text: '   ' }] }, '/challenges/0/text'],
      ['a missing list', { milestones: [], outcomes: [] }, '/challenges'],
      ['an unknown field', { ...NARRATIVE, summary: 'no' }, '/summary'],
      ['an empty text', { ...NARRATIVE, outcomes: [{ text: '' }] }, '/outcomes/0/text'],
      [
        'a date that is no date',
        { ...NARRATIVE, milestones: [{ date: '2020-09-31', text: 'x' }] },
        '/milestones/0/date',
      ],
    ])('refuses %s with a pointer and writes nothing', async (_, body, pointer) => {
      await put('2020-Q3', NARRATIVE);
      const before = await stored();
      const { response, json } = await put('2020-Q3', body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(json.type).toBe('https://mahjar.dev/problems/validation');
      expect(json.errors.map((e: Json) => e.pointer)).toContain(pointer);
      expect(await stored()).toEqual(before);
    });

    it('takes an editor, and lets a viewer read the report but not write its narrative', async () => {
      const keyWithRole = async (role: 'viewer' | 'editor') => {
        const made = await admin('POST', '/v1/admin/api-keys', { kind: 'secret', name: `${role} ${tag}`, role });
        expect(made.response.status).toBe(201);
        return made.json.key as string;
      };
      const [viewer, editor] = [await keyWithRole('viewer'), await keyWithRole('editor')];
      const send = (key: string, body: unknown) =>
        env().fetch('/v1/admin/reports/engagement/narratives/2020-Q2', {
          method: 'PUT',
          headers: { 'Mahjar-Secret-Key': key, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const before = await stored();
      const refused = await send(viewer, NARRATIVE_Q2);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await stored()).toEqual(before);
      const read = await env().fetch('/v1/admin/reports/engagement?quarter=2020-Q2', {
        headers: { 'Mahjar-Secret-Key': viewer },
      });
      expect(read.status).toBe(200);
      expect(((await read.json()) as EngagementReport).narrative.updatedAt).toBeNull();
      expect((await send(editor, NARRATIVE_Q2)).status).toBe(200);
      expect((await report('moph-lebanon', '2020-Q2')).narrative).toMatchObject(NARRATIVE_Q2);
    });

    it('refuses a malformed quarter, a publishable key and no key', async () => {
      const before = await stored();
      expect((await put('2020-Q5', NARRATIVE)).response.status).toBe(400);
      const publishable = await env()
        .client()
        .PUT('/v1/admin/reports/engagement/narratives/{quarter}', {
          params: { path: { quarter: '2020-Q3' } },
          body: NARRATIVE,
        });
      expect(publishable.response.status).toBe(403);
      const anonymous = await env().fetch('/v1/admin/reports/engagement/narratives/2020-Q3', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(NARRATIVE),
      });
      expect(anonymous.status).toBe(401);
      expect(await stored()).toEqual(before);
    });

    it('exports the new tables as CSV sections', async () => {
      await put('2020-Q3', NARRATIVE);
      const res = await env().fetch('/v1/admin/reports/engagement?quarter=2020-Q3&format=csv', {
        headers: { 'Mahjar-Secret-Key': secretOf('moph-lebanon') },
      });
      const json = await report('moph-lebanon', '2020-Q3');
      const text = await res.text();
      const section = (name: string) => {
        const start = text.indexOf(`# ${name}\r\n`);
        expect(start, name).toBeGreaterThanOrEqual(0);
        const body = text.slice(start + name.length + 4);
        return body
          .slice(0, body.indexOf('\r\n#') === -1 ? undefined : body.indexOf('\r\n#'))
          .split('\r\n')
          .filter(Boolean);
      };
      expect(section('events_by_month')).toEqual([
        'month,events_held,webinars_held,registrations,participants',
        ...json.eventsByMonth.map((m) =>
          [m.month, m.eventsHeld, m.webinarsHeld, m.registrations, m.participants].join(','),
        ),
      ]);
      const d = json.needs;
      expect(section('needs')).toEqual([
        'opened,filled,closed,open_at_end,answers,assigned,outcomes,hours,people_reached',
        [d.opened, d.filled, d.closed, d.openAtEnd, d.answers, d.assigned, d.outcomes, d.hours, d.peopleReached].join(
          ',',
        ),
      ]);
      expect(section('needs_by_priority_area')[0]).toBe('priority_area,opened,filled,assigned,hours,people_reached');
      const b = json.previousQuarter;
      expect(section('previous_quarter')).toEqual([
        'quarter,signups_received,verified_members,events_held,participants,contact_requests,needs_opened,needs_filled',
        [
          b.quarter,
          b.signupsReceived,
          b.verifiedMembers,
          b.eventsHeld,
          b.participants,
          b.contactRequests,
          b.needsOpened,
          b.needsFilled,
        ].join(','),
      ]);
      expect(section('previous_quarter_funds')[0]).toBe('quarter,currency,amount_minor,donations');
      expect(section('narrative_milestones')).toEqual([
        'date,text',
        '2020-09-12,Tele-ECG reading rota started in Akkar.',
        ',"A second hospital joined, date to be confirmed."',
      ]);
      expect(section('narrative_outcomes')).toEqual(['text', '1460 health workers attended diaspora webinars.']);
      // a spreadsheet would run a formula: the cell is quoted
      expect(section('narrative_challenges')).toEqual([
        'text',
        `"'=Internet outages in the north, ""twice"", cut sessions short."`,
      ]);
    });
  });
});

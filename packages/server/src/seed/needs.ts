import { createHash } from 'node:crypto';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, NeedResponseChangesTable, NeedResponseState, NeedState } from '../db/schema.js';
import { Random } from './prng.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type SeedNeedChange = [
  action: 'created' | 'state_changed',
  from: NeedState | null,
  to: NeedState,
  note: string | null,
  daysAfter: number,
];

/** What came of a need: how many answered, how many of them were assigned, how many reported back. */
interface Loop {
  answers: number;
  assigned: number;
  outcomes: number;
}

interface SeedNeed {
  ministry: string;
  daysAgo: number;
  state: NeedState;
  title: string;
  description: string | null;
  specialty: string;
  sub_specialty: string | null;
  offer_kinds: string[];
  country: string;
  city: string | null;
  facility: string | null;
  remote: boolean;
  time_zone: string | null;
  starts_on: string | null;
  ends_on: string | null;
  languages: string[];
  priority_area: string;
  people: number;
  history: SeedNeedChange[];
  loop?: Loop;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The ministries' needs over the seeded season (synthetic): every state, most priority areas, the
 * current quarter and the one before, so the impact report has something in every chart. A need's
 * history and its answers agree with the server's rules: answers only while open, an assignment
 * fills the need when its people are all assigned, outcomes only for assignments, nothing after now.
 */
function buildNeeds(now: Date): SeedNeed[] {
  const on = (days: number) => isoDate(new Date(now.getTime() + days * DAY));
  const common = {
    description: null,
    city: null,
    facility: null,
    sub_specialty: null,
    starts_on: null,
    ends_on: null,
    time_zone: null,
  };
  const remote = { remote: true, time_zone: 'Asia/Beirut' };
  const draftThenOpen = (days: number): SeedNeedChange[] => [
    ['created', null, 'draft', null, 0],
    ['state_changed', 'draft', 'open', 'Approved by the International Office.', days],
  ];
  return [
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 40,
      state: 'open',
      title: 'Tele-consultations in paediatric cardiology for Akkar',
      description: 'Weekly remote case reviews with the paediatric team. (Synthetic demo need.)',
      specialty: 'paediatrics',
      sub_specialty: 'paediatric-cardiology',
      offer_kinds: ['telehealth', 'mentoring'],
      country: 'LB',
      city: 'Halba',
      facility: 'Halba Governmental Hospital',
      languages: ['ar', 'en'],
      priority_area: 'maternal-child-health',
      people: 2,
      history: draftThenOpen(2),
      loop: { answers: 3, assigned: 1, outcomes: 1 },
    },
    {
      ...common,
      ministry: 'moph-lebanon',
      daysAgo: 25,
      state: 'open',
      title: 'Emergency physicians for a four-week return placement',
      specialty: 'emergency-medicine',
      offer_kinds: ['return_placement'],
      country: 'LB',
      city: 'Beirut',
      facility: 'Rafik Hariri University Hospital',
      remote: false,
      starts_on: on(30),
      ends_on: on(58),
      languages: ['ar'],
      priority_area: 'emergency-preparedness',
      people: 4,
      history: [['created', null, 'open', null, 0]],
      loop: { answers: 2, assigned: 0, outcomes: 0 },
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 90,
      state: 'filled',
      title: 'Online teaching for psychiatry residents',
      specialty: 'psychiatry',
      offer_kinds: ['teaching'],
      country: 'LB',
      starts_on: on(-60),
      ends_on: on(60),
      languages: ['fr', 'ar'],
      priority_area: 'mental-health',
      people: 1,
      history: [
        ['created', null, 'draft', null, 0],
        ['state_changed', 'draft', 'open', null, 1],
        ['state_changed', 'open', 'filled', 'A psychiatrist in Montréal teaches every other Thursday.', 20],
      ],
      loop: { answers: 2, assigned: 1, outcomes: 1 },
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 3,
      state: 'draft',
      title: 'Research partnership on cancer registries',
      specialty: 'oncology',
      offer_kinds: ['research'],
      country: 'LB',
      languages: ['en'],
      priority_area: 'ncd-prevention',
      people: 1,
      history: [['created', null, 'draft', null, 0]],
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 150,
      state: 'filled',
      title: 'Tele-ECG reading for district hospitals',
      specialty: 'cardiology',
      offer_kinds: ['telehealth'],
      country: 'LB',
      city: 'Baalbek',
      languages: ['ar', 'en'],
      priority_area: 'digital-health',
      people: 2,
      history: [...draftThenOpen(3), ['state_changed', 'open', 'filled', 'filled by assignment', 24]],
      loop: { answers: 4, assigned: 2, outcomes: 2 },
    },
    {
      ...common,
      ministry: 'moph-lebanon',
      daysAgo: 120,
      state: 'filled',
      title: 'Surgical mission to Tripoli for cleft repairs',
      specialty: 'general-surgery',
      offer_kinds: ['medical_mission'],
      country: 'LB',
      city: 'Tripoli',
      remote: false,
      starts_on: on(-70),
      ends_on: on(-60),
      languages: ['ar'],
      priority_area: 'maternal-child-health',
      people: 1,
      history: [
        ['created', null, 'open', null, 0],
        ['state_changed', 'open', 'filled', 'filled by assignment', 12],
      ],
      loop: { answers: 2, assigned: 1, outcomes: 1 },
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 110,
      state: 'closed',
      title: 'Mentoring for new family-medicine graduates',
      specialty: 'family-medicine',
      offer_kinds: ['mentoring'],
      country: 'LB',
      languages: ['ar', 'fr'],
      priority_area: 'primary-health-care',
      people: 3,
      history: [
        ...draftThenOpen(2),
        ['state_changed', 'open', 'closed', 'Covered by the Order of Physicians’ own programme.', 40],
      ],
      loop: { answers: 1, assigned: 0, outcomes: 0 },
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 60,
      state: 'open',
      title: 'Teaching critical care to nurses in the Bekaa',
      specialty: 'critical-care',
      offer_kinds: ['teaching', 'telehealth'],
      country: 'LB',
      city: 'Zahle',
      languages: ['ar', 'en'],
      priority_area: 'health-workforce',
      people: 3,
      history: draftThenOpen(1),
      loop: { answers: 4, assigned: 2, outcomes: 1 },
    },
    {
      ...common,
      ...remote,
      ministry: 'moph-lebanon',
      daysAgo: 15,
      state: 'open',
      title: 'Diabetes clinic protocols for primary care centres',
      specialty: 'endocrinology',
      offer_kinds: ['mentoring', 'research'],
      country: 'LB',
      languages: ['en'],
      priority_area: 'ncd-prevention',
      people: 1,
      history: [['created', null, 'open', null, 0]],
      loop: { answers: 1, assigned: 0, outcomes: 0 },
    },
    {
      ...common,
      ministry: 'moh-iraq',
      daysAgo: 130,
      remote: true,
      time_zone: 'Asia/Baghdad',
      state: 'filled',
      title: 'Oncology tumour boards for Basra',
      specialty: 'oncology',
      offer_kinds: ['telehealth', 'teaching'],
      country: 'IQ',
      city: 'Basra',
      languages: ['ar', 'en'],
      priority_area: 'ncd-prevention',
      people: 1,
      history: [
        ['created', null, 'open', null, 0],
        ['state_changed', 'open', 'filled', 'filled by assignment', 15],
      ],
      loop: { answers: 2, assigned: 1, outcomes: 1 },
    },
    {
      ...common,
      ministry: 'moh-iraq',
      daysAgo: 35,
      remote: false,
      state: 'open',
      title: 'Emergency medicine return placement in Mosul',
      specialty: 'emergency-medicine',
      offer_kinds: ['return_placement'],
      country: 'IQ',
      city: 'Mosul',
      starts_on: on(20),
      ends_on: on(50),
      languages: ['ar'],
      priority_area: 'emergency-preparedness',
      people: 2,
      history: [['created', null, 'open', null, 0]],
      loop: { answers: 2, assigned: 1, outcomes: 0 },
    },
  ];
}

/** The changes and times of one answer, as the server would have written them. */
interface SeedAnswer {
  answeredAt: Date;
  shortlistedAt?: Date;
  assignedAt?: Date;
  outcomeAt?: Date;
}

/** When each answer came and moved, from the need's history: answers while open, assignments filling it last. */
function answerTimes(need: SeedNeed, created: Date, now: Date): SeedAnswer[] {
  const loop = need.loop;
  if (!loop) return [];
  const at = (days: number) => new Date(created.getTime() + days * DAY);
  const opened = need.history.find((h) => h[2] === 'open')!;
  const left = need.history.find((h) => h[1] === 'open');
  const openFrom = at(opened[4]).getTime();
  const openUntil = Math.min(left ? at(left[4]).getTime() : now.getTime(), now.getTime());
  const span = openUntil - openFrom;
  return Array.from({ length: loop.answers }, (_, k) => {
    // answers in the first half of the open time, assignments in the second, a filled need's last at its filling
    const answeredAt = new Date(openFrom + ((k + 1) * span) / (2 * (loop.answers + 1)) + 9 * HOUR);
    if (k >= loop.assigned) return { answeredAt };
    const assignedAt =
      need.state === 'filled' && left && k === loop.assigned - 1
        ? new Date(at(left[4]).getTime())
        : new Date(openFrom + span / 2 + ((k + 1) * span) / (2 * (loop.assigned + 1)));
    const shortlistedAt = new Date((answeredAt.getTime() + assignedAt.getTime()) / 2);
    const outcome = new Date(assignedAt.getTime() + 21 * DAY);
    return {
      answeredAt,
      shortlistedAt,
      assignedAt,
      ...(k < loop.outcomes && outcome < now ? { outcomeAt: outcome } : {}),
    };
  });
}

const OUTCOMES = [
  'Weekly remote case reviews with the district team. (Synthetic.)',
  'Two evening lectures a month for the residents. (Synthetic.)',
  'Protocols reviewed and a follow-up clinic started. (Synthetic.)',
  'Ten days on site; the local team now runs the list. (Synthetic.)',
];

/**
 * Inserts the ministries' needs, each with its history, and the answers, shortlists, assignments
 * and outcomes of the professionals in the ministry's consent scope (verified, listed, naming it).
 */
export async function seedNeeds(
  trx: Kysely<DB>,
  o: { seedName: string; now: Date; orgIds: Map<string, string> },
): Promise<{ needs: number; answers: number }> {
  const needRnd = new Random(`${o.seedName}:needs`);
  const loopRnd = new Random(`${o.seedName}:need-loop`);
  const scope = new Map<string, string[]>();
  let needs = 0;
  let answers = 0;
  let invitation = 0;
  for (const n of buildNeeds(o.now)) {
    const ministryId = o.orgIds.get(n.ministry);
    if (!ministryId) continue;
    const id = needRnd.uuid();
    const created = new Date(o.now.getTime() - n.daysAgo * DAY);
    const { daysAgo: _, history, loop: __, ministry, ...columns } = n;
    await trx
      .insertInto('needs')
      .values({ ...columns, id, organisation_id: ministryId, created_at: created, updated_at: created })
      .execute();
    await trx
      .insertInto('need_changes')
      .values(
        history.map(([action, from, to, note, days]) => ({
          id: needRnd.uuid(),
          need_id: id,
          action,
          from_state: from,
          to_state: to,
          api_key_id: null,
          note,
          created_at: new Date(created.getTime() + days * DAY),
        })),
      )
      .execute();
    needs++;

    if (!scope.has(ministry)) {
      const rows = await sql<{ id: string }>`
        SELECT id FROM professionals WHERE status = 'verified' AND listed AND ${ministry}::text = ANY(ministries)
        ORDER BY id LIMIT 200`.execute(trx);
      scope.set(
        ministry,
        rows.rows.map((r) => r.id),
      );
    }
    const people = scope.get(ministry)!;
    const times = answerTimes(n, created, o.now).slice(0, people.length);
    const first = loopRnd.int(0, Math.max(0, people.length - 1));
    for (const [k, t] of times.entries()) {
      const professionalId = people[(first + k) % people.length]!;
      const responseId = loopRnd.uuid();
      const via = loopRnd.chance(0.7) ? 'invitation' : 'member';
      if (via === 'invitation') {
        const invitedAt = new Date(t.answeredAt.getTime() - loopRnd.int(2, 48) * HOUR);
        await trx
          .insertInto('need_invitations')
          .values({
            id: loopRnd.uuid(),
            need_id: id,
            professional_id: professionalId,
            // the hash of a token nobody was ever sent
            token_hash: createHash('sha256').update(`seed-invitation-${o.seedName}-${++invitation}`).digest('hex'),
            api_key_id: null,
            created_at: invitedAt,
            expires_at: new Date(invitedAt.getTime() + 30 * DAY),
          })
          .execute();
      }
      const outcome = t.outcomeAt
        ? {
            outcome_done: true,
            outcome_hours: loopRnd.int(4, 40),
            outcome_people: loopRnd.int(10, 250),
            outcome_summary: OUTCOMES[loopRnd.int(0, OUTCOMES.length - 1)]!,
          }
        : {};
      const last = t.outcomeAt ?? t.assignedAt ?? t.answeredAt;
      await trx
        .insertInto('need_responses')
        .values({
          id: responseId,
          need_id: id,
          professional_id: professionalId,
          state: t.assignedAt ? 'assigned' : t.shortlistedAt ? 'shortlisted' : 'interested',
          via,
          message: loopRnd.chance(0.5) ? 'I can give two evenings a week. (Synthetic.)' : null,
          ...outcome,
          created_at: t.answeredAt,
          updated_at: last,
        })
        .execute();
      const change = (
        action: NeedResponseChangesTable['action'],
        from: NeedResponseState | null,
        to: NeedResponseState,
        at: Date,
        note: string | null = null,
      ): Insertable<NeedResponseChangesTable> => ({
        id: loopRnd.uuid(),
        response_id: responseId,
        action,
        from_state: from,
        to_state: to,
        api_key_id: null,
        note,
        created_at: at,
      });
      const changes = [change('answered', null, 'interested', t.answeredAt)];
      if (t.shortlistedAt) changes.push(change('shortlisted', 'interested', 'shortlisted', t.shortlistedAt));
      if (t.assignedAt) changes.push(change('assigned', 'shortlisted', 'assigned', t.assignedAt));
      if (t.outcomeAt) {
        changes.push(change('outcome_recorded', 'assigned', 'assigned', t.outcomeAt, outcome.outcome_summary));
      }
      await trx.insertInto('need_response_changes').values(changes).execute();
      answers++;
    }
  }
  return { needs, answers };
}

/** The coordinators' words for the seeded quarters: the current one and the one before (synthetic). */
export async function seedNarratives(trx: Kysely<DB>, o: { now: Date; orgIds: Map<string, string> }): Promise<number> {
  const quarterOf = (d: Date) => ({
    quarter: `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`,
    start: new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)),
  });
  const current = quarterOf(o.now);
  const before = quarterOf(new Date(current.start.getTime() - 1));
  /** A day within the quarter that is not after now. */
  const dayIn = (q: { start: Date }, days: number) =>
    isoDate(new Date(Math.min(q.start.getTime() + days * DAY, o.now.getTime())));
  const rows = [
    {
      organisation: 'moph-lebanon',
      q: before,
      milestones: [
        { date: dayIn(before, 20), text: 'Tele-ECG reading rota started for the district hospitals. (Synthetic.)' },
        { date: dayIn(before, 55), text: 'First surgical mission of the year completed in Tripoli. (Synthetic.)' },
      ],
      outcomes: [{ text: 'Diaspora webinars reached health workers in every governorate. (Synthetic.)' }],
      challenges: [{ text: 'Power cuts shortened two tele-consultation sessions. (Synthetic.)' }],
    },
    {
      organisation: 'moph-lebanon',
      q: current,
      milestones: [
        { date: dayIn(current, 10), text: 'Critical-care teaching for Bekaa nurses began. (Synthetic.)' },
        { text: 'A second district asked to join the tele-ECG rota. (Synthetic.)' },
      ],
      outcomes: [{ text: 'Psychiatry residents had two diaspora lectures a month. (Synthetic.)' }],
      challenges: [{ text: 'Return placements wait for licence recognition. (Synthetic.)' }],
    },
    {
      organisation: 'moh-iraq',
      q: current,
      milestones: [{ date: dayIn(current, 14), text: 'Basra tumour boards now meet weekly. (Synthetic.)' }],
      outcomes: [{ text: 'Oncology cases reviewed with colleagues abroad. (Synthetic.)' }],
      challenges: [],
    },
  ];
  let written = 0;
  for (const r of rows) {
    const organisationId = o.orgIds.get(r.organisation);
    if (!organisationId) continue;
    await trx
      .insertInto('report_narratives')
      .values({
        organisation_id: organisationId,
        quarter: r.q.quarter,
        milestones: JSON.stringify(r.milestones),
        outcomes: JSON.stringify(r.outcomes),
        challenges: JSON.stringify(r.challenges),
        updated_at: o.now,
      })
      .execute();
    written++;
  }
  return written;
}

import { randomBytes } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, NeedResponseState, NeedResponsesTable } from '../../db/schema.js';
import { hashKey } from '../../http/auth.js';
import type { Handlers, Principal } from '../../http/types.js';
import { sendMail } from '../../mail/send.js';
import type { NeedMailData } from '../../mail/texts.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import { AUDIENCE_SEES } from '../professionals/model.js';
import { normaliseOrigin } from '../system.js';
import { type NeedRow, ownedNeed, requireMinistry } from './model.js';

type Schemas = components['schemas'];
type ResponseRow = Selectable<NeedResponsesTable>;
type Ops =
  | 'inviteNeedCandidates'
  | 'listNeedResponses'
  | 'changeNeedResponseState'
  | 'recordNeedOutcome'
  | 'answerNeed'
  | 'answerNeedAsMember';

/** How long an invitation's link works. */
export const INVITATION_TTL_MS = 30 * 24 * 3600_000;

/** Where an answer may go (`changeNeedResponseState`); every other move is a conflict. */
const NEXT: Record<NeedResponseState, readonly NeedResponseState[]> = {
  interested: ['shortlisted'],
  shortlisted: ['assigned'],
  assigned: [],
};

const MINISTRY_SEES = [...AUDIENCE_SEES.ministry];

/** The professionals among `ids` in `ministry`'s consent scope: verified, listed, naming it in their latest consent. */
function inScope(db: Kysely<DB>, ministry: string) {
  return db
    .selectFrom('professionals')
    .where('status', '=', 'verified')
    .where('listed', '=', true)
    .where(sql<boolean>`${ministry} = ANY (ministries)`);
}

const invalidLink = () =>
  new ProblemError(
    'need-invitation-invalid',
    'This invitation link is unknown, has expired, was replaced by a newer one, or is for another need.',
    { errors: [{ pointer: '/token', detail: 'is not a valid invitation for this need' }] },
  );

/** The mail's words about a need and its reader. */
function mailData(
  need: NeedRow,
  person: { given_name: string; family_name: string; given_name_ar: string | null; family_name_ar: string | null },
): NeedMailData {
  const nameAr = person.given_name_ar ? `${person.given_name_ar} ${person.family_name_ar ?? ''}`.trim() : null;
  return {
    name: `${person.given_name} ${person.family_name}`,
    nameAr,
    title: need.title,
    // the ministry's own words and a country code: nothing here needs translating
    place: [need.facility, need.city, need.country].filter(Boolean).join(', '),
  };
}

/** The answers as the ministry sees them (only people still in its consent scope), each with its history. */
async function responseViews(
  db: Kysely<DB>,
  ministry: string,
  rows: ResponseRow[],
): Promise<Schemas['NeedResponse'][]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [people, changes] = await Promise.all([
    inScope(db, ministry)
      .select([
        'id',
        sql<Schemas['Professional']>`mahjar_professional_view(professionals, ${MINISTRY_SEES}::text[])`.as('view'),
      ])
      .where(
        'id',
        'in',
        rows.map((r) => r.professional_id),
      )
      .execute(),
    db
      .selectFrom('need_response_changes')
      .selectAll()
      .where('response_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const views = new Map(people.map((p) => [p.id, p.view]));
  const byResponse = Map.groupBy(changes, (c) => c.response_id);
  return rows.flatMap((r) => {
    const professional = views.get(r.professional_id);
    if (!professional) return [];
    return [
      {
        id: r.id,
        needId: r.need_id,
        professional,
        state: r.state,
        via: r.via,
        message: r.message,
        outcome:
          r.outcome_done === null
            ? null
            : {
                done: r.outcome_done,
                hours: r.outcome_hours!,
                peopleReached: r.outcome_people!,
                summary: r.outcome_summary!,
              },
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        history: (byResponse.get(r.id) ?? []).map((c) => ({
          action: c.action,
          fromState: c.from_state,
          toState: c.to_state,
          apiKeyId: c.api_key_id,
          note: c.note,
          at: c.created_at.toISOString(),
        })),
      },
    ];
  });
}

async function oneResponse(db: Kysely<DB>, ministry: string, row: ResponseRow) {
  const [view] = await responseViews(db, ministry, [row]);
  if (!view) throw new ProblemError('not-found', 'No answer with this id for this need.');
  return view;
}

/** One answer of one of the caller's needs (locked), or 404. */
async function ownedResponse(db: Kysely<DB>, needId: string, id: string): Promise<ResponseRow> {
  const row = await db
    .selectFrom('need_responses')
    .selectAll()
    .where('id', '=', id)
    .where('need_id', '=', needId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No answer with this id for this need.');
  return row;
}

/**
 * Records that `professionalId` can help with `need` (once: a second answer returns the first).
 * Returns the answer and whether it was new.
 */
async function recordAnswer(
  db: Kysely<DB>,
  need: NeedRow,
  professionalId: string,
  via: 'invitation' | 'member',
  message: string | undefined,
  now: Date,
): Promise<{ status: 200 | 201; body: Schemas['NeedAnswer'] }> {
  const inserted = await db
    .insertInto('need_responses')
    .values({
      need_id: need.id,
      professional_id: professionalId,
      via,
      message: message?.trim() ? message : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['need_id', 'professional_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    await db
      .insertInto('need_response_changes')
      .values({
        response_id: inserted.id,
        action: 'answered',
        from_state: null,
        to_state: 'interested',
        api_key_id: null,
        created_at: now,
      })
      .execute();
  }
  const row =
    inserted ??
    (await db
      .selectFrom('need_responses')
      .selectAll()
      .where('need_id', '=', need.id)
      .where('professional_id', '=', professionalId)
      .executeTakeFirstOrThrow());
  return {
    status: inserted ? 201 : 200,
    body: {
      id: row.id,
      needId: need.id,
      needTitle: need.title,
      state: row.state,
      message: row.message,
      createdAt: row.created_at.toISOString(),
    },
  };
}

function memberOf(principal: Principal) {
  if (principal.kind !== 'member') throw new ProblemError('unauthorized', 'Sign in first.');
  return principal;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Issue 17, item 3: the ministry invites candidates, they answer, and it shortlists, assigns and records outcomes. */
export const loopHandlers: Pick<Handlers, Ops> = {
  async inviteNeedCandidates({ db, ctx, principal, path, body }) {
    const p = requireMinistry(principal, 'editor');
    const need = await ownedNeed(db, p.organisationId, path.id, true);
    const organisation = await db
      .selectFrom('organisations')
      .select(['allowed_origins'])
      .where('id', '=', p.organisationId)
      .executeTakeFirstOrThrow();
    const origin = normaliseOrigin(new URL(body.answerUrl).origin);
    if (!origin || !organisation.allowed_origins.includes(origin)) {
      throw new ProblemError(
        'validation',
        `The answer page must be on an allowed origin of ${p.organisationSlug}; ${origin ?? 'this address'} is not.`,
        {
          status: 422,
          errors: [{ pointer: '/answerUrl', detail: 'is not on an allowed origin of this organisation' }],
        },
      );
    }
    const people = await inScope(db, p.organisationSlug)
      .select(['id', 'email', 'locale', 'given_name', 'family_name', 'given_name_ar', 'family_name_ar'])
      .where('id', 'in', body.professionalIds)
      .execute();
    const found = new Set(people.map((x) => x.id));
    const refused = body.professionalIds.flatMap((id, i) =>
      found.has(id)
        ? []
        : [
            {
              pointer: `/professionalIds/${i}`,
              detail: 'is not among the professionals who consented to share with this ministry',
            },
          ],
    );
    if (refused.length) {
      throw new ProblemError(
        'validation',
        `${refused.length} of the professionals cannot be invited by this ministry.`,
        {
          status: 422,
          errors: refused,
        },
      );
    }
    if (need.state !== 'open') {
      throw new ProblemError('conflict', `Only an open need takes invitations; this one is ${need.state}.`);
    }
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const byId = new Map(people.map((x) => [x.id, x]));
    const invited: Schemas['NeedInvitationResult']['invited'] = [];
    for (const id of body.professionalIds) {
      const person = byId.get(id)!;
      const token = `ni_${randomBytes(32).toString('base64url')}`;
      await db
        .insertInto('need_invitations')
        .values({
          need_id: need.id,
          professional_id: id,
          token_hash: hashKey(token),
          api_key_id: p.keyId,
          created_at: now,
          expires_at: expiresAt,
        })
        .onConflict((oc) =>
          oc.columns(['need_id', 'professional_id']).doUpdateSet({
            token_hash: hashKey(token),
            api_key_id: p.keyId,
            created_at: now,
            expires_at: expiresAt,
          }),
        )
        .execute();
      const link = new URL(body.answerUrl);
      // the need's id too: the board shows which need the token answers (getPublicNeed)
      link.hash = `mahjar-need=${need.id}&mahjar-need-answer=${token}`;
      const locale = await sendMail(db, ctx.mailer, {
        kind: 'need_invitation',
        to: person.email,
        organisation: p.organisationSlug,
        locales: [person.locale],
        data: { ...mailData(need, person), link: link.toString(), expiresAt },
      });
      invited.push({ professionalId: id, locale, expiresAt: expiresAt.toISOString() });
    }
    return { status: 200, body: { needId: need.id, invited } };
  },

  async listNeedResponses({ db, principal, path, query }) {
    const p = requireMinistry(principal, 'viewer');
    const need = await ownedNeed(db, p.organisationId, path.id);
    const { items, nextCursor } = await keysetPage(
      db.selectFrom('need_responses').selectAll().where('need_id', '=', need.id),
      query,
      [
        { by: 'created_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
    );
    return { status: 200, body: { items: await responseViews(db, p.organisationSlug, items), nextCursor } };
  },

  async changeNeedResponseState({ db, ctx, principal, path, body }) {
    const p = requireMinistry(principal, 'editor');
    const need = await ownedNeed(db, p.organisationId, path.id, true);
    if (!isUuid(path.responseId)) throw new ProblemError('not-found', 'No answer with this id for this need.');
    const old = await ownedResponse(db, need.id, path.responseId);
    await oneResponse(db, p.organisationSlug, old); // 404 for someone no longer in the consent scope
    if (need.state !== 'open') {
      throw new ProblemError('conflict', `The need is ${need.state}: its answers can no longer change.`);
    }
    if (!NEXT[old.state].includes(body.state)) {
      throw new ProblemError('conflict', `An ${old.state} answer cannot become ${body.state}.`);
    }
    const now = ctx.now();
    const row = await db
      .updateTable('need_responses')
      .set({ state: body.state, updated_at: now })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('need_response_changes')
      .values({
        response_id: row.id,
        action: body.state,
        from_state: old.state,
        to_state: body.state,
        api_key_id: p.keyId,
        note: body.note ?? null,
        created_at: now,
      })
      .execute();
    if (body.state === 'assigned') {
      const person = await db
        .selectFrom('professionals')
        .select(['email', 'locale', 'given_name', 'family_name', 'given_name_ar', 'family_name_ar'])
        .where('id', '=', row.professional_id)
        .executeTakeFirstOrThrow();
      await sendMail(db, ctx.mailer, {
        kind: 'need_assignment',
        to: person.email,
        organisation: p.organisationSlug,
        locales: [person.locale],
        data: mailData(need, person),
      });
      const assigned = await db
        .selectFrom('need_responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('need_id', '=', need.id)
        .where('state', '=', 'assigned')
        .executeTakeFirstOrThrow();
      if (Number(assigned.n) >= need.people) {
        await db.updateTable('needs').set({ state: 'filled', updated_at: now }).where('id', '=', need.id).execute();
        await db
          .insertInto('need_changes')
          .values({
            need_id: need.id,
            action: 'state_changed',
            from_state: 'open',
            to_state: 'filled',
            api_key_id: p.keyId,
            note: 'filled by assignment',
            created_at: now,
          })
          .execute();
      }
    }
    return { status: 200, body: await oneResponse(db, p.organisationSlug, row) };
  },

  async recordNeedOutcome({ db, ctx, principal, path, body }) {
    const p = requireMinistry(principal, 'editor');
    const need = await ownedNeed(db, p.organisationId, path.id, true);
    if (!isUuid(path.responseId)) throw new ProblemError('not-found', 'No answer with this id for this need.');
    const old = await ownedResponse(db, need.id, path.responseId);
    await oneResponse(db, p.organisationSlug, old);
    if (old.state !== 'assigned') {
      throw new ProblemError('conflict', `Only an assigned answer has an outcome; this one is ${old.state}.`);
    }
    const now = ctx.now();
    const row = await db
      .updateTable('need_responses')
      .set({
        outcome_done: body.done,
        outcome_hours: body.hours,
        outcome_people: body.peopleReached,
        outcome_summary: body.summary,
        updated_at: now,
      })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('need_response_changes')
      .values({
        response_id: row.id,
        action: 'outcome_recorded',
        from_state: 'assigned',
        to_state: 'assigned',
        api_key_id: p.keyId,
        note: body.summary,
        created_at: now,
      })
      .execute();
    return { status: 200, body: await oneResponse(db, p.organisationSlug, row) };
  },

  async answerNeed({ db, ctx, path, body }) {
    if (!isUuid(path.id)) throw invalidLink();
    const now = ctx.now();
    const invitation = await db
      .selectFrom('need_invitations')
      .select(['need_id', 'professional_id'])
      .where('token_hash', '=', hashKey(body.token))
      .where('need_id', '=', path.id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!invitation) throw invalidLink();
    const need = (await lockedNeed(db, invitation.need_id))!;
    if (!(await mayAnswer(db, need, invitation.professional_id))) throw invalidLink();
    return recordAnswer(db, need, invitation.professional_id, 'invitation', body.message, now);
  },

  async answerNeedAsMember({ db, ctx, principal, path, body }) {
    const m = memberOf(principal);
    const notFound = () => new ProblemError('not-found', 'No open need with this id for a ministry you share with.');
    if (!isUuid(path.id)) throw notFound();
    const need = await lockedNeed(db, path.id);
    if (!need || !(await mayAnswer(db, need, m.professionalId))) throw notFound();
    return recordAnswer(db, need, m.professionalId, 'member', body.message, ctx.now());
  },
};

/** A need with its ministry's slug, locked for the answer being recorded. */
function lockedNeed(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('needs')
    .innerJoin('organisations as o', 'o.id', 'needs.organisation_id')
    .selectAll('needs')
    .select('o.slug')
    .where('needs.id', '=', id)
    .forUpdate('needs')
    .executeTakeFirst();
}

/**
 * Whether a professional's answer may be recorded: one already given is answered again as it stands
 * (idempotent); a new one needs an open need and the professional's consent to its ministry.
 */
async function mayAnswer(db: Kysely<DB>, need: { id: string; state: string; slug: string }, professionalId: string) {
  const existing = await db
    .selectFrom('need_responses')
    .select('id')
    .where('need_id', '=', need.id)
    .where('professional_id', '=', professionalId)
    .executeTakeFirst();
  if (existing) return true;
  if (need.state !== 'open') return false;
  return !!(await inScope(db, need.slug).select('id').where('id', '=', professionalId).executeTakeFirst());
}

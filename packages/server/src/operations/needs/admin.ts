import type { Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import {
  changedFields,
  checkNeed,
  EDITABLE,
  fieldsOf,
  NEXT_STATES,
  needColumns,
  needViews,
  ownedNeed,
  requireMinistry,
} from './model.js';

type Ops = 'createNeed' | 'listNeeds' | 'getNeed' | 'updateNeed' | 'changeNeedState';

export const needAdminHandlers: Pick<Handlers, Ops> = {
  async createNeed({ db, ctx, principal, body }) {
    const p = requireMinistry(principal, 'editor');
    const { state = 'draft', ...fields } = body;
    await checkNeed(db, fields);
    const now = ctx.now();
    const row = await db
      .insertInto('needs')
      .values({ ...needColumns(fields), organisation_id: p.organisationId, state, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('need_changes')
      .values({
        need_id: row.id,
        action: 'created',
        from_state: null,
        to_state: state,
        api_key_id: p.keyId,
        created_at: now,
      })
      .execute();
    const [view] = await needViews(db, [row], p.organisationSlug);
    return { status: 201, headers: { Location: `/v1/admin/needs/${row.id}` }, body: view! };
  },

  async listNeeds({ db, principal, query }) {
    const p = requireMinistry(principal, 'viewer');
    let q = db.selectFrom('needs').selectAll().where('organisation_id', '=', p.organisationId);
    if (query.state) q = q.where('state', '=', query.state);
    const { items, nextCursor } = await keysetPage(
      q,
      query,
      [
        { by: 'created_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
      'desc',
    );
    return { status: 200, body: { items: await needViews(db, items, p.organisationSlug), nextCursor } };
  },

  async getNeed({ db, principal, path }) {
    const p = requireMinistry(principal, 'viewer');
    const row = await ownedNeed(db, p.organisationId, path.id);
    const [view] = await needViews(db, [row], p.organisationSlug);
    return { status: 200, body: view! };
  },

  async updateNeed({ db, ctx, principal, path, body }) {
    const p = requireMinistry(principal, 'editor');
    const old = await ownedNeed(db, p.organisationId, path.id, true);
    if (!EDITABLE.includes(old.state)) {
      throw new ProblemError('conflict', `A ${old.state} need can no longer be changed.`);
    }
    await checkNeed(db, body);
    const fields = changedFields(fieldsOf(old), body);
    const now = ctx.now();
    const row = await db
      .updateTable('needs')
      .set({ ...needColumns(body), updated_at: now })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('need_changes')
      .values({
        need_id: row.id,
        action: 'updated',
        from_state: old.state,
        to_state: old.state,
        fields,
        api_key_id: p.keyId,
        created_at: now,
      })
      .execute();
    const [view] = await needViews(db, [row], p.organisationSlug);
    return { status: 200, body: view! };
  },

  async changeNeedState({ db, ctx, principal, path, body }) {
    const p = requireMinistry(principal, 'editor');
    const old = await ownedNeed(db, p.organisationId, path.id, true);
    const allowed = NEXT_STATES[old.state];
    if (!allowed.includes(body.state)) {
      throw new ProblemError(
        'conflict',
        allowed.length
          ? `A ${old.state} need cannot become ${body.state} (it can become ${allowed.join(' or ')}).`
          : `A ${old.state} need cannot change state any more.`,
      );
    }
    const now = ctx.now();
    const row = await db
      .updateTable('needs')
      .set({ state: body.state, updated_at: now })
      .where('id', '=', old.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('need_changes')
      .values({
        need_id: row.id,
        action: 'state_changed',
        from_state: old.state,
        to_state: body.state,
        api_key_id: p.keyId,
        note: body.note ?? null,
        created_at: now,
      })
      .execute();
    const [view] = await needViews(db, [row], p.organisationSlug);
    return { status: 200, body: view! };
  },
};

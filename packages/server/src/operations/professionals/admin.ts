import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB, Professional as ProfessionalRow, ProfessionalStatus } from '../../db/schema.js';
import { requireRole } from '../../http/auth.js';
import type { AdminPrincipal, Handlers } from '../../http/types.js';
import { sendMail } from '../../mail/send.js';
import { ProblemError } from '../../problems.js';
import { keysetPage } from '../paging.js';
import {
  type Audience,
  consentsAndNotes,
  type MemberScope,
  memberScope,
  namesOf,
  sees,
  toAdminProfessional,
} from './model.js';

type Schemas = components['schemas'];
type Ops = 'listPendingProfessionals' | 'reviewProfessional' | 'exportMembers';
type Decision = Schemas['ReviewInput']['decision'];

/** decision → (statuses it applies to, resulting status); see reviewProfessional in the contract. */
const TRANSITIONS: Record<Decision, { from: ProfessionalStatus[]; to: ProfessionalStatus }> = {
  verify: { from: ['pending_review', 'suspended'], to: 'verified' },
  reject: { from: ['pending_review'], to: 'suspended' },
  suspend: { from: ['verified'], to: 'suspended' },
};

/** The professionals a review scope covers, as a condition on `professionals`. */
export const inScope = (scope: MemberScope) =>
  scope.all
    ? sql<boolean>`TRUE`
    : 'ministry' in scope
      ? sql<boolean>`ministries @> ARRAY[${scope.ministry}]::text[]`
      : sql<boolean>`chapters @> ARRAY[${scope.chapter}]::text[]`;

async function adminView(db: Kysely<DB>, rows: ProfessionalRow[]): Promise<Schemas['AdminProfessional'][]> {
  const { consents, notes } = await consentsAndNotes(
    db,
    rows.map((r) => r.id),
  );
  // Every signup stores its consent in the same transaction as the profile, so none is missing.
  return rows.flatMap((r) => {
    const consent = consents.get(r.id);
    return consent ? [toAdminProfessional(r, consent, notes.get(r.id) ?? null)] : [];
  });
}

// ---- export ----

const EXPORT_COLUMNS = [
  'id',
  'status',
  'title',
  'profession',
  'givenName',
  'familyName',
  'givenNameAr',
  'familyNameAr',
  'email',
  'specialties',
  'country',
  'city',
  'languages',
  'chapters',
  'offers',
  'joinedAt',
] as const satisfies readonly (keyof Schemas['MemberExportRow'])[];

function exportRow(p: ProfessionalRow, audience: Audience, withEmail: boolean): Schemas['MemberExportRow'] {
  const v = p.visibility;
  const row: Schemas['MemberExportRow'] = {
    id: p.id,
    status: p.status,
    joinedAt: p.joined_at.toISOString(),
  };
  if (sees(audience, v, 'chapters')) row.chapters = p.chapters;
  if (p.title && sees(audience, v, 'title')) row.title = p.title;
  if (sees(audience, v, 'profession')) row.profession = p.profession;
  if (sees(audience, v, 'givenName')) row.givenName = p.given_name;
  if (sees(audience, v, 'familyName')) row.familyName = p.family_name;
  if (p.given_name_ar && sees(audience, v, 'givenNameAr')) row.givenNameAr = p.given_name_ar;
  if (p.family_name_ar && sees(audience, v, 'familyNameAr')) row.familyNameAr = p.family_name_ar;
  if (withEmail) row.email = p.email;
  if (sees(audience, v, 'specialties')) row.specialties = p.specialties;
  if (sees(audience, v, 'country')) row.country = p.country;
  if (sees(audience, v, 'city')) row.city = p.city;
  if (sees(audience, v, 'languages')) row.languages = p.languages;
  if (sees(audience, v, 'offers')) row.offers = [...new Set(p.offers.map((o) => o.kind))];
  return row;
}

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (= + - @, or a leading tab /
 * carriage return) gets a leading apostrophe, so an exported name can never execute in Excel.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Schemas['MemberExportRow'][]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      EXPORT_COLUMNS.map((c) => {
        const v = row[c];
        return csvCell(Array.isArray(v) ? v.join(';') : (v ?? ''));
      }).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Who reviews signups: a chapter its own, the umbrella everyone. A ministry reads the members who named
 * it, as an audience (export, reports, directory), and never the reviewers' complete view: every field,
 * whatever its audience, and the address.
 */
export function reviewScope(p: AdminPrincipal): MemberScope {
  if (p.organisationKind === 'ministry')
    throw new ProblemError('forbidden', 'A ministry does not review signups: the chapters and the umbrella do.');
  return memberScope(p);
}

export const adminHandlers: Pick<Handlers, Ops> = {
  async listPendingProfessionals({ db, principal, query }) {
    const p = requireRole(principal, 'reviewer');
    const scope = reviewScope(p);
    const status = query.status ?? 'pending_review';
    const { items, nextCursor } = await keysetPage(
      db.selectFrom('professionals').selectAll().where('status', '=', status).where(inScope(scope)),
      query,
      [
        { by: 'created_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
    );
    return { status: 200, body: { items: await adminView(db, items), nextCursor } };
  },

  async reviewProfessional({ db, ctx, principal, path, body }) {
    const p = requireRole(principal, 'reviewer');
    const scope = reviewScope(p);
    const now = ctx.now();
    // Another chapter's member answers like an unknown id: a reviewer learns nothing outside their chapter.
    const row = /^[0-9a-f-]{36}$/i.test(path.id)
      ? await db
          .selectFrom('professionals')
          .selectAll()
          .where('id', '=', path.id)
          .where(inScope(scope))
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row) throw new ProblemError('not-found', 'No profile with this id in your organisation.');
    const transition = TRANSITIONS[body.decision];
    if (!transition.from.includes(row.status)) {
      throw new ProblemError(
        'conflict',
        `A profile that is ${row.status.replace('_', ' ')} cannot be given the decision "${body.decision}" (allowed from ${transition.from.join(' or ')}).`,
      );
    }
    const updated = await db
      .updateTable('professionals')
      .set({
        status: transition.to,
        updated_at: now,
        ...(transition.to === 'verified' ? { verified_at: now } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const note = body.note?.trim() ? body.note : null;
    await db
      .insertInto('professional_reviews')
      .values({
        professional_id: row.id,
        organisation_id: p.organisationId,
        api_key_id: p.keyId,
        decision: body.decision,
        from_status: row.status,
        to_status: transition.to,
        note,
        created_at: now,
      })
      .execute();
    await sendMail(db, ctx.mailer, {
      kind: 'signup_reviewed',
      to: row.email,
      organisation: p.organisationSlug,
      locales: [row.locale],
      data: {
        ...namesOf(row),
        outcome: transition.to === 'verified' ? 'verified' : body.decision === 'reject' ? 'rejected' : 'suspended',
        note,
      },
    });
    const [view] = await adminView(db, [updated]);
    if (!view) throw new ProblemError('internal', 'The profile has no consent record.');
    return { status: 200, body: { ...view, reviewNote: note } };
  },

  async exportMembers({ db, ctx, principal, query }) {
    const p = requireRole(principal, 'viewer');
    const scope = memberScope(p);
    const audience: Audience = p.organisationKind === 'ministry' ? 'ministry' : 'chapter';
    // Chapters (and the umbrella) export addresses for their admins; the ministry never gets them.
    const withEmail = audience === 'chapter' && (p.role === 'reviewer' || p.role === 'owner');
    // A ministry's scope is the members whose latest consent names it (professionals.ministries).
    const q = db
      .selectFrom('professionals')
      .selectAll()
      .where('status', '=', 'verified')
      .where(inScope(scope))
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id');
    const rows = (await q.execute()).map((r) => exportRow(r, audience, withEmail));
    const generatedAt = ctx.now();
    const filename = `members-${p.organisationSlug}-${generatedAt.toISOString().slice(0, 10)}`;
    if (query.format === 'json') {
      return {
        status: 200,
        mediaType: 'application/json',
        headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${filename}.json"` },
        body: { organisationSlug: p.organisationSlug, generatedAt: generatedAt.toISOString(), items: rows },
      };
    }
    return {
      status: 200,
      mediaType: 'text/csv',
      headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${filename}.csv"` },
      body: toCsv(rows),
    };
  },
};

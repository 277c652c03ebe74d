import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashKey } from '../http/auth.js';
import { requestedLocale } from '../http/input.js';
import type { Handlers, Principal } from '../http/types.js';
import { mailLanguageOf } from '../mail/document.js';
import { sendMail } from '../mail/send.js';
import { ProblemError } from '../problems.js';
import { endSubscription } from './campaigns/subscriptions.js';
import {
  checkMinistries,
  completeVisibility,
  consentsAndNotes,
  insertConsentRecord,
  toAdminProfessional,
  toConsentRecord,
} from './professionals/model.js';
import { checkProfileCodes, publishable } from './professionals/signup.js';
import { CODE_TTL_MS, issueSignInCode, linkTo, newSecret, redeemSignInCode } from './sign-in.js';
import { normaliseOrigin } from './system.js';

type Schemas = components['schemas'];

type Ops =
  | 'requestMemberSignIn'
  | 'createMemberSession'
  | 'endMemberSession'
  | 'endAllMemberSessions'
  | 'getMemberAccount'
  | 'getMemberProfile'
  | 'updateMemberProfile'
  | 'setMemberChapters'
  | 'listMemberGifts'
  | 'cancelMemberGift'
  | 'exportMemberData'
  | 'deleteMemberAccount';

/** How long a session lasts unless it is ended first. */
const SESSION_TTL_MS = 14 * 24 * 3600_000;

function member(principal: Principal): Extract<Principal, { kind: 'member' }> {
  if (principal.kind !== 'member') throw new ProblemError('unauthorized', 'Sign in first.');
  return principal;
}

/**
 * Sign-in by e-mail link for members, from a widget on their organisation's site (cross-origin, so
 * the widget holds a token rather than a cookie). Nothing tells the caller whether an address has
 * an account: the answer and its status are the same, and only a member's own mailbox hears back.
 */
export const memberHandlers: Pick<Handlers, Ops> = {
  async requestMemberSignIn({ db, ctx, body, principal, acceptLanguage }) {
    const key = publishable(principal);
    const organisation = await db
      .selectFrom('organisations')
      .select(['id', 'slug', 'allowed_origins', 'website'])
      .where('id', '=', key.organisationId)
      .executeTakeFirstOrThrow();
    const origin = normaliseOrigin(new URL(body.returnUrl).origin);
    if (!origin || !organisation.allowed_origins.includes(origin)) {
      throw new ProblemError(
        'origin-not-allowed',
        `A sign-in link may only return to a site of ${organisation.slug}; ${origin ?? 'this address'} is not among its allowed origins.`,
        { errors: [{ pointer: '/returnUrl', detail: 'is not on an allowed origin of this organisation' }] },
      );
    }
    const accepted = { status: 202 as const, body: { expiresInSeconds: CODE_TTL_MS / 1000 } };
    const now = ctx.now();
    // Only a confirmed address can sign in: the mailbox owner proved it once already.
    const account = await db
      .selectFrom('professionals')
      .select(['id', 'email', 'locale'])
      .where(sql`lower(email)`, '=', body.email.trim().toLowerCase())
      .where('email_verified_at', 'is not', null)
      .forUpdate() // one request per member at a time, so the per-address count below holds
      .executeTakeFirst();
    if (!account) return accepted;
    const code = await issueSignInCode(db, 'member', {
      ownerId: account.id,
      verifierHash: body.verifierHash,
      now,
      extra: { organisation_id: organisation.id },
    });
    if (!code) return accepted;
    const site = new URL(body.returnUrl).host;
    // In the language of the page asking (the widget sends its own), else the member's own.
    await sendMail(db, ctx.mailer, {
      kind: 'member_sign_in',
      to: account.email,
      organisation: organisation.slug,
      locales: [requestedLocale(acceptLanguage), account.locale],
      data: { link: linkTo(body.returnUrl, code), site },
    });
    return accepted;
  },

  async createMemberSession({ db, ctx, body, principal }) {
    const key = publishable(principal);
    const now = ctx.now();
    // Only with this organisation's key, and from the browser that asked for the link.
    const professionalId = await redeemSignInCode(db, 'member', {
      code: body.code,
      verifier: body.verifier,
      now,
      extra: { organisation_id: key.organisationId },
    });
    const token = newSecret('ms_');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db
      .insertInto('member_sessions')
      .values({
        token_hash: hashKey(token),
        professional_id: professionalId,
        organisation_id: key.organisationId,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return {
      status: 201,
      body: { token, expiresAt: expiresAt.toISOString(), professionalId },
    };
  },

  async endMemberSession({ db, ctx, principal }) {
    const session = member(principal);
    await db.updateTable('member_sessions').set({ ended_at: ctx.now() }).where('id', '=', session.sessionId).execute();
    return { status: 204 };
  },

  async endAllMemberSessions({ db, ctx, principal }) {
    const session = member(principal);
    await db
      .updateTable('member_sessions')
      .set({ ended_at: ctx.now() })
      .where('professional_id', '=', session.professionalId)
      .where('ended_at', 'is', null)
      .execute();
    return { status: 204 };
  },

  async getMemberAccount({ db, principal }) {
    const session = member(principal);
    const row = await db
      .selectFrom('professionals')
      .select(['id', 'email', 'given_name', 'family_name', 'status'])
      .where('id', '=', session.professionalId)
      .executeTakeFirstOrThrow();
    return {
      status: 200,
      body: {
        professionalId: row.id,
        email: row.email,
        givenName: row.given_name,
        familyName: row.family_name,
        status: row.status,
        sessionExpiresAt: session.sessionExpiresAt.toISOString(),
      },
    };
  },

  async exportMemberData({ db, ctx, principal }) {
    const session = member(principal);
    const id = session.professionalId;
    const profile = await db.selectFrom('professionals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const consents = await db
      .selectFrom('consent_records')
      .selectAll()
      .where('professional_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const reviews = await db
      .selectFrom('professional_reviews')
      .select(['decision', 'note', 'created_at'])
      .where('professional_id', '=', id)
      .orderBy('created_at')
      .execute();
    const registrations = await db
      .selectFrom('registrations as r')
      .innerJoin('events as e', 'e.id', 'r.event_id')
      .select(['r.event_id', 'e.title', 'r.status', 'r.name', 'r.created_at'])
      .where((eb) =>
        eb.or([eb('r.professional_id', '=', id), eb(sql`lower(r.email)`, '=', profile.email.toLowerCase())]),
      )
      .orderBy('r.created_at')
      .execute();
    const donations = await db
      .selectFrom('donations as d')
      .innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
      .select([
        'd.id',
        'c.slug',
        'd.amount',
        'd.currency',
        'd.frequency',
        'd.status',
        'd.receipt_number',
        'd.created_at',
      ])
      .where(sql`lower(d.donor_email)`, '=', profile.email.toLowerCase())
      .orderBy('d.created_at')
      .execute();
    const sessions = await db
      .selectFrom('member_sessions')
      .select(['created_at', 'expires_at', 'ended_at'])
      .where('professional_id', '=', id)
      .orderBy('created_at')
      .execute();
    const latest = consents.at(-1);
    if (!latest) throw new ProblemError('not-found', 'This account has no consent record.');
    const exportedAt = ctx.now();
    return {
      status: 200,
      headers: {
        'Content-Disposition': `attachment; filename="mahjar-data-${exportedAt.toISOString().slice(0, 10)}.json"`,
      },
      body: {
        exportedAt: exportedAt.toISOString(),
        profile: toAdminProfessional(profile, latest, reviews.at(-1)?.note ?? null),
        consents: consents.map(toConsentRecord),
        reviews: reviews.map((r) => ({ decision: r.decision, note: r.note, createdAt: r.created_at.toISOString() })),
        registrations: registrations.map((r) => ({
          eventId: r.event_id,
          eventTitle: r.title as Schemas['LocalizedText'],
          status: r.status,
          name: r.name,
          createdAt: r.created_at.toISOString(),
        })),
        donations: donations.map((d) => ({
          id: d.id,
          campaignSlug: d.slug,
          amount: d.amount,
          currency: d.currency,
          frequency: d.frequency,
          status: d.status,
          receiptNumber: d.receipt_number,
          createdAt: d.created_at.toISOString(),
        })),
        sessions: sessions.map((x) => ({
          createdAt: x.created_at.toISOString(),
          expiresAt: x.expires_at.toISOString(),
          endedAt: x.ended_at?.toISOString() ?? null,
        })),
      },
    };
  },

  async deleteMemberAccount({ db, ctx, principal, acceptLanguage }) {
    const session = member(principal);
    const now = ctx.now();
    // Locked first: an edit or a second deletion racing this one waits, then finds nothing.
    const profile = await db
      .selectFrom('professionals')
      .select(['id', 'email', 'locale'])
      .where('id', '=', session.professionalId)
      .forUpdate()
      .executeTakeFirst();
    if (!profile) throw new ProblemError('unauthorized', 'This account no longer exists.');
    const consents = await db
      .selectFrom('consent_records')
      .select(['notice_version', 'notice_hash', 'locale', 'created_at'])
      .where('professional_id', '=', profile.id)
      .orderBy('created_at')
      .execute();
    await db
      .insertInto('deleted_accounts')
      .values({
        deleted_at: now,
        consents: JSON.stringify(
          consents.map((c) => ({
            noticeVersion: c.notice_version,
            noticeHash: c.notice_hash,
            locale: c.locale,
            createdAt: c.created_at.toISOString(),
          })),
        ),
      })
      .execute();
    // Consents, verifications, reviews, contact requests to them, sessions and sign-in codes go with
    // the row (ON DELETE CASCADE); registrations keep what was typed when registering, unlinked;
    // the directory's triggers raise its version, so no instance answers from before this.
    await db.deleteFrom('professionals').where('id', '=', profile.id).execute();
    await sendMail(db, ctx.mailer, {
      kind: 'member_account_deleted',
      to: profile.email,
      organisation: session.organisationSlug,
      locales: [requestedLocale(acceptLanguage), profile.locale],
      data: {},
    });
    return { status: 204 };
  },

  async setMemberChapters({ db, ctx, body, principal }) {
    const session = member(principal);
    const now = ctx.now();
    const current = await db
      .selectFrom('professionals')
      .select(['id', 'visibility'])
      .where('id', '=', session.professionalId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new ProblemError('unauthorized', 'This account no longer exists.');
    await checkProfileCodes(db, { specialties: [], chapters: body.chapters });
    await checkMinistries(db, body.consent.permissions.ministries, '/consent/permissions/ministries');
    await db
      .updateTable('professionals')
      .set({ chapters: body.chapters, updated_at: now })
      .where('id', '=', current.id)
      .execute();
    await recordConsent(db, current.id, body.consent, current.visibility, now);
    return { status: 200, body: await ownProfile(db, current.id) };
  },

  async listMemberGifts({ db, principal }) {
    const session = member(principal);
    const email = await emailOf(db, session.professionalId);
    return { status: 200, body: { items: await giftsOf(db, email) } };
  },

  async cancelMemberGift({ db, ctx, path, principal, log }) {
    const session = member(principal);
    const email = await emailOf(db, session.professionalId);
    // Locked: a renewal arriving now waits, then sees the subscription ended.
    const donation = await db
      .selectFrom('donations')
      .select(['id', 'provider', 'subscription_ref', 'subscription_ended_at'])
      .where('id', '=', path.id)
      .where(sql`lower(donor_email)`, '=', email.toLowerCase())
      .where('frequency', '=', 'monthly')
      .where('renewal_of', 'is', null)
      .where('status', 'in', ['succeeded', 'refunded'])
      .forUpdate()
      .executeTakeFirst();
    if (!donation) throw new ProblemError('not-found', 'You have no monthly gift with this id.');
    if (!donation.subscription_ended_at) await endSubscription(ctx, db, donation, log);
    const [gift] = await giftsOf(db, email, donation.id);
    return { status: 200, body: gift! };
  },

  async getMemberProfile({ db, principal }) {
    const session = member(principal);
    return { status: 200, body: await ownProfile(db, session.professionalId) };
  },

  async updateMemberProfile({ db, ctx, body, principal }) {
    const session = member(principal);
    const now = ctx.now();
    const current = await db
      .selectFrom('professionals')
      .select(['id', 'credentials'])
      .where('id', '=', session.professionalId)
      .forUpdate() // a deletion racing this edit waits, or this edit finds nothing
      .executeTakeFirst();
    if (!current) throw new ProblemError('unauthorized', 'This account no longer exists.');
    await checkProfileCodes(db, body);
    await checkMinistries(db, body.consent.permissions.ministries, '/consent/permissions/ministries');
    // A credential stated before keeps its review; a new or changed one waits for a reviewer.
    const reviewed = new Map(
      (current.credentials as Schemas['Credential'][]).map((c) => [credentialKey(c), c.verification] as const),
    );
    const credentials = (body.credentials ?? []).map((c) => ({
      ...c,
      verification: reviewed.get(credentialKey(c)) ?? ('pending' as const),
    }));
    const visibility = completeVisibility(body.visibility);
    await db
      .updateTable('professionals')
      .set({
        title: body.title ?? null,
        profession: body.profession,
        given_name: body.givenName,
        family_name: body.familyName,
        given_name_ar: body.givenNameAr ?? null,
        family_name_ar: body.familyNameAr ?? null,
        specialties: body.specialties,
        country: body.country,
        city: body.city,
        affiliations: JSON.stringify(body.affiliations ?? []),
        credentials: JSON.stringify(credentials),
        languages: body.languages,
        medical_school: body.medicalSchool ? JSON.stringify(body.medicalSchool) : null,
        offers: JSON.stringify(body.offers ?? []),
        bio: body.bio ?? null,
        visibility: JSON.stringify(visibility),
        updated_at: now,
      })
      .where('id', '=', current.id)
      .execute();
    await recordConsent(db, current.id, body.consent, visibility, now);
    return { status: 200, body: await ownProfile(db, current.id) };
  },
};

/** Monthly gifts started with `email` (first donations of a subscription), or one of them. */
async function giftsOf(db: Kysely<DB>, email: string, id?: string): Promise<Schemas['MemberGift'][]> {
  let query = db
    .selectFrom('donations as d')
    .innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
    .select((eb) => [
      'd.id',
      'c.slug',
      'c.title',
      'd.amount',
      'd.currency',
      'd.created_at',
      'd.subscription_ended_at',
      'd.subscription_cancel_error',
      eb
        .selectFrom('donations as r')
        .select((r) => r.fn.countAll<number>().as('n'))
        .whereRef('r.renewal_of', '=', 'd.id')
        .where('r.status', '=', 'succeeded')
        .as('renewals'),
    ])
    .where(sql`lower(d.donor_email)`, '=', email.toLowerCase())
    .where('d.frequency', '=', 'monthly')
    .where('d.renewal_of', 'is', null)
    // a refunded first month does not stop the subscription; pending and failed ones never started one
    .where('d.status', 'in', ['succeeded', 'refunded'])
    .orderBy('d.created_at', 'desc');
  if (id) query = query.where('d.id', '=', id);
  const rows = await query.execute();
  return rows.map((g) => ({
    id: g.id,
    campaignSlug: g.slug,
    campaignTitle: g.title as Schemas['LocalizedText'],
    amount: g.amount,
    currency: g.currency,
    startedAt: g.created_at.toISOString(),
    monthsPaid: 1 + Number(g.renewals ?? 0),
    endedAt: g.subscription_ended_at?.toISOString() ?? null,
    cancelError: g.subscription_cancel_error,
  }));
}

/** A consent record like the signup's, for a change the member made while agreeing to `consent`. */
async function recordConsent(
  db: Kysely<DB>,
  professionalId: string,
  consent: Schemas['ConsentInput'],
  visibility: unknown,
  now: Date,
): Promise<void> {
  await insertConsentRecord(db, professionalId, consent, visibility, now);
  // Mail follows the language of the member's latest consent (`ar-LB` → `ar`), when we write in it.
  const language = mailLanguageOf(consent.locale);
  if (language) {
    await db
      .updateTable('professionals')
      .set({ locale: language })
      .where('id', '=', professionalId)
      .where('locale', 'is distinct from', language)
      .execute();
  }
}

/** The member's address (what their gifts and registrations were made with). */
async function emailOf(db: Kysely<DB>, professionalId: string): Promise<string> {
  const row = await db
    .selectFrom('professionals')
    .select('email')
    .where('id', '=', professionalId)
    .executeTakeFirstOrThrow();
  return row.email;
}

/** A credential's identity across edits: what it is and who issued it. */
const credentialKey = (c: Pick<Schemas['Credential'], 'kind' | 'name' | 'issuer' | 'country' | 'year'>) =>
  JSON.stringify([c.kind, c.name, c.issuer, c.country, c.year ?? null]);

/** The member's own profile: every field with its audience, the latest consent and review note. */
async function ownProfile(db: Kysely<DB>, id: string): Promise<Schemas['AdminProfessional']> {
  const profile = await db.selectFrom('professionals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const { consents, notes } = await consentsAndNotes(db, [id]);
  const consent = consents.get(id);
  if (!consent) throw new ProblemError('not-found', 'This account has no consent record.');
  return toAdminProfessional(profile, consent, notes.get(id) ?? null);
}

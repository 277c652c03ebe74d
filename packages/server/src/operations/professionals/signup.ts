import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { requestedLocale } from '../../http/input.js';
import type { Handlers, Principal } from '../../http/types.js';
import { chooseMailLocale } from '../../mail/document.js';
import { sendMail } from '../../mail/send.js';
import { type FieldError, ProblemError } from '../../problems.js';
import { challengeSecret, consumeChallenge, issueChallenge } from '../../spam.js';
import { checkMinistries, completeVisibility, insertConsentRecord } from './model.js';

type Schemas = components['schemas'];
type Ops = 'getSignupChallenge' | 'createSignup' | 'verifyEmail';

const VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;
/** Query parameter of the verification link; the signup widget on that page finishes the verification. */
export const VERIFY_PARAM = 'mahjar-verify';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function publishable(principal: Principal): Extract<Principal, { kind: 'publishable' }> {
  if (principal.kind !== 'publishable') throw new ProblemError('unauthorized', 'Send a publishable key.');
  return principal;
}

interface SignupOrganisation {
  slug: string;
  kind: string;
  allowed_origins: string[];
  website: string | null;
}

/**
 * Where the verification link points: the page the form was on when it belongs to the key's
 * organisation (its allowed origins), else the organisation's website, else this server. A
 * submitted `sourceSite` on another origin is never used, so nobody can make us mail a link to a
 * page of their choosing.
 */
function verificationLink(org: SignupOrganisation, sourceSite: string, publicUrl: string, token: string): string {
  let page: URL | undefined;
  try {
    const u = new URL(sourceSite);
    if (org.allowed_origins.includes(u.origin)) page = u;
  } catch {
    page = undefined;
  }
  page ??= new URL(org.website ?? publicUrl);
  page.hash = '';
  page.searchParams.set(VERIFY_PARAM, token);
  return page.toString();
}

async function newVerification(db: Kysely<DB>, professionalId: string, now: Date) {
  const token = `ev_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + VERIFICATION_TTL_MS);
  await db
    .insertInto('email_verifications')
    .values({ professional_id: professionalId, token_hash: sha256(token), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** Codes that are not in a managed list, as field errors. */
async function checkCodes(db: Kysely<DB>, body: Schemas['SignupRequest'], org: SignupOrganisation): Promise<string[]> {
  await checkProfileCodes(db, body);
  const all = new Set(body.chapters ?? []);
  if (org.kind === 'chapter' || org.kind === 'umbrella') all.add(org.slug);
  return [...all];
}

/**
 * The codes a profile names exist (specialties, priority areas of offers, chapters asked for); a
 * validation problem pointing at each one that does not. For signups and members' own edits.
 */
export async function checkProfileCodes(
  db: Kysely<DB>,
  body: Pick<Schemas['SignupRequest'], 'specialties' | 'offers' | 'chapters'>,
): Promise<void> {
  const errors: FieldError[] = [];
  const specialties = new Set(
    body.specialties.length === 0
      ? []
      : (await db.selectFrom('specialties').select('code').where('code', 'in', body.specialties).execute()).map(
          (r) => r.code,
        ),
  );
  body.specialties.forEach((code, i) => {
    if (!specialties.has(code))
      errors.push({ pointer: `/specialties/${i}`, detail: `${code} is not a specialty code` });
  });
  const areas = (body.offers ?? []).flatMap((o) => (o.priorityArea ? [o.priorityArea] : []));
  if (areas.length > 0) {
    const known = new Set(
      (await db.selectFrom('priority_areas').select('code').where('code', 'in', areas).execute()).map((r) => r.code),
    );
    (body.offers ?? []).forEach((o, i) => {
      if (o.priorityArea && !known.has(o.priorityArea)) {
        errors.push({ pointer: `/offers/${i}/priorityArea`, detail: `${o.priorityArea} is not a priority area` });
      }
    });
  }
  const requested = body.chapters ?? [];
  if (requested.length > 0) {
    const chapters = new Set(
      (
        await db
          .selectFrom('organisations')
          .select('slug')
          .where('slug', 'in', requested)
          .where('kind', 'in', ['chapter', 'umbrella'])
          .execute()
      ).map((r) => r.slug),
    );
    requested.forEach((slug, i) => {
      if (!chapters.has(slug)) errors.push({ pointer: `/chapters/${i}`, detail: `${slug} is not a chapter` });
    });
  }
  if (errors.length > 0) {
    throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
  }
}

export const signupHandlers: Pick<Handlers, Ops> = {
  async getSignupChallenge({ ctx, principal }) {
    publishable(principal);
    const challenge = issueChallenge(challengeSecret(ctx.config), ctx.now());
    return { status: 200, body: challenge, headers: { 'Cache-Control': 'no-store' } };
  },

  async createSignup({ db, ctx, body, principal, acceptLanguage, origin }) {
    const key = publishable(principal);
    const now = ctx.now();
    const accepted = (professionalId: string, expiresAt: Date) =>
      ({
        status: 202,
        body: { professionalId, status: 'pending_email', verificationExpiresAt: expiresAt.toISOString() },
      }) as const;

    // Honeypot: a bot that filled the hidden field gets the answer a person gets, and nothing happens.
    if (body.website) return accepted(randomUUID(), new Date(now.getTime() + VERIFICATION_TTL_MS));

    await consumeChallenge(db, challengeSecret(ctx.config), body.challenge, now, origin ?? null);
    const org = await db
      .selectFrom('organisations')
      .select(['slug', 'kind', 'allowed_origins', 'website', 'locales'])
      .where('id', '=', key.organisationId)
      .executeTakeFirstOrThrow();
    const chapters = await checkCodes(db, body, org);
    await checkMinistries(db, body.consent.permissions.ministries, '/consent/permissions/ministries');
    const visibility = completeVisibility(body.visibility);
    // The member's language from now on: the notice they consented in (`ar-LB` → `ar`), else the
    // request's Accept-Language, else the organisation's first locale, else English.
    const mailLocale = chooseMailLocale([body.consent.locale, requestedLocale(acceptLanguage)], org.locales);
    const email = body.email.trim();

    const inserted = await db
      .insertInto('professionals')
      .values({
        status: 'pending_email',
        title: body.title ?? null,
        profession: body.profession,
        given_name: body.givenName,
        family_name: body.familyName,
        given_name_ar: body.givenNameAr ?? null,
        family_name_ar: body.familyNameAr ?? null,
        email,
        specialties: body.specialties,
        country: body.country,
        city: body.city,
        affiliations: JSON.stringify(body.affiliations ?? []),
        // Declared by the professional; a reviewer checks them.
        credentials: JSON.stringify((body.credentials ?? []).map((c) => ({ ...c, verification: 'pending' }))),
        languages: body.languages,
        medical_school: body.medicalSchool ? JSON.stringify(body.medicalSchool) : null,
        chapters,
        offers: JSON.stringify(body.offers ?? []),
        bio: body.bio ?? null,
        visibility: JSON.stringify(visibility),
        locale: mailLocale,
        joined_at: now,
        created_at: now,
        updated_at: now,
      })
      // The address is unique case-insensitively; a concurrent signup with it lands in the duplicate path.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();

    if (!inserted) {
      // Already registered: same answer as a new signup (a fresh id that never becomes a profile), and the
      // owner of the address, not the submitter, is told. A profile still waiting gets a new link.
      const existing = await db
        .selectFrom('professionals')
        .select(['id', 'status', 'email', 'locale'])
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirstOrThrow();
      const pending =
        existing.status === 'pending_email'
          ? await newVerification(db, existing.id, now).then(({ token }) => ({
              token,
              link: verificationLink(org, body.consent.sourceSite, ctx.config.publicUrl, token),
            }))
          : null;
      // In the language the owner of the address chose, not the one of whoever typed it.
      await sendMail(db, ctx.mailer, {
        kind: 'signup_duplicate',
        to: existing.email,
        organisation: key.organisationSlug,
        locales: [existing.locale],
        data: { pending },
      });
      return accepted(randomUUID(), new Date(now.getTime() + VERIFICATION_TTL_MS));
    }

    await insertConsentRecord(db, inserted.id, body.consent, visibility, now);
    const { token, expiresAt } = await newVerification(db, inserted.id, now);
    const link = verificationLink(org, body.consent.sourceSite, ctx.config.publicUrl, token);
    // No caller text in the first mail to an unverified address (not even the names typed).
    await sendMail(db, ctx.mailer, {
      kind: 'signup_verification',
      to: email,
      organisation: key.organisationSlug,
      locales: [mailLocale],
      data: { link, token },
    });
    return accepted(inserted.id, expiresAt);
  },

  async verifyEmail({ db, ctx, body, principal }) {
    publishable(principal);
    const now = ctx.now();
    const row = await db
      .selectFrom('email_verifications as v')
      .innerJoin('professionals as p', 'p.id', 'v.professional_id')
      .select(['v.id', 'v.expires_at', 'v.consumed_at', 'p.id as professional_id', 'p.status'])
      .where('v.token_hash', '=', sha256(body.token))
      .forUpdate()
      .executeTakeFirst();
    if (!row)
      throw new ProblemError('not-found', 'This verification link is not valid. Check that it was copied completely.');
    // Verifying twice is harmless: once the address is confirmed, any of its links answers with the
    // profile's current state.
    if (row.status !== 'pending_email') {
      return { status: 200, body: { professionalId: row.professional_id, status: row.status } };
    }
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new ProblemError(
        'validation',
        'This verification link has expired. Sign up again with the same address to receive a new one.',
        { errors: [{ pointer: '/token', detail: 'has expired' }] },
      );
    }
    await db.updateTable('email_verifications').set({ consumed_at: now }).where('id', '=', row.id).execute();
    await db
      .updateTable('professionals')
      .set({ status: 'pending_review', email_verified_at: now, joined_at: now, updated_at: now })
      .where('id', '=', row.professional_id)
      .execute();
    return { status: 200, body: { professionalId: row.professional_id, status: 'pending_review' } };
  },
};

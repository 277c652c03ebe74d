import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { hashKey } from '../http/auth.js';
import type { Handlers, Principal } from '../http/types.js';
import { ProblemError } from '../problems.js';
import { publishable } from './professionals/signup.js';
import { normaliseOrigin } from './system.js';

type Ops =
  | 'requestMemberSignIn'
  | 'createMemberSession'
  | 'endMemberSession'
  | 'endAllMemberSessions'
  | 'getMemberAccount';

/** How long a mailed sign-in code works. */
const CODE_TTL_MS = 15 * 60_000;
/** Links mailed to one address within CODE_TTL_MS at most; more requests answer alike and send nothing. */
const LINKS_PER_ADDRESS = 3;
/** How long a session lasts unless it is ended first. */
const SESSION_TTL_MS = 14 * 24 * 3600_000;

const secret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

function member(principal: Principal): Extract<Principal, { kind: 'member' }> {
  if (principal.kind !== 'member') throw new ProblemError('unauthorized', 'Sign in first.');
  return principal;
}

/** The sign-in mail, in the member's language (the request's Accept-Language). */
const signInMail: Record<string, (link: string, site: string) => { subject: string; text: string }> = {
  en: (link, site) => ({
    subject: 'Your sign-in link',
    text:
      `Hello,\n\nUse this link to sign in to your member account on ${site}. It works once, ` +
      `within 15 minutes:\n${link}\n\nIf you did not ask to sign in, ignore this message: nothing changes.`,
  }),
  ar: (link, site) => ({
    subject: 'رابط تسجيل الدخول',
    text:
      `مرحباً،\n\nاستخدم هذا الرابط لتسجيل الدخول إلى حسابك على ${site}. يعمل مرة واحدة ` +
      `خلال 15 دقيقة:\n${link}\n\nإذا لم تطلب تسجيل الدخول، تجاهل هذه الرسالة، فلن يتغيّر شيء.`,
  }),
  fr: (link, site) => ({
    subject: 'Votre lien de connexion',
    text:
      `Bonjour,\n\nUtilisez ce lien pour vous connecter à votre compte de membre sur ${site}. Il ` +
      `fonctionne une fois, dans les 15 minutes :\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message : rien ne change.`,
  }),
};

/** `returnUrl` with the code in its fragment (replacing any), so it reaches no server log or Referer. */
function linkTo(returnUrl: string, code: string): string {
  const url = new URL(returnUrl);
  url.hash = `mahjar-sign-in=${code}`;
  return url.toString();
}

/**
 * Sign-in by e-mail link for members, from a widget on their organisation's site (cross-origin, so
 * the widget holds a token rather than a cookie). Nothing tells the caller whether an address has
 * an account: the answer and its status are the same, and only a member's own mailbox hears back.
 */
export const memberHandlers: Pick<Handlers, Ops> = {
  async requestMemberSignIn({ db, ctx, body, principal, locale }) {
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
      .select(['id', 'email'])
      .where(sql`lower(email)`, '=', body.email.trim().toLowerCase())
      .where('email_verified_at', 'is not', null)
      .forUpdate() // one request per member at a time, so the per-address count below holds
      .executeTakeFirst();
    if (!account) return accepted;
    const recent = await db
      .selectFrom('member_sign_in_codes')
      .select((eb) => eb.fn.countAll<number>().as('links'))
      .where('professional_id', '=', account.id)
      .where('created_at', '>', new Date(now.getTime() - CODE_TTL_MS))
      .executeTakeFirstOrThrow();
    if (Number(recent.links) >= LINKS_PER_ADDRESS) return accepted;
    const code = secret('ml_');
    await db
      .insertInto('member_sign_in_codes')
      .values({
        code_hash: hashKey(code),
        professional_id: account.id,
        organisation_id: organisation.id,
        created_at: now,
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
      })
      .execute();
    const site = new URL(body.returnUrl).host;
    const mail = (signInMail[locale] ?? signInMail.en!)(linkTo(body.returnUrl, code), site);
    await ctx.mailer.enqueue(db, {
      to: account.email,
      ...mail,
      kind: 'member_sign_in',
      organisation: organisation.slug,
    });
    return accepted;
  },

  async createMemberSession({ db, ctx, body, principal }) {
    const key = publishable(principal);
    const now = ctx.now();
    // Used in the same statement it is found: two exchanges of one code cannot both succeed.
    const used = await db
      .updateTable('member_sign_in_codes')
      .set({ used_at: now })
      .where('code_hash', '=', hashKey(body.code))
      .where('organisation_id', '=', key.organisationId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('professional_id')
      .executeTakeFirst();
    if (!used) {
      throw new ProblemError(
        'sign-in-link-invalid',
        'This sign-in link has expired or was already used. Ask for a new one.',
        { errors: [{ pointer: '/code', detail: 'is not a valid sign-in code' }] },
      );
    }
    const token = secret('ms_');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db
      .insertInto('member_sessions')
      .values({
        token_hash: hashKey(token),
        professional_id: used.professional_id,
        organisation_id: key.organisationId,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return {
      status: 201,
      body: { token, expiresAt: expiresAt.toISOString(), professionalId: used.professional_id },
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
};

import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { AdminRole, AdminUsersTable, DB } from '../db/schema.js';
import { ADMIN_SESSION_IDLE_MS, ADMIN_SESSION_TTL_MS, hashKey, requireRole } from '../http/auth.js';
import type { AdminPrincipal, Handlers } from '../http/types.js';
import { chooseMailLocale } from '../mail/document.js';
import { sendMail } from '../mail/send.js';
import { ProblemError } from '../problems.js';
import { keysetPage } from './paging.js';
import { CODE_TTL_MS, issueSignInCode, linkTo, newSecret, redeemSignInCode, signInLinkInvalid } from './sign-in.js';
import { normaliseOrigin } from './system.js';

type Schemas = components['schemas'];
type UserRow = Pick<AdminUsersTable, 'email' | 'role' | 'locale'> & {
  id: string;
  invited_at: Date;
  last_sign_in_at: Date | null;
};

type Ops =
  | 'requestAdminSignIn'
  | 'createAdminSession'
  | 'endAdminSession'
  | 'listAdminUsers'
  | 'inviteAdminUser'
  | 'updateAdminUser'
  | 'removeAdminUser'
  | 'listAuditLog';

const USER_COLUMNS = ['id', 'email', 'role', 'locale', 'invited_at', 'last_sign_in_at'] as const;

export function toAdminUser(u: UserRow): Schemas['AdminUser'] {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    locale: u.locale,
    invitedAt: u.invited_at.toISOString(),
    lastSignInAt: u.last_sign_in_at?.toISOString() ?? null,
  };
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * Adds a person to an organisation's console and mails them how to sign in, in `locale` (else the
 * organisation's first language). Null when the address already is a live user there. Shared by
 * `inviteAdminUser`, `createOrganisation` and the operator's command line.
 */
export async function inviteUser(
  db: Kysely<DB>,
  ctx: { mailer: Parameters<typeof sendMail>[1]; consoleUrl: string },
  input: { organisationId: string; email: string; role: AdminRole; locale: string | undefined },
): Promise<UserRow | null> {
  const organisation = await db
    .selectFrom('organisations')
    .select(['slug', 'locales'])
    .where('id', '=', input.organisationId)
    .executeTakeFirstOrThrow();
  const locale = chooseMailLocale([input.locale], organisation.locales);
  const email = input.email.trim();
  // One live user per address and organisation (a partial unique index): a second invitation,
  // even a concurrent one, inserts nothing.
  const user = await db
    .insertInto('admin_users')
    .values({ organisation_id: input.organisationId, email, role: input.role, locale })
    .onConflict((oc) => oc.doNothing())
    .returning([...USER_COLUMNS])
    .executeTakeFirst();
  if (!user) return null;
  await sendMail(db, ctx.mailer, {
    kind: 'admin_invitation',
    to: email,
    organisation: organisation.slug,
    locales: [locale],
    data: { role: input.role, organisationSlug: organisation.slug, email, consoleUrl: ctx.consoleUrl },
  });
  return user;
}

/**
 * Refuses (409) a change that would leave the organisation without an owner: `leaving` is the owner
 * user losing the role. Every live owner (users and secret keys) is locked first, so two owners
 * removing each other at once cannot both succeed.
 */
async function keepAnOwner(db: Kysely<DB>, p: AdminPrincipal, leaving: string, now: Date): Promise<void> {
  const users = await db
    .selectFrom('admin_users')
    .select('id')
    .where('organisation_id', '=', p.organisationId)
    .where('role', '=', 'owner')
    .where('removed_at', 'is', null)
    .forUpdate()
    .execute();
  const keys = await db
    .selectFrom('api_keys')
    .select('id')
    .where('organisation_id', '=', p.organisationId)
    .where('kind', '=', 'secret')
    .where('role', '=', 'owner')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .forUpdate()
    .execute();
  if (users.filter((u) => u.id !== leaving).length + keys.length === 0) {
    throw new ProblemError('conflict', 'This is the organisation’s last owner; make someone else owner first.');
  }
}

/** A live user of the caller's organisation, locked; another organisation's answers as none. */
async function ownUser(db: Kysely<DB>, p: AdminPrincipal, id: string): Promise<UserRow> {
  const row = isUuid(id)
    ? await db
        .selectFrom('admin_users')
        .select([...USER_COLUMNS])
        .where('id', '=', id)
        .where('organisation_id', '=', p.organisationId)
        .where('removed_at', 'is', null)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!row) throw new ProblemError('not-found', 'No such user in your organisation.');
  return row;
}

export const adminUserHandlers: Pick<Handlers, Ops> = {
  async requestAdminSignIn({ db, ctx, body }) {
    const origin = normaliseOrigin(new URL(body.returnUrl).origin);
    if (!origin || !ctx.config.consoleOrigins.includes(origin)) {
      throw new ProblemError(
        'origin-not-allowed',
        `A console sign-in link may only return to the console; ${origin ?? 'this address'} is not among this server's console origins (CONSOLE_ORIGINS).`,
        { errors: [{ pointer: '/returnUrl', detail: 'is not on a console origin of this server' }] },
      );
    }
    const accepted = { status: 202 as const, body: { expiresInSeconds: CODE_TTL_MS / 1000 } };
    const user = await db
      .selectFrom('admin_users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.email', 'u.locale', 'o.slug'])
      .where('o.slug', '=', body.organisation)
      .where(sql`lower(u.email)`, '=', body.email.trim().toLowerCase())
      .where('u.removed_at', 'is', null)
      .forUpdate() // one request per user at a time, so the per-user count holds
      .executeTakeFirst();
    if (!user) return accepted;
    const code = await issueSignInCode(db, 'admin', {
      ownerId: user.id,
      verifierHash: body.verifierHash,
      now: ctx.now(),
    });
    if (!code) return accepted;
    await sendMail(db, ctx.mailer, {
      kind: 'admin_sign_in',
      to: user.email,
      organisation: user.slug,
      locales: [user.locale],
      data: { link: linkTo(body.returnUrl, code) },
    });
    return accepted;
  },

  async createAdminSession({ db, ctx, body }) {
    const now = ctx.now();
    const userId = await redeemSignInCode(db, 'admin', { code: body.code, verifier: body.verifier, now });
    // Removed between the mail and the click: the link is as dead as the user.
    const user = await db
      .updateTable('admin_users')
      .set({ last_sign_in_at: now })
      .where('id', '=', userId)
      .where('removed_at', 'is', null)
      .returning([...USER_COLUMNS, 'organisation_id'])
      .executeTakeFirst();
    if (!user) throw signInLinkInvalid();
    const organisation = await db
      .selectFrom('organisations')
      .select('slug')
      .where('id', '=', user.organisation_id)
      .executeTakeFirstOrThrow();
    const token = newSecret('as_');
    const expiresAt = new Date(now.getTime() + ADMIN_SESSION_TTL_MS);
    await db
      .insertInto('admin_sessions')
      .values({
        token_hash: hashKey(token),
        admin_user_id: user.id,
        created_at: now,
        last_used_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return {
      status: 201,
      body: {
        token,
        expiresAt: expiresAt.toISOString(),
        idleTimeoutSeconds: ADMIN_SESSION_IDLE_MS / 1000,
        organisationSlug: organisation.slug,
        user: toAdminUser(user),
      },
    };
  },

  async endAdminSession({ db, ctx, principal }) {
    if (principal.kind !== 'user') throw new ProblemError('unauthorized', 'Only a console session can be ended.');
    await db.updateTable('admin_sessions').set({ ended_at: ctx.now() }).where('id', '=', principal.sessionId).execute();
    return { status: 204 };
  },

  async listAdminUsers({ db, principal, query }) {
    const p = requireRole(principal, 'owner');
    const { items, nextCursor } = await keysetPage(
      db
        .selectFrom('admin_users')
        .select([...USER_COLUMNS])
        .where('organisation_id', '=', p.organisationId)
        .where('removed_at', 'is', null),
      query,
      [
        { by: 'invited_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
    );
    return { status: 200, body: { items: items.map(toAdminUser), nextCursor } };
  },

  async inviteAdminUser({ db, ctx, principal, body }) {
    const p = requireRole(principal, 'owner');
    const user = await inviteUser(
      db,
      { mailer: ctx.mailer, consoleUrl: ctx.config.consoleUrl },
      { organisationId: p.organisationId, email: body.email, role: body.role, locale: body.locale },
    );
    if (!user) {
      throw new ProblemError(
        'conflict',
        'This address is already a user of your organisation; change its role instead.',
      );
    }
    return { status: 201, body: toAdminUser(user) };
  },

  async updateAdminUser({ db, ctx, principal, path, body }) {
    const p = requireRole(principal, 'owner');
    const user = await ownUser(db, p, path.userId);
    if (user.role === 'owner' && body.role !== 'owner') await keepAnOwner(db, p, user.id, ctx.now());
    const updated = await db
      .updateTable('admin_users')
      .set({ role: body.role })
      .where('id', '=', user.id)
      .returning([...USER_COLUMNS])
      .executeTakeFirstOrThrow();
    return { status: 200, body: toAdminUser(updated) };
  },

  async removeAdminUser({ db, ctx, principal, path }) {
    const p = requireRole(principal, 'owner');
    const user = await ownUser(db, p, path.userId);
    const now = ctx.now();
    if (user.role === 'owner') await keepAnOwner(db, p, user.id, now);
    await db.updateTable('admin_users').set({ removed_at: now }).where('id', '=', user.id).execute();
    // Sessions are read from the database on every request and join the user: removed, they stop
    // at once; ending them too keeps a later audit of sessions truthful.
    await db
      .updateTable('admin_sessions')
      .set({ ended_at: now })
      .where('admin_user_id', '=', user.id)
      .where('ended_at', 'is', null)
      .execute();
    return { status: 204 };
  },

  async listAuditLog({ db, principal, query }) {
    const p = requireRole(principal, 'owner');
    const q = db
      .selectFrom('audit_log as a')
      .leftJoin('api_keys as k', 'k.id', 'a.api_key_id')
      .leftJoin('admin_users as u', 'u.id', 'a.admin_user_id')
      .select([
        'a.id',
        'a.created_at',
        'a.operation',
        'a.target_id',
        'a.actor_kind',
        'a.api_key_id',
        'a.admin_user_id',
        'k.label as key_label',
        'k.prefix as key_prefix',
        'u.email as user_email',
      ])
      .where('a.organisation_id', '=', p.organisationId);
    const { items, nextCursor } = await keysetPage(
      q,
      query,
      [
        { by: 'a.created_at', kind: 'instant' },
        { by: 'a.id', kind: 'uuid' },
      ],
      'desc',
    );
    return {
      status: 200,
      body: {
        items: items.map((e) => ({
          id: e.id,
          at: e.created_at.toISOString(),
          operationId: e.operation,
          targetId: e.target_id,
          actor:
            e.actor_kind === 'key'
              ? { kind: 'key' as const, id: e.api_key_id, label: e.key_label ?? e.key_prefix ?? null }
              : e.actor_kind === 'user'
                ? { kind: 'user' as const, id: e.admin_user_id, label: e.user_email ?? null }
                : { kind: 'operator' as const, id: null, label: null },
        })),
        nextCursor,
      },
    };
  },
};

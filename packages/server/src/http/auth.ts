import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { OperationSpec } from '../contract.js';
import type { AdminRole, ApiKeyKind, DB, OrganisationKind } from '../db/schema.js';
import { ProblemError } from '../problems.js';
import type { AdminPrincipal, Principal } from './types.js';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

interface KeyRecord {
  keyId: string;
  kind: ApiKeyKind;
  role: AdminRole;
  organisationId: string;
  organisationSlug: string;
  organisationKind: OrganisationKind;
  allowedOrigins: string[];
  /** When the key stops working; null: until revoked. Checked against the clock on every use. */
  expiresAt: Date | null;
}

const TTL_MS = 30_000;
/** Console session tokens start with this; anything else in `Authorization: Bearer` is a secret key. */
export const SESSION_PREFIX = 'as_';
/** A console session ends after this long without a request. */
export const ADMIN_SESSION_IDLE_MS = 12 * 3600_000;
/** …and this long after sign-in, however much it is used. */
export const ADMIN_SESSION_TTL_MS = 7 * 24 * 3600_000;

interface AdminSessionRecord {
  sessionId: string;
  userId: string;
  email: string;
  role: AdminRole;
  organisationId: string;
  organisationSlug: string;
  organisationKind: OrganisationKind;
}
/** `api_keys.last_used_at` is written at most this often per key and server instance. */
const LAST_USED_INTERVAL_MS = 60_000;
/** A lookup that found no key is cached too (a missing key is asked for as often as a real one). */
const NO_KEY = Symbol('no key');

/**
 * Resolves keys to organisations. Lookups are cached for 30 s per process, so a revoked key stops
 * working within that time on every instance without a shared cache; an expired key stops at once.
 */
export class KeyStore {
  private cache = new LRUCache<string, KeyRecord | typeof NO_KEY>({ max: 10_000, ttl: TTL_MS });
  /** The keys whose `last_used_at` this instance wrote within the last minute. */
  private stamped = new LRUCache<string, true>({
    max: 10_000,
    ttl: LAST_USED_INTERVAL_MS - 1, // an entry lives while its age ≤ ttl: a minute later, stamp again
    ttlResolution: 0, // the injected clock, read on every check
    perf: { now: () => this.now().getTime() },
  });
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Drops a key from this instance's cache (it was just revoked here), so its next use is refused. */
  forget(keyHash: string): void {
    this.cache.delete(keyHash);
  }

  /**
   * Drops every cached key of an organisation from this instance's cache (its allowed origins just
   * changed here), so the next request sees the new list; other instances within 30 s.
   */
  forgetOrganisation(organisationId: string): void {
    for (const [hash, record] of this.cache.entries()) {
      if (record !== NO_KEY && record.organisationId === organisationId) this.cache.delete(hash);
    }
  }

  async find(key: string): Promise<KeyRecord | null> {
    const hash = hashKey(key);
    const hit = this.cache.get(hash);
    const record = hit === NO_KEY ? null : (hit ?? (await this.load(hash)));
    // Expiry is decided by the clock on every use, cached or not: an expired key is refused at once.
    return record?.expiresAt && record.expiresAt <= this.now() ? null : record;
  }

  private async load(hash: string): Promise<KeyRecord | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('organisations', 'organisations.id', 'api_keys.organisation_id')
      .select([
        'api_keys.id as keyId',
        'api_keys.kind',
        'api_keys.role',
        'organisations.id as organisationId',
        'organisations.slug as organisationSlug',
        'organisations.kind as organisationKind',
        'organisations.allowed_origins as allowedOrigins',
        'api_keys.expires_at as expiresAt',
      ])
      .where('api_keys.key_hash', '=', hash)
      .where('api_keys.revoked_at', 'is', null)
      .executeTakeFirst();
    const record = (row as KeyRecord | undefined) ?? null;
    this.cache.set(hash, record ?? NO_KEY);
    return record;
  }

  /**
   * Records that a key has just been used: at most one write of `last_used_at` per key, minute and
   * instance, as its own statement outside the request's transaction (a failing request cannot undo
   * it). It skips a row being revoked at that moment, never stamps a revoked key (the 30 s cache
   * may still accept one), and logs a failure rather than raising it into the request.
   */
  async touch(keyId: string, log?: FastifyBaseLogger): Promise<void> {
    if (this.stamped.has(keyId)) return;
    this.stamped.set(keyId, true);
    const now = this.now();
    try {
      await this.db
        .updateTable('api_keys')
        .set({ last_used_at: now })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('api_keys')
            .select('id')
            .where('id', '=', keyId)
            .where('revoked_at', 'is', null)
            .forUpdate()
            .skipLocked(),
        )
        .execute();
    } catch (error) {
      this.stamped.delete(keyId);
      log?.warn({ err: error, keyId }, 'could not record the API key’s last use');
    }
  }

  /**
   * The member session `token` stands for, if it is live and was opened through `organisationId`'s
   * site. Read on every use (no cache), so signing out takes effect at once on every instance.
   */
  async findMemberSession(
    token: string,
    organisationId: string,
  ): Promise<{ sessionId: string; professionalId: string; expiresAt: Date } | null> {
    const row = await this.db
      .selectFrom('member_sessions')
      .select(['id', 'professional_id', 'expires_at'])
      .where('token_hash', '=', hashKey(token))
      .where('organisation_id', '=', organisationId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', this.now())
      .executeTakeFirst();
    return row ? { sessionId: row.id, professionalId: row.professional_id, expiresAt: row.expires_at } : null;
  }

  /**
   * The admin user a console session `token` stands for, if the session is live: not ended, not
   * past its absolute expiry, used within the idle limit, and its user not removed. Read on every
   * use (no cache), so signing out and removing a user take effect at once on every instance. A
   * use is recorded (`last_used_at`, which the idle limit counts from) at most once a minute.
   */
  async findAdminSession(token: string, log?: FastifyBaseLogger): Promise<AdminSessionRecord | null> {
    const now = this.now();
    const row = await this.db
      .selectFrom('admin_sessions as s')
      .innerJoin('admin_users as u', 'u.id', 's.admin_user_id')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select([
        's.id as sessionId',
        's.last_used_at as lastUsedAt',
        'u.id as userId',
        'u.email',
        'u.role',
        'o.id as organisationId',
        'o.slug as organisationSlug',
        'o.kind as organisationKind',
      ])
      .where('s.token_hash', '=', hashKey(token))
      .where('s.ended_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('s.last_used_at', '>', new Date(now.getTime() - ADMIN_SESSION_IDLE_MS))
      .where('u.removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    if (now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS) {
      await this.db
        .updateTable('admin_sessions')
        .set({ last_used_at: now })
        .where('id', '=', row.sessionId)
        .execute()
        .catch((error: unknown) => log?.warn({ err: error }, 'could not record the session’s last use'));
    }
    const { lastUsedAt: _, ...record } = row;
    return record;
  }

  /** Origins any publishable key may be used from; CORS answers with these. */
  async originAllowed(key: string | undefined, origin: string): Promise<boolean> {
    if (!key) return false;
    const record = await this.find(key);
    return Boolean(record && record.kind === 'publishable' && record.allowedOrigins.includes(origin));
  }

  /**
   * Whether a page on `origin` may read the answer to a request carrying this secret credential:
   * only a page on one of the credential's own organisation's allowed origins (its staff's report
   * page, the console), never any other.
   */
  async secretOriginAllowed(secret: string, origin: string): Promise<boolean> {
    const record = await this.find(secret);
    return Boolean(record && record.kind === 'secret' && record.allowedOrigins.includes(origin));
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A publishable key in the query (`?key=pk_…`), where the operation allows it (public GETs): a
 * browser request without custom headers needs no CORS preflight. Never a secret key.
 */
export function queryKey(spec: OperationSpec | undefined, request: FastifyRequest): string | undefined {
  if (spec && !spec.security.includes('publishableKeyQuery')) return undefined;
  const key = (request.query as Record<string, unknown> | undefined)?.key;
  return typeof key === 'string' && key.startsWith('pk_') ? key : undefined;
}

/** Establishes the caller for an operation according to the security the contract declares for it. */
export async function authenticate(keys: KeyStore, spec: OperationSpec, request: FastifyRequest): Promise<Principal> {
  if (spec.security.length === 0) return { kind: 'anonymous' };
  const publishable = header(request, 'mahjar-publishable-key') ?? queryKey(spec, request);
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  const secret = header(request, 'mahjar-secret-key') ?? bearer;
  const wantsSecret = spec.security.includes('secretKey') || spec.security.includes('bearerAuth');
  const wantsPublishable = spec.security.includes('publishableKey');

  // A console session travels as a bearer token only (Mahjar-Secret-Key takes keys).
  if (spec.security.includes('bearerAuth') && bearer?.startsWith(SESSION_PREFIX) && secret === bearer) {
    const session = await keys.findAdminSession(bearer, request.log);
    if (!session) throw new ProblemError('unauthorized', 'This session has ended or expired; sign in again.');
    return { kind: 'user', keyId: null, ...session };
  }
  if (wantsSecret && secret) {
    const record = await keys.find(secret);
    if (record?.kind !== 'secret') throw new ProblemError('unauthorized', 'The secret key is not valid.');
    await keys.touch(record.keyId, request.log);
    const { keyId, organisationId, organisationSlug, organisationKind, role } = record;
    return { kind: 'secret', keyId, organisationId, organisationSlug, organisationKind, role, userId: null };
  }
  if (wantsPublishable && publishable) {
    const record = await keys.find(publishable);
    if (record?.kind !== 'publishable') throw new ProblemError('unauthorized', 'The publishable key is not valid.');
    const origin = header(request, 'origin');
    // Browsers always send Origin on cross-origin calls; a key used from a page it was not issued for is
    // refused. The refusal alone is readable by that page (CORS approval on it, and on nothing else), so
    // the widget can tell its webmaster what to do instead of reporting a network error.
    if (origin && !record.allowedOrigins.includes(origin)) {
      throw new ProblemError(
        'origin-not-allowed',
        `This key may not be used from ${origin}. An owner of ${record.organisationSlug} can add that origin to its allowed origins (setAllowedOrigins).`,
        { headers: { 'Access-Control-Allow-Origin': origin } },
      );
    }
    await keys.touch(record.keyId, request.log);
    const key = {
      keyId: record.keyId,
      organisationId: record.organisationId,
      organisationSlug: record.organisationSlug,
      organisationKind: record.organisationKind,
    };
    const token = header(request, 'mahjar-member-session');
    // A member operation takes both: the site's publishable key (checked above) and a session opened
    // through that same organisation's site. Where the session is optional (the directory), one
    // that is sent must still be live: a forged or ended session is refused, never read as anonymous.
    if (!spec.memberSession || (spec.memberSession === 'optional' && token === undefined)) {
      return { kind: 'publishable', ...key };
    }
    const session = token ? await keys.findMemberSession(token, record.organisationId) : null;
    if (!session) {
      throw new ProblemError(
        'unauthorized',
        token ? 'This session has ended or expired; sign in again.' : 'Sign in first: send Mahjar-Member-Session.',
      );
    }
    return {
      kind: 'member',
      ...key,
      professionalId: session.professionalId,
      sessionId: session.sessionId,
      sessionExpiresAt: session.expiresAt,
    };
  }
  if (wantsSecret && publishable && !wantsPublishable) {
    throw new ProblemError('forbidden', 'A publishable key cannot be used for an admin operation.');
  }
  throw new ProblemError(
    'unauthorized',
    wantsPublishable ? 'Send a publishable key in Mahjar-Publishable-Key.' : 'Send a secret key or bearer token.',
    { headers: { 'WWW-Authenticate': wantsSecret ? 'Bearer realm="mahjar"' : 'ApiKey realm="mahjar"' } },
  );
}

/**
 * Whether `role` may do what `needed` allows. Roles are jobs, not a ladder: `viewer` is met by
 * every role, `owner` meets every need, and `editor`, `reviewer` and `treasurer` each meet their own.
 */
export function meetsRole(role: AdminRole, needed: AdminRole): boolean {
  return role === 'owner' || needed === 'viewer' || role === needed;
}

export const isAdmin = (principal: Principal): principal is AdminPrincipal =>
  principal.kind === 'secret' || principal.kind === 'user';

/** The caller as a secret key or admin user whose role meets `role`; 401 for anyone else, 403 below it. */
export function requireRole(principal: Principal, role: AdminRole): AdminPrincipal {
  if (!isAdmin(principal)) throw new ProblemError('unauthorized');
  if (!meetsRole(principal.role, role)) {
    throw new ProblemError('forbidden', `This operation needs the ${role} role.`);
  }
  return principal;
}

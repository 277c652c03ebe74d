import { randomBytes } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB, Organisation as OrganisationRow } from '../db/schema.js';
import { hashKey, requireRole } from '../http/auth.js';
import type { Handlers } from '../http/types.js';
import { OFFER_KINDS } from '../offer-kinds.js';
import { type FieldError, ProblemError } from '../problems.js';
import { keysetPage } from './paging.js';

type Schemas = components['schemas'];

/** The ministries each of `ids` works with (`organisation_ministries`, migration 0011), by slug. */
export async function ministriesOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('organisation_ministries as om')
    .innerJoin('organisations as m', 'm.id', 'om.ministry_id')
    .select(['om.organisation_id', 'm.slug'])
    .where('om.organisation_id', 'in', ids)
    .orderBy('m.slug')
    .execute();
  for (const r of rows) out.set(r.organisation_id, [...(out.get(r.organisation_id) ?? []), r.slug]);
  return out;
}

export function toOrganisation(o: OrganisationRow, ministries: string[]): Schemas['Organisation'] {
  return {
    id: o.id,
    slug: o.slug,
    kind: o.kind,
    name: o.name,
    parentSlug: o.parent_slug,
    country: o.country,
    defaultCurrency: o.default_currency,
    locales: o.locales,
    brandColor: o.brand_color ?? '#0b6e4f',
    website: o.website,
    ministries,
  };
}

/**
 * A web origin as browsers send it in `Origin` (`https://chapter.example.org`, `http://localhost:5173`):
 * lower-case scheme and host, punycode, no default port. Undefined for anything else: a path, query,
 * fragment or user name, a wildcard, another scheme.
 */
export function normaliseOrigin(raw: string): string | undefined {
  const text = raw.trim().replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#@*\\]+$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.hostname && url.origin !== 'null' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An organisation as its own admins see it: with its allowed origins and the caller's role. */
async function toAdminOrganisation(
  db: Kysely<DB>,
  row: OrganisationRow,
  role: Schemas['AdminRole'],
): Promise<Schemas['AdminOrganisation']> {
  const ministries = (await ministriesOf(db, [row.id])).get(row.id) ?? [];
  return {
    ...toOrganisation(row, ministries),
    allowedOrigins: row.allowed_origins,
    role,
  } as Schemas['AdminOrganisation'];
}

/** The National Health Strategy's priority areas, in their managed order. */
async function priorityAreas(db: Kysely<DB>): Promise<Schemas['PriorityAreaList']> {
  const rows = await db.selectFrom('priority_areas').selectAll().orderBy('position').execute();
  return { items: rows.map((r) => ({ code: r.code, name: r.name })) };
}

type Ops =
  | 'getHealth'
  | 'listOrganisations'
  | 'getOrganisation'
  | 'listSpecialties'
  | 'listPriorityAreas'
  | 'listAdminPriorityAreas'
  | 'listOfferKinds'
  | 'getAdminOrganisation'
  | 'setAllowedOrigins'
  | 'listOutbox'
  | 'listApiKeys'
  | 'createApiKey'
  | 'revokeApiKey';

function toApiKey(k: {
  id: string;
  kind: 'publishable' | 'secret';
  label: string | null;
  prefix: string;
  role: Schemas['AdminRole'];
  created_at: Date;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
}): Schemas['ApiKey'] {
  return {
    id: k.id,
    kind: k.kind,
    name: k.label ?? k.prefix,
    prefix: k.prefix,
    role: k.kind === 'secret' ? k.role : null,
    createdAt: k.created_at.toISOString(),
    // Written at most once a minute per key and instance (KeyStore.touch): accurate to about a minute.
    lastUsedAt: k.last_used_at?.toISOString() ?? null,
    revokedAt: k.revoked_at?.toISOString() ?? null,
    expiresAt: k.expires_at?.toISOString() ?? null,
  };
}

/** A new key of an organisation, stored by its hash; the answer is the only place the key itself appears. */
export async function issueApiKey(
  db: Kysely<DB>,
  input: {
    organisationId: string;
    kind: Schemas['ApiKeyKind'];
    role: Schemas['AdminRole'] | undefined;
    name: string;
    expiresAt: Date | null;
  },
): Promise<Schemas['ApiKeyCreated']> {
  const secret = `${input.kind === 'secret' ? 'sk' : 'pk'}_live_${randomBytes(20).toString('hex')}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      organisation_id: input.organisationId,
      kind: input.kind,
      role: input.kind === 'secret' ? (input.role ?? 'viewer') : 'viewer',
      key_hash: hashKey(secret),
      prefix: secret.slice(0, 12),
      label: input.name,
      expires_at: input.expiresAt,
    })
    .returning(['id', 'kind', 'label', 'prefix', 'role', 'created_at', 'revoked_at', 'expires_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
  return { ...toApiKey(row), key: secret } as Schemas['ApiKeyCreated'];
}

export const systemHandlers: Pick<Handlers, Ops> = {
  async getHealth({ db }) {
    try {
      await sql`select 1`.execute(db);
      return { status: 200, body: { status: 'ok', database: 'ok' } };
    } catch {
      return { status: 503, body: { status: 'degraded', database: 'unavailable' } } as never;
    }
  },

  async listOrganisations({ db, query }) {
    const { items, nextCursor } = await keysetPage(db.selectFrom('organisations').selectAll(), query, [
      { by: 'slug', kind: 'slug' },
    ]);
    const ministries = await ministriesOf(
      db,
      items.map((o) => o.id),
    );
    return {
      status: 200,
      body: { items: items.map((o) => toOrganisation(o, ministries.get(o.id) ?? [])), nextCursor },
    };
  },

  async getOrganisation({ db, path }) {
    const row = await db.selectFrom('organisations').selectAll().where('slug', '=', path.slug).executeTakeFirst();
    if (!row) throw new ProblemError('not-found', `No organisation ${path.slug}.`);
    return { status: 200, body: toOrganisation(row, (await ministriesOf(db, [row.id])).get(row.id) ?? []) };
  },

  async listSpecialties({ db }) {
    const rows = await db.selectFrom('specialties').selectAll().orderBy('code').execute();
    return {
      status: 200,
      body: { items: rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code })) },
    };
  },

  async listPriorityAreas({ db }) {
    return { status: 200, body: await priorityAreas(db) };
  },

  // the same list, for the console (its role was checked by the router)
  async listAdminPriorityAreas({ db }) {
    return { status: 200, body: await priorityAreas(db) };
  },

  async listOfferKinds() {
    return { status: 200, body: { items: OFFER_KINDS } };
  },

  async getAdminOrganisation({ db, principal }) {
    const p = requireRole(principal, 'viewer');
    const row = await db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', p.organisationId)
      .executeTakeFirstOrThrow();
    return { status: 200, body: await toAdminOrganisation(db, row, p.role) };
  },

  async setAllowedOrigins({ db, ctx, principal, body, log, afterCommit }) {
    const p = requireRole(principal, 'owner');
    const errors: FieldError[] = [];
    const origins = body.origins.map((raw, i) => {
      const origin = normaliseOrigin(raw);
      if (!origin) errors.push({ pointer: `/origins/${i}`, detail: 'is not a web origin like https://example.org' });
      return origin;
    });
    if (errors.length) throw new ProblemError('validation', 'Some origins are not web origins.', { errors });
    const row = await db
      .updateTable('organisations')
      .set({ allowed_origins: [...new Set(origins as string[])], updated_at: new Date() })
      .where('id', '=', p.organisationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Once committed, this instance uses the new list at once (keys cache their organisation's origins).
    afterCommit(async () => ctx.keys.forgetOrganisation(p.organisationId));
    // The audit log records the change (router.ts); the server log keeps the list itself.
    log.info(
      { organisation: p.organisationSlug, keyId: p.keyId, userId: p.userId, allowedOrigins: row.allowed_origins },
      'allowed origins changed',
    );
    return { status: 200, body: await toAdminOrganisation(db, row, p.role) };
  },

  async listOutbox({ db, principal, query }) {
    // Each organisation reads only the mail it caused (its messages carry verification and cancel
    // links, so the owner's): a ministry is no exception.
    const p = requireRole(principal, 'owner');
    let q = db.selectFrom('outbox').selectAll().where('organisation_id', '=', p.organisationId);
    if (query.to) q = q.where(sql`lower(to_address)`, '=', query.to.toLowerCase());
    const { items, nextCursor } = await keysetPage(
      q,
      query,
      [
        { by: 'created_at', kind: 'instant' },
        { by: 'id', kind: 'uuid' },
      ],
      'desc',
    );
    return {
      status: 200,
      body: {
        items: items.map((m) => ({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          text: m.text,
          html: m.html,
          locale: (m.locale as Schemas['MailLocale'] | null) ?? null,
          createdAt: m.created_at.toISOString(),
          kind: m.kind as Schemas['OutboxKind'],
        })),
        nextCursor,
      },
    };
  },

  async listApiKeys({ db, principal }) {
    // The contract says owner: a key list is the map of who can act for the organisation.
    const p = requireRole(principal, 'owner');
    const rows = await db
      .selectFrom('api_keys')
      .select(['id', 'kind', 'label', 'prefix', 'role', 'created_at', 'revoked_at', 'expires_at', 'last_used_at'])
      .where('organisation_id', '=', p.organisationId)
      .orderBy('created_at')
      .execute();
    return { status: 200, body: { items: rows.map(toApiKey), nextCursor: null } };
  },

  async createApiKey({ db, ctx, principal, body }) {
    const p = requireRole(principal, 'owner');
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
    if (expiresAt && expiresAt <= ctx.now()) {
      throw new ProblemError('validation', 'A new key cannot expire in the past.', {
        errors: [{ pointer: '/expiresAt', detail: 'must be in the future' }],
      });
    }
    const created = await issueApiKey(db, {
      organisationId: p.organisationId,
      kind: body.kind,
      role: body.role,
      name: body.name,
      expiresAt,
    });
    return { status: 201, body: created };
  },

  async revokeApiKey({ db, ctx, principal, path, afterCommit }) {
    const p = requireRole(principal, 'owner');
    // The organisation keeps at least one owner key, or nobody could ever manage its keys again.
    // The active owner keys are locked, so two owners revoking each other at once cannot both win.
    const owners = await db
      .selectFrom('api_keys')
      .select('id')
      .where('organisation_id', '=', p.organisationId)
      .where('kind', '=', 'secret')
      .where('role', '=', 'owner')
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', ctx.now())]))
      .forUpdate()
      .execute();
    // An owner who signs in to the console is an owner too (admin users, migration 0018).
    const ownerUsers = await db
      .selectFrom('admin_users')
      .select('id')
      .where('organisation_id', '=', p.organisationId)
      .where('role', '=', 'owner')
      .where('removed_at', 'is', null)
      .forUpdate()
      .execute();
    if (owners.length === 1 && owners[0]!.id === path.id && ownerUsers.length === 0) {
      throw new ProblemError(
        'conflict',
        'This is the organisation’s last owner; create another owner key or invite an owner before revoking it.',
      );
    }
    const row = await db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', path.id)
      .where('organisation_id', '=', p.organisationId)
      .returning([
        'id',
        'kind',
        'label',
        'prefix',
        'role',
        'created_at',
        'revoked_at',
        'expires_at',
        'last_used_at',
        'key_hash',
      ])
      .executeTakeFirst();
    if (!row) throw new ProblemError('not-found', 'No such key in your organisation.');
    // Once committed, this instance refuses the key at once; others within their 30 s cache.
    afterCommit(async () => ctx.keys.forget(row.key_hash));
    return { status: 200, body: toApiKey(row) };
  },
};

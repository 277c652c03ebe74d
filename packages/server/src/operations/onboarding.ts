import type { components } from '@mahjar/sdk';
import type { Kysely } from 'kysely';
import type { DB, LocalisedText, OrganisationKind, Organisation as OrganisationRow } from '../db/schema.js';
import { requireRole } from '../http/auth.js';
import type { Handlers } from '../http/types.js';
import type { Mailer } from '../mail.js';
import { type FieldError, ProblemError } from '../problems.js';
import { inviteUser, toAdminUser } from './admin-users.js';
import { keysetPage } from './paging.js';
import { issueApiKey, ministriesOf, normaliseOrigin, toOrganisation } from './system.js';

type Schemas = components['schemas'];

export interface NewOrganisation {
  slug: string;
  kind: OrganisationKind;
  name: LocalisedText;
  /** The umbrella it belongs to; null for an umbrella or an independent organisation. */
  parentSlug: string | null;
  country: string;
  defaultCurrency: string;
  locales: string[];
  website: string | null;
  /** As typed: normalised here, and refused (400) if one is no web origin. */
  allowedOrigins: string[];
  owner: { email: string; locale: string | undefined };
}

export interface OrganisationOnboarded {
  organisation: OrganisationRow;
  ministries: string[];
  owner: Schemas['AdminUser'];
  publishableKey: Schemas['ApiKeyCreated'];
}

/**
 * Everything a new organisation needs to work on its own, in the caller's transaction: the
 * organisation and its allowed origins, the ministries it works with (its umbrella's; for an
 * organisation without one, its country's, as migration 0011 decided for the seeded ones), its
 * first owner (invited by mail) and a publishable key for its website. Shared by `createOrganisation`
 * and the operator's command line (admin-cli.ts).
 */
export async function onboardOrganisation(
  db: Kysely<DB>,
  context: { mailer: Mailer; consoleUrl: string },
  input: NewOrganisation,
): Promise<OrganisationOnboarded> {
  const errors: FieldError[] = [];
  const origins = input.allowedOrigins.map((raw, i) => {
    const origin = normaliseOrigin(raw);
    if (!origin)
      errors.push({ pointer: `/allowedOrigins/${i}`, detail: 'is not a web origin like https://example.org' });
    return origin;
  });
  if (errors.length) throw new ProblemError('validation', 'Some origins are not web origins.', { errors });
  const organisation = await db
    .insertInto('organisations')
    .values({
      slug: input.slug,
      kind: input.kind,
      name: JSON.stringify(input.name),
      parent_slug: input.parentSlug,
      country: input.country,
      default_currency: input.defaultCurrency,
      locales: input.locales,
      website: input.website,
      allowed_origins: [...new Set(origins as string[])],
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!organisation) {
    throw new ProblemError('conflict', `The slug ${input.slug} is taken.`, {
      errors: [{ pointer: '/slug', detail: 'is taken' }],
    });
  }
  if (input.kind !== 'ministry') {
    const ministries = input.parentSlug
      ? db
          .selectFrom('organisation_ministries as om')
          .innerJoin('organisations as parent', 'parent.id', 'om.organisation_id')
          .select([(eb) => eb.val(organisation.id).as('organisation_id'), 'om.ministry_id'])
          .where('parent.slug', '=', input.parentSlug)
      : db
          .selectFrom('organisations as m')
          .select([(eb) => eb.val(organisation.id).as('organisation_id'), 'm.id as ministry_id'])
          .where('m.kind', '=', 'ministry')
          .where('m.country', '=', input.country);
    await db
      .insertInto('organisation_ministries')
      .columns(['organisation_id', 'ministry_id'])
      .expression(ministries)
      .execute();
  }
  const owner = await inviteUser(db, context, {
    organisationId: organisation.id,
    email: input.owner.email,
    role: 'owner',
    locale: input.owner.locale,
  });
  if (!owner) throw new ProblemError('internal', 'A new organisation already had a user.');
  const publishableKey = await issueApiKey(db, {
    organisationId: organisation.id,
    kind: 'publishable',
    role: undefined,
    name: 'Website',
    expiresAt: null,
  });
  const ministries = (await ministriesOf(db, [organisation.id])).get(organisation.id) ?? [];
  return { organisation, ministries, owner: toAdminUser(owner), publishableKey };
}

export const onboardingHandlers: Pick<Handlers, 'createOrganisation' | 'listChapters'> = {
  async listChapters({ db, principal, query }) {
    const p = requireRole(principal, 'owner');
    // only an umbrella has chapters; for anyone else the page is empty (nobody's parent slug is theirs)
    const { items, nextCursor } = await keysetPage(
      db
        .selectFrom('organisations')
        .selectAll()
        .where('parent_slug', '=', p.organisationKind === 'umbrella' ? p.organisationSlug : null),
      query,
      [{ by: 'slug', kind: 'slug' }],
    );
    const ministries = await ministriesOf(
      db,
      items.map((o) => o.id),
    );
    return {
      status: 200,
      body: {
        items: items.map(
          (o) =>
            ({
              ...toOrganisation(o, ministries.get(o.id) ?? []),
              allowedOrigins: o.allowed_origins,
            }) as Schemas['AdminOrganisationSettings'],
        ),
        nextCursor,
      },
    };
  },

  async createOrganisation({ db, ctx, principal, body }) {
    const p = requireRole(principal, 'owner');
    if (p.organisationKind !== 'umbrella') {
      throw new ProblemError('forbidden', 'Only an umbrella organisation creates chapters.');
    }
    const created = await onboardOrganisation(
      db,
      { mailer: ctx.mailer, consoleUrl: ctx.config.consoleUrl },
      {
        slug: body.slug,
        kind: 'chapter',
        name: body.name,
        parentSlug: p.organisationSlug,
        country: body.country,
        defaultCurrency: body.defaultCurrency,
        locales: body.locales,
        website: body.website ?? null,
        allowedOrigins: body.allowedOrigins,
        owner: { email: body.owner.email, locale: body.owner.locale },
      },
    );
    return {
      status: 201,
      body: {
        organisation: {
          ...toOrganisation(created.organisation, created.ministries),
          allowedOrigins: created.organisation.allowed_origins,
        } as Schemas['AdminOrganisationSettings'],
        owner: created.owner,
        publishableKey: created.publishableKey,
      },
    };
  },
};

import { randomUUID } from 'node:crypto';
import type { components, operations } from '@mahjar/sdk';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { InvalidCursorError, searchProfessionals } from '../../db/search.js';
import { ConcurrencyLimit } from '../../http/shed.js';
import type { AppContext, HandlerInput, Handlers, Principal } from '../../http/types.js';
import { sendMail } from '../../mail/send.js';
import { ProblemError } from '../../problems.js';
import { challengeSecret, consumeChallenge } from '../../spam.js';
import { pageLimit } from '../paging.js';
import { AnswerCache, MemoryAnswers, RedisAnswers } from './answer-cache.js';
import { namesOf } from './model.js';
import { publishable } from './signup.js';

type Schemas = components['schemas'];
type Ops = 'searchProfessionals' | 'getProfessional' | 'createContactRequest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SearchAnswer = Schemas['ProfessionalSearchResult'];

const answerCaches = new WeakMap<AppContext, AnswerCache>();
const searchLimits = new WeakMap<AppContext, ConcurrencyLimit>();

/**
 * Searches the answer cache cannot serve cost the database (and the index) milliseconds each; past
 * a few at once they only queue. Bounded per server: the rest wait half a second at most, then
 * answer 503 with Retry-After. Answers from the cache pass without waiting.
 */
function searchLimitOf(ctx: AppContext): ConcurrencyLimit {
  let limit = searchLimits.get(ctx);
  if (!limit) {
    const max = ctx.config.searchConcurrency;
    limit = new ConcurrencyLimit(max, max * 4, 500, 'The directory');
    searchLimits.set(ctx, limit);
  }
  return limit;
}

function answerCacheOf(ctx: AppContext): AnswerCache {
  let cache = answerCaches.get(ctx);
  if (!cache) {
    cache = new AnswerCache(ctx.redis ? new RedisAnswers(ctx.redis) : new MemoryAnswers(ctx.config.searchCacheSize));
    answerCaches.set(ctx, cache);
  }
  return cache;
}

/**
 * A directory answer depends only on its reader (a ministry's scope, a signed-in member's chapter:
 * part of `key`), the query, the name order's script and the directory's data;
 * `directory_state.version` moves with every change to that data (migration 0004), on any instance
 * sharing the database. The version is read before searching and names the cached answer, so an
 * answer is never stored under a version newer than the data it saw (at worst older, which only
 * costs a miss later), and never served once the directory changed on any instance. With REDIS_URL
 * the answers are shared by every instance; concurrent misses of one search run it once.
 */
export async function cachedSearch(
  ctx: AppContext,
  db: Kysely<DB>,
  key: string,
  search: () => Promise<SearchAnswer>,
): Promise<SearchAnswer> {
  if (!ctx.config.searchCacheSize) return search();
  const state = await db.selectFrom('directory_state').select(['directory_id', 'version']).executeTakeFirstOrThrow();
  return answerCacheOf(ctx).answer(`${state.directory_id}:${state.version}:${key}`, search);
}

/**
 * Who reads the directory, as far as the answer depends on it: a ministry's key (publishable, or a
 * member signed in on its site) finds only the professionals who named that ministry; a verified
 * member of a chapter, signed in through that chapter's site, sees the `members` fields of that
 * chapter's members. A member signed in on the site of a chapter they do not belong to, or of the
 * umbrella, sees what the public sees: the umbrella is no membership of its own (a professional's
 * `chapters` are what they are a member of).
 */
interface Reader {
  ministry?: string;
  membersOf?: string;
}

async function readerOf(db: Kysely<DB>, principal: Principal): Promise<Reader> {
  if (principal.kind !== 'publishable' && principal.kind !== 'member') {
    throw new ProblemError('unauthorized', 'Send a publishable key.');
  }
  const ministry = principal.organisationKind === 'ministry' ? { ministry: principal.organisationSlug } : {};
  if (principal.kind !== 'member' || principal.organisationKind !== 'chapter') return ministry;
  const member = await db
    .selectFrom('professionals')
    .select('id')
    .where('id', '=', principal.professionalId)
    .where('status', '=', 'verified')
    // a chapter the member added from their account counts once a reviewer accepted it (migration 0014)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM chapter_acceptances a
        WHERE a.professional_id = professionals.id AND a.chapter = ${principal.organisationSlug})`,
    )
    .executeTakeFirst();
  return member ? { ...ministry, membersOf: principal.organisationSlug } : ministry;
}

async function search(
  ctx: AppContext,
  db: Kysely<DB>,
  query: HandlerInput<operations['searchProfessionals']>['query'],
  locale: string,
  reader: Reader,
): Promise<SearchAnswer> {
  let result: Awaited<ReturnType<typeof searchProfessionals>>;
  try {
    result = await searchProfessionals(
      db,
      {
        q: query.q,
        specialty: query.specialty,
        // a parent specialty also finds its sub-specialties, with the taxonomy the answer reflects
        includeSubSpecialties: true,
        country: query.country,
        city: query.city,
        language: query.language,
        offer: query.offer,
        chapter: query.chapter,
        sort: query.sort ?? (query.q?.trim() ? 'relevance' : 'name'),
        limit: pageLimit(query.limit),
        cursor: query.cursor,
        locale,
        ...reader,
      },
      // until this server has loaded its index (just after start-up), the statement answers
      { engine: ctx.config.directoryEngine, whileBuilding: 'sql' },
    );
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new ProblemError('validation', 'The cursor is not valid for this search; start again without one.', {
        errors: [{ pointer: '/query/cursor', detail: 'is not a cursor of this search' }],
      });
    }
    throw error;
  }
  return {
    items: result.rows,
    facets: result.facets,
    facetsExact: result.facetsExact,
    total: result.total,
    nextCursor: result.nextCursor,
    labels: result.labels,
  };
}

export const directoryHandlers: Pick<Handlers, Ops> = {
  async searchProfessionals({ db, ctx, query, principal, locale }) {
    // A chapter's key searches the shared directory (every chapter) unless `chapter` narrows it.
    const reader = await readerOf(db, principal);
    // The cached answer is named by everything it depends on: the reader (a ministry's scope, a
    // member's chapter), the name order's script and the query. Public and member answers never mix.
    const key = JSON.stringify([
      reader.ministry ?? null,
      reader.membersOf ?? null,
      locale === 'ar',
      Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
    const body = await cachedSearch(ctx, db, key, () =>
      searchLimitOf(ctx).run(() => search(ctx, db, query, locale, reader)),
    );
    return { status: 200, body };
  },

  async getProfessional({ db, path, principal }) {
    const reader = await readerOf(db, principal);
    const membersOf = reader.membersOf ?? null;
    const ministry = reader.ministry ?? null;
    // Pending, suspended, unlisted and unknown profiles answer alike, and so does, for a ministry's
    // key, a professional who did not name that ministry. The view is decided in SQL (migration
    // 0011's `mahjar_professional_view`), the same that makes the directory's cards.
    const row = UUID.test(path.id)
      ? await db
          .selectFrom('professionals as p')
          .select(
            sql<Schemas['Professional']>`CASE WHEN ${membersOf}::text = ANY(p.chapters)
              THEN mahjar_professional_view(p, ARRAY['public', 'members'])
              ELSE mahjar_public_professional(p) END`.as('profile'),
          )
          .where('p.id', '=', path.id)
          .where('p.status', '=', 'verified')
          .where('p.listed', '=', true)
          .where(sql<boolean>`(${ministry}::text IS NULL OR ${ministry}::text = ANY(p.ministries))`)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new ProblemError('not-found', 'No professional with this id.');
    return { status: 200, body: row.profile };
  },

  async createContactRequest({ db, ctx, path, body, principal, origin }) {
    const key = publishable(principal);
    const now = ctx.now();
    // Honeypot: same answer, nothing stored or sent.
    if (body.website) {
      return {
        status: 202,
        body: {
          id: randomUUID(),
          professionalId: path.id,
          purpose: body.purpose,
          relayed: false,
          createdAt: now.toISOString(),
        },
      };
    }
    await consumeChallenge(db, challengeSecret(ctx.config), body.challenge, now, origin ?? null);
    const ministry = (await readerOf(db, principal)).ministry ?? null;
    const professional = UUID.test(path.id)
      ? await db
          .selectFrom('professionals')
          .select(['id', 'email', 'given_name', 'family_name', 'given_name_ar', 'family_name_ar', 'locale'])
          .where('id', '=', path.id)
          .where('status', '=', 'verified')
          // whom this site's directory shows, no one else: listed, and for a ministry's site, named it
          .where('listed', '=', true)
          .where(sql<boolean>`(${ministry}::text IS NULL OR ${ministry}::text = ANY(ministries))`)
          .executeTakeFirst()
      : undefined;
    if (!professional) throw new ProblemError('not-found', 'No professional with this id.');

    const source = origin ?? null;
    const row = await db
      .insertInto('contact_requests')
      .values({
        professional_id: professional.id,
        organisation_id: key.organisationId,
        purpose: body.purpose,
        message: body.message,
        requester_name: body.requesterName,
        requester_email: body.requesterEmail,
        requester_institution: body.requesterInstitution ?? null,
        source_site: source,
        created_at: now,
      })
      .returning(['id', 'created_at', 'relayed'])
      .executeTakeFirstOrThrow();
    // Relayed to the professional's own address; the requester only ever learns it if they get a reply.
    // In the professional's language; the sender's message is quoted as written.
    await sendMail(db, ctx.mailer, {
      kind: 'contact_request',
      to: professional.email,
      organisation: key.organisationSlug,
      locales: [professional.locale],
      data: {
        ...namesOf(professional),
        purpose: body.purpose,
        requesterName: body.requesterName,
        requesterEmail: body.requesterEmail,
        requesterInstitution: body.requesterInstitution ?? null,
        message: body.message,
      },
    });
    return {
      status: 202,
      body: {
        id: row.id,
        professionalId: professional.id,
        purpose: body.purpose,
        relayed: row.relayed,
        createdAt: row.created_at.toISOString(),
      },
    };
  },
};

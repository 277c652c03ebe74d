import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Contract, type OperationSpec, toFieldErrors } from '../contract.js';
import { ProblemError } from '../problems.js';
import { authenticate, queryKey } from './auth.js';
import { redactingLogger } from './log-redaction.js';
import { type Limit, RateLimiter, rateLimits } from './rate-limit.js';
import { ConcurrencyLimit } from './shed.js';
import type { AppContext, Handler, HandlerInput, Handlers, Principal } from './types.js';
import { illFormedAt } from './well-formed.js';

const LOCALES = ['en', 'ar', 'fr'];

/** Bodies an admin or a payment provider sends; the public writes below are far smaller. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Public writes take a body a person typed, so they are bounded closer to what the contract's
 * largest valid body is: the less a stranger may send, the less work one request can cause.
 */
const bodyLimits: Record<string, number> = {
  createSignup: 32 * 1024,
  verifyEmail: 4 * 1024,
  createContactRequest: 16 * 1024,
  createRegistration: 8 * 1024,
  cancelRegistration: 4 * 1024,
  createDonation: 8 * 1024,
  completeSandboxCheckout: 4 * 1024,
};

/** A string PostgreSQL cannot store: answered like any other invalid value, before anything runs. */
function illFormed(pointer: string): ProblemError {
  const detail = 'must be well-formed Unicode text without U+0000';
  return new ProblemError('validation', `${pointer} ${detail}`, { errors: [{ pointer, detail }] });
}

function negotiateLocale(header: string | undefined): string {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase().split('-')[0]!;
    if (LOCALES.includes(tag)) return tag;
  }
  return 'en';
}

function mediaTypeOf(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function sendProblem(reply: FastifyReply, error: ProblemError) {
  for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
  return reply.code(error.status).type('application/problem+json').send(error.problem);
}

const rawBodies = new WeakMap<FastifyRequest, string>();
const afterCommitQueues = new WeakMap<FastifyRequest, Array<() => Promise<void>>>();

/** The request body exactly as received (JSON bodies only), e.g. to verify a webhook signature over it. */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return rawBodies.get(request);
}

/**
 * Runs `task` once the handler's transaction has committed and before the response is sent (never
 * if the transaction rolls back). For work that needs the committed rows, such as the sandbox
 * provider calling this server's webhook. A failing task is logged; the response is unaffected.
 */
export function afterCommit(request: FastifyRequest, task: () => Promise<void>): void {
  const queue = afterCommitQueues.get(request) ?? [];
  queue.push(task);
  afterCommitQueues.set(request, queue);
}

type StoredResponse = { status: number; body: unknown; headers: Record<string, string>; mediaType: string };

/**
 * Runs a write once per Idempotency-Key. The key row is inserted in the same transaction as the
 * write, so a crash or an error leaves neither (and the client may retry); a concurrent duplicate
 * waits on the key's unique index and then replays the stored response.
 */
async function runIdempotent(
  ctx: AppContext,
  scope: string,
  key: string,
  requestHash: string,
  run: (db: AppContext['db']) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      const row = await trx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (row.request_hash !== requestHash) {
        throw new ProblemError(
          'idempotency-conflict',
          'This Idempotency-Key was already used for a different request.',
        );
      }
      return {
        status: row.response_status ?? 200,
        body: row.response_body,
        headers: (row.response_headers as Record<string, string> | null) ?? {},
        mediaType: 'application/json',
        replayed: true,
      };
    }
    const result = await run(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({
        response_status: result.status,
        response_body: JSON.stringify(result.body ?? null),
        response_headers: JSON.stringify(result.headers),
      })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
}

/** A hash of the request body as data: the same body sent with its keys in another order hashes the same. */
function stableHash(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(value ?? null))
    .digest('hex');
}

/** JSON with every object's keys sorted (and undefined members left out, as JSON.stringify does). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function principalScope(principal: Principal, request: FastifyRequest): string {
  return principal.kind === 'anonymous' ? `ip:${request.ip}` : `key:${principal.keyId}`;
}

export interface RouterOptions {
  contract: Contract;
  handlers: Handlers;
  ctx: AppContext;
  logger?: boolean | object;
}

/** Builds the Fastify app: one route per operation of the contract, bound to its handler by operationId. */
export function buildRouter({ contract, handlers, ctx, logger = false }: RouterOptions): FastifyInstance {
  const app = Fastify({
    logger: redactingLogger(logger),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const keys = ctx.keys;
  const limiter = new RateLimiter();
  const perMinute = (max: number) => (max > 0 ? { max, windowMs: 60_000 } : undefined);
  const limits: Record<string, Limit | undefined> = {
    ...rateLimits,
    receivePaymentWebhook: perMinute(ctx.config.webhookRateLimit),
    searchProfessionals: perMinute(ctx.config.searchRateLimit),
  };
  // Searches the cache cannot answer cost the database tens of milliseconds each; past a few at
  // once they only queue. Bounded: the rest wait half a second at most, then answer 503.
  const concurrency: Record<string, ConcurrencyLimit> = {
    searchProfessionals: new ConcurrencyLimit(
      ctx.config.searchConcurrency,
      ctx.config.searchConcurrency * 4,
      500,
      'The directory',
    ),
  };

  // JSON keeps Fastify's parser (prototype-poisoning checks, the same errors for empty and
  // malformed bodies) but remembers the raw text first: webhook signatures cover the exact bytes.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    parseJson(request, body as string, done);
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  // CORS. Preflights carry no key, so they are answered for any origin; the real request is then
  // refused (403, and no Access-Control-Allow-Origin) unless its key allows that origin.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Origin', origin)
        .header('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE')
        .header(
          'Access-Control-Allow-Headers',
          request.headers['access-control-request-headers'] ??
            'Content-Type, Mahjar-Publishable-Key, Idempotency-Key, Accept-Language',
        )
        .header('Access-Control-Max-Age', '600');
      return reply.code(204).send();
    }
    const header = request.headers['mahjar-publishable-key'];
    // The query key is only honoured on operations that declare it; the route isn't known yet in
    // onRequest, so CORS approval for a query key is decided by the same origin check.
    const key =
      (Array.isArray(header) ? header[0] : header) ??
      (request.method === 'GET' ? queryKey(undefined, request) : undefined);
    // A secret credential in any form (header, bearer token, or wrongly in ?key=) is never
    // answered with `*`: its answers are for the organisation's own servers, not any page.
    const secretSent =
      request.headers['mahjar-secret-key'] !== undefined ||
      request.headers.authorization !== undefined ||
      secretInQuery(request);
    const publicOp = !key && !secretSent;
    if (publicOp || (await keys.originAllowed(key, origin))) {
      reply.header('Access-Control-Allow-Origin', publicOp ? '*' : origin);
      reply.header('Access-Control-Expose-Headers', 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining');
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error);
    const code = error.code ?? '';
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
      return sendProblem(
        reply,
        new ProblemError('payload-too-large', `The request body is larger than ${limit / 1024} KiB.`),
      );
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, new ProblemError('unsupported-media-type', 'Send application/json.'));
    }
    if (error instanceof SyntaxError || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code.startsWith('FST_ERR_CTP')) {
      return sendProblem(reply, new ProblemError('validation', 'The request body is not valid JSON.'));
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendProblem(reply, new ProblemError('validation', error.message, { status: error.statusCode }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, new ProblemError('internal', 'Something went wrong on our side. Please try again.'));
  });

  // Every answer: no MIME sniffing. Anything not a public, cacheable read (admin answers, personal
  // pages and files behind a token, writes, errors) is never stored by a browser or a CDN.
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const { operationId } = request.routeOptions.config as { operationId?: string };
    const spec = operationId ? contract.operations.get(operationId) : undefined;
    if (!spec || !isCacheable(spec) || reply.statusCode >= 400) reply.header('Cache-Control', 'no-store');
  });

  // A path the contract has, with a method it does not: 405 with Allow, not 404.
  const paths = [...contract.operations.values()].map((op) => ({
    method: op.method,
    pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  }));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed: string[] = paths.filter((p) => p.pattern.test(path)).map((p) => p.method);
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      return sendProblem(
        reply,
        new ProblemError('method-not-allowed', `${request.method} is not supported here; use ${allowed.join(', ')}.`, {
          headers: { Allow: allowed.join(', ') },
        }),
      );
    }
    return sendProblem(reply, new ProblemError('not-found', `No route for ${request.method} ${path}`));
  });

  for (const spec of contract.operations.values()) {
    const handler = (handlers as unknown as Record<string, Handler<unknown>>)[spec.operationId];
    if (!handler) throw new Error(`no handler for operation ${spec.operationId}`);
    app.route({
      method: spec.method,
      url: spec.routePath,
      config: { operationId: spec.operationId },
      bodyLimit: bodyLimits[spec.operationId] ?? DEFAULT_BODY_LIMIT,
      handler: (request, reply) => dispatch(spec, handler, request, reply),
    });
  }

  async function dispatch(
    spec: OperationSpec,
    handler: Handler<unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const principal = await authenticate(keys, spec, request);
    const limit = ctx.config.rateLimitOverrides[spec.operationId] ?? limits[spec.operationId];
    if (limit && ctx.config.rateLimit) limiter.check(`${spec.operationId}:${request.ip}`, limit, reply);

    const rawQuery = (request.query ?? {}) as Record<string, unknown>;
    const query: Record<string, unknown> = {};
    for (const name of spec.params.query) if (rawQuery[name] !== undefined) query[name] = rawQuery[name];
    const headers: Record<string, string | undefined> = {};
    for (const name of spec.params.header) {
      const v = request.headers[name];
      if (v !== undefined) headers[name] = Array.isArray(v) ? v[0] : v;
    }
    const params = { path: { ...(request.params as object) }, query, header: headers };
    const badParam = illFormedAt(params);
    if (badParam) throw illFormed(badParam);
    if (!spec.validateParams(params)) {
      const errors = toFieldErrors(spec.validateParams.errors).map((e) => ({
        ...e,
        pointer: e.pointer.replace(/^\/(path|query|header)/, '/$1'),
      }));
      throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
    }

    const mediaType = mediaTypeOf(request);
    let body: unknown;
    if (spec.requestMediaTypes.length > 0) {
      const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
      if (hasBody || spec.bodyRequired) {
        if (!mediaType || !spec.requestMediaTypes.includes(mediaType)) {
          throw new ProblemError('unsupported-media-type', `Send ${spec.requestMediaTypes.join(' or ')}.`);
        }
        const validate = spec.validateBody.get(mediaType)!;
        if (!hasBody) throw new ProblemError('validation', 'A request body is required.');
        const badString = illFormedAt(request.body);
        if (badString !== undefined) throw illFormed(badString);
        if (validate && !validate(request.body)) {
          const errors = toFieldErrors(validate.errors);
          throw new ProblemError('validation', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), { errors });
        }
        body = request.body;
      }
    }

    const input = {
      path: params.path,
      query: params.query,
      headers,
      body,
      mediaType,
      principal,
      db: ctx.db,
      ctx,
      locale: negotiateLocale(request.headers['accept-language']),
      request,
      reply,
    } as HandlerInput<unknown>;

    type Result = { status: number; body?: unknown; headers?: Record<string, string>; mediaType?: string };
    const toStored = (r: Result): StoredResponse => ({
      status: r.status,
      body: r.body,
      headers: r.headers ?? {},
      mediaType: r.mediaType ?? 'application/json',
    });

    let result: StoredResponse;
    if (spec.idempotent) {
      const key = headers['idempotency-key']!;
      const outcome = await runIdempotent(
        ctx,
        `${spec.operationId}:${principalScope(principal, request)}:${JSON.stringify(params.path)}`,
        key,
        stableHash(body),
        async (trx) => toStored((await handler({ ...input, db: trx })) as Result),
      );
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      result = outcome;
    } else if (spec.method !== 'GET') {
      result = await ctx.db
        .transaction()
        .execute(async (trx) => toStored((await handler({ ...input, db: trx })) as Result));
    } else {
      const limit = concurrency[spec.operationId];
      const run = async () => toStored((await handler(input)) as Result);
      result = limit ? await limit.run(run) : await run();
    }

    for (const task of afterCommitQueues.get(request) ?? []) {
      await task().catch((error: unknown) => request.log.error({ err: error }, 'after-commit task failed'));
    }
    for (const [k, v] of Object.entries(result.headers)) reply.header(k, v);
    reply.code(result.status);
    if (result.body === undefined || result.status === 204) return reply.send();
    if (result.mediaType === 'application/json' || result.mediaType.endsWith('+json')) {
      reply.type(result.mediaType);
      if (
        spec.method === 'GET' &&
        spec.security.every((s) => s === 'publishableKey' || s === 'publishableKeyQuery') &&
        result.status === 200
      ) {
        return sendCacheable(request, reply, JSON.stringify(result.body));
      }
      return reply.send(result.body);
    }
    reply.type(result.mediaType);
    if (spec.method === 'GET' && result.status === 200 && typeof result.body === 'string') {
      return sendCacheable(request, reply, result.body);
    }
    return reply.send(result.body);
  }

  return app;
}

/** A key in the query that is not a publishable one (a secret key a client wrongly put in a URL). */
function secretInQuery(request: FastifyRequest): boolean {
  const key = (request.query as Record<string, unknown> | undefined)?.key;
  return key !== undefined && !(typeof key === 'string' && key.startsWith('pk_'));
}

/**
 * Public reads whose answer is the same for every caller, which the contract marks by taking
 * `If-None-Match`: they may be cached (ETag, CDN). Everything else is admin or personal.
 */
function isCacheable(spec: OperationSpec): boolean {
  return spec.method === 'GET' && spec.params.header.includes('if-none-match');
}

/** Public GETs carry an ETag and a short shared cache lifetime, so a CDN can absorb embed traffic. */
function sendCacheable(request: FastifyRequest, reply: FastifyReply, payload: string) {
  const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
  reply.header('ETag', etag);
  if (!reply.getHeader('Cache-Control')) {
    reply.header('Cache-Control', 'public, max-age=30, stale-while-revalidate=300');
  }
  reply.header('Vary', 'Origin, Accept-Language, Mahjar-Publishable-Key');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(payload);
}

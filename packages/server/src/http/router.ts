import cors from '@fastify/cors';
import etag from '@fastify/etag';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import type { Contract, OperationSpec } from '../contract.js';
import { audit, auditTarget } from './audit.js';
import { authenticate, isAdmin, queryKey, requireRole } from './auth.js';
import { handleErrors } from './errors.js';
import { negotiateLocale, type ValidInput, validInput } from './input.js';
import { redactingLogger } from './log-redaction.js';
import { registerRateLimits, routeRateLimit } from './rate-limit.js';
import { type Answer, runOperation, type Work } from './transaction.js';
import type { AppContext, Handler, HandlerInput, Handlers, Principal } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: string;
  }
  /** Set by the hooks below, in the order they run. */
  interface FastifyRequest {
    /** A JSON body exactly as received (webhook signatures cover the exact bytes). */
    rawBody: string | undefined;
    /** Set in `preValidation`: the declared parameters and the body, checked against the contract. */
    input: ValidInput | undefined;
    /** Set in `preHandler`: who is calling, from the credentials the operation accepts. */
    principal: Principal | undefined;
  }
}

/**
 * Bodies an admin or a payment provider sends. Public writes take less, as their operations say in
 * the contract (`x-mahjar-body-limit`): the less a stranger may send, the less work one request causes.
 */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Lifetime of a public read's answer in a browser or CDN, unless its handler says otherwise. */
const PUBLIC_CACHE = 'public, max-age=30, stale-while-revalidate=300';

/**
 * Public reads whose answer is the same for every caller, which the contract marks by taking
 * `If-None-Match`: they carry an ETag and may be cached. Everything else is admin or personal.
 */
const isCacheable = (spec: OperationSpec | undefined) =>
  spec?.method === 'GET' && spec.params.header.includes('if-none-match');

export interface RouterOptions {
  contract: Contract;
  handlers: Handlers;
  ctx: AppContext;
  logger?: boolean | object;
}

/**
 * The Fastify app: one route per operation of the contract, bound to its handler by operationId.
 * Per request, in Fastify's order: CORS and the route's rate limit (`onRequest`), the body parsed
 * within the route's limit, parameters and body checked against the contract (`preValidation`), the
 * caller authenticated (`preHandler`), then the handler, in a transaction for writes (transaction.ts).
 */
export async function buildRouter({
  contract,
  handlers,
  ctx,
  logger = false,
}: RouterOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: redactingLogger(logger),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('input', undefined);
  app.decorateRequest('principal', undefined);

  // JSON keeps Fastify's parser (prototype-poisoning checks, the same errors for empty and
  // malformed bodies) but remembers the raw text first.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    parseJson(request, body as string, done);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  await app.register(cors, { hook: 'onRequest', delegator: (request: FastifyRequest) => corsFor(ctx, request) });
  await registerRateLimits(app, ctx);
  handleErrors(app, contract, DEFAULT_BODY_LIMIT);

  // Every answer: no MIME sniffing. Anything not a public, cacheable read (admin answers, personal
  // pages and files behind a token, writes, errors) is never stored by a browser or a CDN.
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const { operationId } = request.routeOptions.config;
    const spec = operationId ? contract.operations.get(operationId) : undefined;
    if (!isCacheable(spec) || reply.statusCode >= 400) reply.header('Cache-Control', 'no-store');
  });

  const routes = [...contract.operations.values()].map((spec) => {
    const handler = (handlers as unknown as Record<string, Handler<unknown>>)[spec.operationId];
    if (!handler) throw new Error(`no handler for operation ${spec.operationId}`);
    return { spec, route: operationRoute(ctx, spec, handler) };
  });
  for (const { spec, route } of routes) if (!isCacheable(spec)) app.route(route);
  await app.register(async (cacheable) => {
    await cacheable.register(etag, { weak: true });
    cacheable.addHook('onSend', async (request, reply) => {
      if (reply.statusCode >= 400) return;
      // A signed-in member's answer (their chapter's `members` fields) is theirs: never stored by a
      // CDN or shared cache, never served to the public.
      if (request.principal?.kind === 'member') reply.header('Cache-Control', 'private, no-store');
      else if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', PUBLIC_CACHE);
      reply.header('Vary', 'Origin, Accept-Language, Mahjar-Publishable-Key, Mahjar-Member-Session');
    });
    for (const { spec, route } of routes) if (isCacheable(spec)) cacheable.route(route);
  });
  return app;
}

/** Whose Idempotency-Keys a write's key is among: an address, an API key, or a signed-in member. */
function callerOf(principal: Principal, ip: string): string {
  if (principal.kind === 'anonymous') return `ip:${ip}`;
  if (principal.kind === 'member') return `member:${principal.professionalId}`;
  if (principal.kind === 'user') return `user:${principal.userId}`;
  return `key:${principal.keyId}`;
}

/** One operation as a Fastify route: its body limit, rate limit, validation, authentication and handler. */
function operationRoute(ctx: AppContext, spec: OperationSpec, handler: Handler<unknown>): RouteOptions {
  const rateLimit = routeRateLimit(ctx, spec.operationId);
  return {
    method: spec.method,
    url: spec.routePath,
    bodyLimit: spec.bodyLimit ?? DEFAULT_BODY_LIMIT,
    config: { operationId: spec.operationId, ...(rateLimit && { rateLimit }) },
    preValidation: async (request) => {
      request.input = validInput(spec, request);
    },
    preHandler: async (request) => {
      request.principal = await authenticate(ctx.keys, spec, request);
      // The role the contract names, for a key and a user alike, before any handler code runs.
      if (spec.minRole) requireRole(request.principal, spec.minRole);
    },
    handler: async (request, reply) => {
      const { input, principal, log } = request as FastifyRequest & { input: ValidInput; principal: Principal };
      // A key belongs to the caller (address, API key or member) and the resource: another's same key is its own.
      const scope = `${spec.operationId}:${callerOf(principal, request.ip)}:${JSON.stringify(input.path)}`;
      const idempotency = spec.idempotent
        ? { scope, key: input.headers['idempotency-key']!, body: input.body }
        : undefined;
      const acceptLanguage = request.headers['accept-language'];
      const locale = negotiateLocale(acceptLanguage);
      const given = { ...input, principal, ctx, locale, acceptLanguage, origin: request.headers.origin, log };
      const run: Work = async (db, afterCommit) => {
        const answer = (await handler({
          ...given,
          db,
          afterCommit,
          rawBody: request.rawBody,
        } as HandlerInput<unknown>)) as Answer;
        // An admin write that succeeded is logged in its own transaction: rolled back, it was never done.
        if (spec.minRole && spec.method !== 'GET' && isAdmin(principal) && answer.status < 300) {
          await audit(db, { principal, operation: spec.operationId, target: auditTarget(input.path, answer.body) });
        }
        return answer;
      };
      const transaction = spec.method !== 'GET';
      const answer = await runOperation(ctx.db, { transaction, idempotency }, log, run);
      if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
      reply.code(answer.status).headers(answer.headers ?? {});
      if (answer.body === undefined || answer.status === 204) return reply.send();
      return reply.type(answer.mediaType ?? 'application/json').send(answer.body);
    },
  };
}

/**
 * CORS (`@fastify/cors`), decided per request. Preflights carry no key, so they are answered for
 * any origin; the real request then gets `Access-Control-Allow-Origin` only if its key allows that
 * origin (`*` for an operation without a key), never `*` for a request carrying a secret credential.
 * A secret key in a header is readable only from its own organisation's allowed origins (the office's
 * report page with `<mahjar-impact-report>`), one in the query never; a console session (`Bearer as_…`)
 * only from the server's console origins.
 */
async function corsFor(ctx: AppContext, request: FastifyRequest) {
  const origin = request.headers.origin;
  if (request.method === 'OPTIONS') {
    return {
      origin: true,
      methods: 'GET, POST, PATCH, PUT, DELETE',
      allowedHeaders:
        request.headers['access-control-request-headers'] ??
        'Content-Type, Mahjar-Publishable-Key, Mahjar-Member-Session, Idempotency-Key, Accept-Language',
      maxAge: 600,
      strictPreflight: false,
    };
  }
  if (!origin) return { origin: false };
  const exposedHeaders = 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining';
  // The console (another origin than the API) sends an admin user's session: approved for the
  // server's console origins only (a secret key: its own organisation's allowed origins, below).
  const authorization = [request.headers.authorization].flat()[0] ?? '';
  if (/^Bearer\s+as_/i.test(authorization)) {
    return ctx.config.consoleOrigins.includes(origin) ? { origin, exposedHeaders } : { origin: false };
  }
  // The route is not known yet in onRequest: a query key gets CORS approval by the same origin check.
  const key =
    [request.headers['mahjar-publishable-key']].flat()[0] ??
    (request.method === 'GET' ? queryKey(undefined, request) : undefined);
  const inQuery = (request.query as { key?: unknown } | undefined)?.key;
  const secretSent =
    request.headers['mahjar-secret-key'] !== undefined ||
    request.headers.authorization !== undefined ||
    (inQuery !== undefined && !(typeof inQuery === 'string' && inQuery.startsWith('pk_')));
  const keyless = !key && !secretSent;
  const secret = [request.headers['mahjar-secret-key']].flat()[0] ?? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const allowed = keyless
    ? true
    : key
      ? await ctx.keys.originAllowed(key, origin)
      : secret !== undefined && inQuery === undefined && (await ctx.keys.secretOriginAllowed(secret, origin));
  if (!allowed) return { origin: false };
  return { origin: keyless ? '*' : origin, exposedHeaders };
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../problems.js';
import type { AppContext } from './types.js';

export interface Limit {
  /** Requests allowed per window and client address. */
  max: number;
  windowMs: number;
}

/** Per-address limits on the writes a bot would hammer. Reads are left to the CDN. */
export const rateLimits: Record<string, Limit> = {
  createSignup: { max: 10, windowMs: 60_000 },
  getSignupChallenge: { max: 30, windowMs: 60_000 },
  verifyEmail: { max: 30, windowMs: 60_000 },
  createContactRequest: { max: 5, windowMs: 60_000 },
  createRegistration: { max: 20, windowMs: 60_000 },
  createDonation: { max: 20, windowMs: 60_000 },
  requestMemberSignIn: { max: 10, windowMs: 60_000 },
  createMemberSession: { max: 20, windowMs: 60_000 },
  answerNeed: { max: 20, windowMs: 60_000 },
  requestAdminSignIn: { max: 10, windowMs: 60_000 },
  createAdminSession: { max: 20, windowMs: 60_000 },
};

/**
 * A route's `config.rateLimit`: the operation's override (test servers), else its entry in the
 * table, else the environment's figure; none when limits are off.
 */
export function routeRateLimit(ctx: AppContext, operationId: string): { max: number; timeWindow: number } | undefined {
  const fromEnvironment: Record<string, number> = {
    receivePaymentWebhook: ctx.config.webhookRateLimit,
    searchProfessionals: ctx.config.searchRateLimit,
  };
  const perMinute = fromEnvironment[operationId] ? { max: fromEnvironment[operationId], windowMs: 60_000 } : undefined;
  const limit = ctx.config.rateLimitOverrides[operationId] ?? rateLimits[operationId] ?? perMinute;
  return ctx.config.rateLimit && limit ? { max: limit.max, timeWindow: limit.windowMs } : undefined;
}

/**
 * `@fastify/rate-limit` per route and client address, counted before anything else runs (invalid and
 * unauthenticated requests count too): fixed windows in memory, or in `ctx.redis`, shared by every
 * instance; should Redis fail, requests pass rather than all being refused.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    hook: 'onRequest',
    enableDraftSpec: true, // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After
    keyGenerator: (request) => request.ip,
    cache: 50_000,
    ...(ctx.redis ? { redis: ctx.redis, nameSpace: 'mahjar:rate-limit:', skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) => {
      const seconds = String(Math.max(1, Math.ceil(context.ttl / 1000)));
      return new ProblemError('rate-limited', `Too many requests; try again in ${seconds} s.`, {
        headers: { 'Retry-After': seconds },
      });
    },
  });
}

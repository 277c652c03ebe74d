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
};

/** The limit of one operation: an override (test servers), else the table, else the environment's; none when off. */
export function limitOf(ctx: AppContext, operationId: string): Limit | undefined {
  if (!ctx.config.rateLimit) return undefined;
  const perMinute = (max: number) => (max > 0 ? { max, windowMs: 60_000 } : undefined);
  const fromEnvironment: Record<string, Limit | undefined> = {
    receivePaymentWebhook: perMinute(ctx.config.webhookRateLimit),
    searchProfessionals: perMinute(ctx.config.searchRateLimit),
  };
  return ctx.config.rateLimitOverrides[operationId] ?? rateLimits[operationId] ?? fromEnvironment[operationId];
}

/**
 * `@fastify/rate-limit`, per route (`config.rateLimit`, see `limitOf`) and per client address, counted
 * before anything else runs (invalid and unauthenticated requests count too). Fixed windows, in this
 * process's memory, or in Redis when `ctx.redis` is set, so every instance shares one count. Should
 * Redis fail, requests are let through (and the error logged) rather than refused.
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

/** A route's `config.rateLimit` for its limit. */
export const routeLimit = (limit: Limit) => ({ max: limit.max, timeWindow: limit.windowMs });

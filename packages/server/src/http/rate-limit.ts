import type { FastifyReply } from 'fastify';
import { ProblemError } from '../problems.js';

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
};

/**
 * Fixed-window counter in memory. Per instance: behind a load balancer each instance enforces its
 * own share, which bounds abuse without a shared store; the limits are generous enough for that.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  check(key: string, limit: Limit, reply: FastifyReply, now = Date.now()): void {
    let w = this.windows.get(key);
    if (!w || now - w.start >= limit.windowMs) {
      if (this.windows.size > 50_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const reset = Math.ceil((w.start + limit.windowMs - now) / 1000);
    reply.header('RateLimit-Limit', String(limit.max));
    reply.header('RateLimit-Remaining', String(Math.max(0, limit.max - w.count)));
    reply.header('RateLimit-Reset', String(reset));
    if (w.count > limit.max) {
      throw new ProblemError('rate-limited', `Too many requests; try again in ${reset} s.`, {
        headers: { 'Retry-After': String(reset) },
      });
    }
  }
}

import type { Config } from './config.js';
import { type Limit, rateLimits } from './http/rate-limit.js';

/**
 * The configuration of the servers the widget tests (packages/widgets/web-test-runner.config.mjs) and
 * the embedding tests (examples/test/embedding.test.ts) run against: one place, so a limit added to
 * the server is decided here for both.
 *
 * Limits stay ON, so those servers answer with the same `RateLimit-*` headers and code path as
 * production, but each is raised to `TEST_LIMIT` requests a minute: a whole test run, every test
 * from one address, stays far below it, so adding tests never turns a run flaky. The limits
 * themselves, production's figures included, are tested where they are the subject:
 * packages/server/test/api/rate-limits.test.ts.
 *
 * Every operation in `rateLimits` is raised, so a limit added there is covered without an edit here,
 * and so are the limits set from the environment (public search, payment webhooks); list an
 * operation in `overrides` to give the test servers a different figure on purpose.
 */
export const TEST_LIMIT: Limit = { max: 10_000, windowMs: 60_000 };
const overrides: Partial<Record<string, Limit>> = {};

export const testServerConfig: Partial<Config> = {
  rateLimit: true,
  searchRateLimit: TEST_LIMIT.max,
  webhookRateLimit: TEST_LIMIT.max,
  rateLimitOverrides: {
    ...Object.fromEntries(Object.keys(rateLimits).map((operationId) => [operationId, TEST_LIMIT])),
    ...overrides,
  },
};

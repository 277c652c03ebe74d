/**
 * The per-address limits on public writes, where they are the subject. Every other API test runs
 * with the limits off (harness.ts), and the widget and embedding test servers run with their own
 * generous limits (src/testing.ts), so nothing else here depends on how many requests a run makes.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { rateLimits } from '../../src/http/rate-limit.js';
import { type StartedServer, startServer } from '../../src/index.js';
import { TEST_LIMIT, testServerConfig } from '../../src/testing.js';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const HOSTED = 'mental-health-lines';
const donation = () => ({
  amount: 2500,
  currency: 'USD',
  frequency: 'one_off' as const,
  anonymous: false,
  donorName: 'Test Donor',
  donorEmail: `limit-${randomUUID()}@example.net`,
  returnUrl: `${ALLOWED_ORIGIN}/thanks`,
});

forEachApiEngine(
  'rate limits',
  (env) => {
    const pub = () => env().client();
    const donate = () =>
      pub().POST('/v1/campaigns/{slug}/donations', { params: { path: { slug: HOSTED } }, body: donation() });

    it('refuses a write past its limit with 429 rate-limited and Retry-After, writing nothing', async () => {
      for (let i = 0; i < 3; i++) expect((await donate()).response.status).toBe(201);
      const before = await env().count('donations');
      const { response, error } = await donate();
      expect(response.status).toBe(429);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error?.type).toBe('https://mahjar.dev/problems/rate-limited');
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await env().count('donations')).toBe(before);
    });

    it('counts each operation on its own: another limited operation still answers', async () => {
      // createDonation is exhausted by the test above; the challenge has its own budget of 2.
      expect((await donate()).response.status).toBe(429);
      expect((await pub().GET('/v1/signups/challenge')).response.status).toBe(200);
      expect((await pub().GET('/v1/signups/challenge')).response.status).toBe(200);
      expect((await pub().GET('/v1/signups/challenge')).response.status).toBe(429);
    });

    it('limits console sign-in requests per address like the members’, before anything is mailed', async () => {
      expect(rateLimits.requestAdminSignIn).toEqual(rateLimits.requestMemberSignIn);
      expect(rateLimits.createAdminSession).toEqual(rateLimits.createMemberSession);
      const ask = () =>
        env().fetch('/v1/admin/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'nobody@example.org',
            organisation: 'ilma-usa',
            returnUrl: `${ALLOWED_ORIGIN}/console/`,
            verifierHash: 'a'.repeat(64),
          }),
        });
      expect((await ask()).status).toBe(202);
      expect((await ask()).status).toBe(202);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('leaves operations without a limit alone', async () => {
      for (let i = 0; i < 5; i++) expect((await pub().GET('/v1/campaigns')).response.status).toBe(200);
    });
  },
  {
    professionals: 5,
    config: {
      rateLimit: true,
      rateLimitOverrides: {
        createDonation: { max: 3, windowMs: 60_000 },
        getSignupChallenge: { max: 2, windowMs: 60_000 },
        requestAdminSignIn: { max: 2, windowMs: 60_000 },
      },
    },
  },
);

describe('rate limit configuration', () => {
  it('is on unless RATE_LIMIT=off, with no overrides from the environment', () => {
    expect(loadConfig({}).rateLimit).toBe(true);
    expect(loadConfig({ RATE_LIMIT: 'off' }).rateLimit).toBe(false);
    expect(loadConfig({ RATE_LIMIT: 'on' }).rateLimit).toBe(true);
    expect(loadConfig({}).rateLimitOverrides).toEqual({});
  });

  it('counts in memory unless REDIS_URL names a Redis', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('gives the widget and embedding test servers every limit the server has, raised, and keeps them on', () => {
    expect(testServerConfig.rateLimit).toBe(true);
    expect(Object.keys(rateLimits).length).toBeGreaterThan(0);
    for (const [operationId, limit] of Object.entries(rateLimits)) {
      const raised = testServerConfig.rateLimitOverrides?.[operationId];
      expect(raised, operationId).toBeDefined();
      expect(raised!.max, operationId).toBeGreaterThan(limit.max);
    }
  });

  describe('on real servers, from one address', () => {
    let production: StartedServer;
    let testing: StartedServer;
    beforeAll(async () => {
      production = await startServer({ seed: { professionals: 5 }, config: { rateLimit: true } });
      testing = await startServer({ seed: { professionals: 5 }, config: testServerConfig });
    }, 120_000);
    afterAll(async () => {
      await production?.close();
      await testing?.close();
    });

    /** `n` signups that fail validation (nothing to write), from this address; their statuses. */
    const signups = async (server: StartedServer, n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await fetch(`${server.url}/v1/signups`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'Mahjar-Publishable-Key': 'pk_demo_ilma-usa',
            Origin: ALLOWED_ORIGIN,
            'Idempotency-Key': randomUUID(),
          },
          body: '{}',
        });
        statuses.push(res.status);
      }
      return statuses;
    };

    it('applies the default limit when nothing overrides it, invalid requests counted too', async () => {
      const max = rateLimits.createSignup!.max;
      const statuses = await signups(production, max + 1);
      expect(statuses.slice(0, max)).toEqual(Array(max).fill(400));
      expect(statuses[max]).toBe(429);
    });

    it('lets the test servers take many times the default without a 429', async () => {
      const statuses = await signups(testing, rateLimits.createSignup!.max * 3);
      expect(new Set(statuses)).toEqual(new Set([400]));
      expect(TEST_LIMIT.max).toBeGreaterThan(rateLimits.createSignup!.max * 3);
    });
  });
});

/**
 * Two servers sharing one Redis count one limit. Whether Redis is there is decided once per run
 * (test/global-setup.ts: mandatory under CI, a loud skip locally). Each run comes from its own
 * address (X-Forwarded-For, with TRUST_PROXY on), so a rerun within the window starts from zero.
 */
const { url: REDIS_URL, skip: redisSkip } = inject('redis');

describe.skipIf(Boolean(redisSkip))('rate limits shared through Redis', () => {
  const servers: StartedServer[] = [];
  beforeAll(async () => {
    const config = {
      rateLimit: true,
      redisUrl: REDIS_URL,
      trustProxy: true,
      rateLimitOverrides: { getSignupChallenge: { max: 3, windowMs: 60_000 } },
    };
    for (let i = 0; i < 2; i++) servers.push(await startServer({ seed: { professionals: 5 }, config }));
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('gives a client switching between instances one limit', async () => {
    const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${servers[i % 2]!.url}/v1/signups/challenge`, {
        headers: { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', 'X-Forwarded-For': address },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(servers.every((server) => server.ctx.redis?.status === 'ready')).toBe(true);
  });
});

// The directory's answer cache: single flight, and answers shared through Redis.
import type { components } from '@mahjar/sdk';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AnswerCache, MemoryAnswers, RedisAnswers } from '../../src/operations/professionals/answer-cache.js';

type SearchAnswer = components['schemas']['ProfessionalSearchResult'];

const answerOf = (total: number): SearchAnswer =>
  ({
    items: [],
    facets: {},
    facetsExact: true,
    total,
    nextCursor: null,
    labels: {},
  }) as unknown as SearchAnswer;

/** A search that counts its runs and answers when `release` is called. */
function gatedSearch() {
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    search: async () => {
      runs++;
      await gate;
      return answerOf(runs);
    },
    release: () => release(),
    runs: () => runs,
  };
}

describe('the answer cache', () => {
  it('runs a search that many requests miss at once only once, and keeps its answer', async () => {
    const cache = new AnswerCache(new MemoryAnswers(10));
    const gated = gatedSearch();
    const waiting = Array.from({ length: 25 }, () => cache.answer('v1:q=haddad', gated.search));
    gated.release();
    const answers = await Promise.all(waiting);
    expect(gated.runs()).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect((await cache.answer('v1:q=haddad', gated.search)).total).toBe(1);
    expect(gated.runs()).toBe(1);
    // another query, or the same one at another directory version, is another search
    await cache.answer('v2:q=haddad', gated.search);
    expect(gated.runs()).toBe(2);
  });

  it('keeps no failed search: every waiter sees the error, the next request searches again', async () => {
    const cache = new AnswerCache(new MemoryAnswers(10));
    let runs = 0;
    const failing = async () => {
      runs++;
      throw new Error('database away');
    };
    const results = await Promise.allSettled([cache.answer('k', failing), cache.answer('k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(1);
    expect((await cache.answer('k', async () => answerOf(7))).total).toBe(7);
  });

  it('drops the least recently used answer beyond its size', async () => {
    const store = new MemoryAnswers(2);
    await store.set('a', answerOf(1));
    await store.set('b', answerOf(2));
    await store.get('a');
    await store.set('c', answerOf(3));
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.total).toBe(1);
  });
});

const { url: redisUrl, skip: redisSkip } = inject('redis');

describe.skipIf(Boolean(redisSkip))('answers shared through Redis', () => {
  const clients: Redis[] = [];
  const client = (url = redisUrl) => {
    const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    clients.push(redis);
    return redis;
  };
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it('lets one instance answer from what another stored, for a limited time', async () => {
    const key = `test:${Math.random()}`;
    const first = new AnswerCache(new RedisAnswers(client(), 60));
    const second = new AnswerCache(new RedisAnswers(client(), 60));
    let runs = 0;
    const search = async () => answerOf(++runs);
    await first.answer(key, search);
    expect((await second.answer(key, search)).total).toBe(1);
    expect(runs).toBe(1);
    const ttl = await client().ttl(`mahjar:search:${await hashOf(key)}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('answers when Redis is away: every lookup is a miss, never an error', async () => {
    const away = client('redis://127.0.0.1:1');
    const cache = new AnswerCache(new RedisAnswers(away));
    let runs = 0;
    const search = async () => answerOf(++runs);
    expect((await cache.answer('k', search)).total).toBe(1);
    expect((await cache.answer('k', search)).total).toBe(2);
  });
});

async function hashOf(key: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(key).digest('base64url');
}

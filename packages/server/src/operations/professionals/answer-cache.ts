import { createHash } from 'node:crypto';
import type { components } from '@mahjar/sdk';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

type SearchAnswer = components['schemas']['ProfessionalSearchResult'];

/** Where directory answers are kept, each under its directory version and query. */
export interface AnswerStore {
  get(key: string): Promise<SearchAnswer | undefined>;
  set(key: string, answer: SearchAnswer): Promise<void>;
}

/** One server's answers, the least recently used dropped first. */
export class MemoryAnswers implements AnswerStore {
  readonly #answers: LRUCache<string, SearchAnswer>;

  constructor(max: number) {
    this.#answers = new LRUCache({ max });
  }

  async get(key: string): Promise<SearchAnswer | undefined> {
    return this.#answers.get(key);
  }

  async set(key: string, answer: SearchAnswer): Promise<void> {
    this.#answers.set(key, answer);
  }
}

/**
 * Answers shared by every instance through Redis. A key names the directory version, so an answer
 * is never served after the directory changed, whichever instance changed it; answers of past
 * versions are of no use and expire after `ttlSeconds`. Redis going away makes every lookup a miss
 * (searches still answer, from the index), never an error.
 */
export class RedisAnswers implements AnswerStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 600,
  ) {}

  async get(key: string): Promise<SearchAnswer | undefined> {
    const text = await this.redis.get(redisKey(key)).catch(() => null);
    return text ? (JSON.parse(text) as SearchAnswer) : undefined;
  }

  async set(key: string, answer: SearchAnswer): Promise<void> {
    await this.redis.set(redisKey(key), JSON.stringify(answer), 'EX', this.ttlSeconds).catch(() => undefined);
  }
}

const redisKey = (key: string) => `mahjar:search:${createHash('sha256').update(key).digest('base64url')}`;

/**
 * Answers from `store`, and a search that several requests miss at once runs once: the first runs
 * it, the others wait for its answer (single flight, per server).
 */
export class AnswerCache {
  readonly #inFlight = new Map<string, Promise<SearchAnswer>>();

  constructor(readonly store: AnswerStore) {}

  answer(key: string, search: () => Promise<SearchAnswer>): Promise<SearchAnswer> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const answer = this.#lookUp(key, search).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, answer);
    return answer;
  }

  async #lookUp(key: string, search: () => Promise<SearchAnswer>): Promise<SearchAnswer> {
    const stored = await this.store.get(key);
    if (stored) return stored;
    const answer = await search();
    await this.store.set(key, answer);
    return answer;
  }
}

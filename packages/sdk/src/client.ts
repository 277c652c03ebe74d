import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { idempotentOperations } from './generated/operations.js';
import type { Problem } from './generated/schema.js';

export const PROBLEM_BASE = 'https://mahjar.dev/problems/';

export interface ClientOptions {
  /** Origin of the Mahjar API, e.g. `https://api.example.org` (no trailing `/v1`). */
  baseUrl: string;
  /** A chapter's publishable key (`pk_…`): public operations only, safe in page source. */
  publishableKey?: string;
  /** A secret key (`sk_…`) scoped to one organisation and role: admin operations. Never ship it to a browser. */
  secretKey?: string;
  /** Alternative to `secretKey`: an admin bearer token. */
  bearerToken?: string;
  /** BCP 47 locale sent as `Accept-Language`, so problems and taxonomy names come back translated. */
  locale?: string;
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Retries on 429 and 503 (honouring `Retry-After`), and on network failures of idempotent requests. */
  retry?: RetryOptions | false;
}

export interface RetryOptions {
  /** Attempts after the first. Default 3. */
  retries?: number;
  /** Base of the exponential backoff in ms. Default 250. */
  baseDelayMs?: number;
  /** Upper bound for one wait, including `Retry-After`. Default 10 000. */
  maxDelayMs?: number;
}

type WithOptionalIdempotencyKey<Op> = Op extends { parameters: { header: infer H } }
  ? 'Idempotency-Key' extends keyof H
    ? Omit<Op, 'parameters'> & {
        parameters: Omit<Op['parameters'], 'header'> & {
          header?: Omit<H, 'Idempotency-Key'> & { 'Idempotency-Key'?: string };
        };
      }
    : Op
  : Op;

/**
 * The contract's paths as the client sees them: the `Idempotency-Key` header the contract requires
 * on repeatable writes is optional here, because the client adds one when the caller doesn't.
 */
export type ClientPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: WithOptionalIdempotencyKey<paths[P][M]> };
};

/** Media types stay generic, so `application/problem+json` errors keep their Problem type. */
export type MahjarClient = Client<ClientPaths>;

function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** A random key good enough to make one logical write unique (UUID v4 where available). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function auth(o: ClientOptions): Middleware {
  return {
    onRequest({ request }) {
      if (o.publishableKey) request.headers.set('Mahjar-Publishable-Key', o.publishableKey);
      if (o.secretKey) request.headers.set('Mahjar-Secret-Key', o.secretKey);
      if (o.bearerToken) request.headers.set('Authorization', `Bearer ${o.bearerToken}`);
      return request;
    },
  };
}

function acceptLanguage(locale: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      if (locale && !request.headers.has('Accept-Language')) request.headers.set('Accept-Language', locale);
      return request;
    },
  };
}

/** Adds an `Idempotency-Key` to every write the contract marks as repeatable, unless the caller set one. */
function idempotency(): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      const op = `${request.method} ${schemaPath}`;
      if (idempotentOperations.has(op) && !request.headers.has('Idempotency-Key')) {
        request.headers.set('Idempotency-Key', newIdempotencyKey());
      }
      return request;
    },
  };
}

/** Turns bodies that are not problem details (an HTML 502 from a proxy, an empty 500) into one. */
function problems(): Middleware {
  return {
    async onResponse({ response }) {
      if (response.ok) return undefined;
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json')) return undefined;
      const text = await response.clone().text();
      return problemResponse({
        type: `${PROBLEM_BASE}${response.status === 429 ? 'rate-limited' : response.status >= 500 ? 'internal' : 'http'}`,
        title: response.statusText || `HTTP ${response.status}`,
        status: response.status,
        detail: text.slice(0, 500) || undefined,
      } as Problem);
    },
    onError({ error }) {
      return problemResponse({
        type: `${PROBLEM_BASE}network`,
        title: 'Network error',
        status: 503,
        detail: error instanceof Error ? error.message : String(error),
      } as Problem);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryDelay(response: Response | undefined, attempt: number, o: Required<RetryOptions>): number {
  const header = response?.headers.get('Retry-After');
  if (header) {
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (ms >= 0) return Math.min(ms, o.maxDelayMs);
  }
  const backoff = o.baseDelayMs * 2 ** attempt;
  return Math.min(backoff / 2 + Math.random() * (backoff / 2), o.maxDelayMs);
}

/**
 * A fetch that retries 429/503 (and network failures) with backoff. A write is only repeated when it
 * carries an Idempotency-Key, so a retry can never create a second row.
 */
function retryingFetch(base: typeof globalThis.fetch, options: RetryOptions): typeof globalThis.fetch {
  const o: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 10_000, ...options };
  return async (input, init) => {
    const request = new Request(input, init);
    const safe = ['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.headers.has('Idempotency-Key');
    for (let attempt = 0; ; attempt++) {
      const last = !safe || attempt >= o.retries;
      try {
        const response = await base(last ? request : request.clone());
        if (last || (response.status !== 429 && response.status !== 503)) return response;
        await response.body?.cancel();
        await sleep(retryDelay(response, attempt, o));
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        await sleep(retryDelay(undefined, attempt, o));
      }
    }
  };
}

/**
 * Creates a typed client for the Mahjar API. Every call returns `{ data, error, response }`;
 * `error` is an RFC 9457 problem, also for network failures (`type` ending in `/network`).
 */
export function createMahjarClient(o: ClientOptions): MahjarClient {
  const base = o.fetch ?? globalThis.fetch.bind(globalThis);
  const api = createClient<ClientPaths>({
    baseUrl: o.baseUrl.replace(/\/+$/, ''),
    fetch: o.retry === false ? base : retryingFetch(base, o.retry ?? {}),
  });
  api.use(auth(o), acceptLanguage(o.locale), idempotency(), problems());
  return api;
}

import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { idempotentOperations } from './generated/operations.js';
import type { paths } from './generated/schema.js';

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
  /**
   * A member's session token (`ms_…`, from `POST /v1/members/sessions`), sent as `Mahjar-Member-Session`
   * with `publishableKey`: the member operations, and the `members` audience in the directory.
   */
  memberSession?: string;
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
 * An operation that also takes browser form posts (`application/x-www-form-urlencoded`) answers
 * those with `text/html` pages. The client sends JSON, so it never gets one: without them, `data`
 * and `error` keep their JSON types instead of `T | string` (a status that only ever answers a
 * form post with a page is left out altogether).
 */
type WithoutFormPages<Op> = Op extends { requestBody: { content: infer B }; responses: infer R }
  ? 'application/x-www-form-urlencoded' extends keyof B
    ? Omit<Op, 'responses'> & {
        responses: {
          [S in keyof R as R[S] extends { content: infer C }
            ? [Exclude<keyof C, 'text/html'>] extends [never]
              ? never
              : S
            : S]: R[S] extends { content: infer C } ? Omit<R[S], 'content'> & { content: Omit<C, 'text/html'> } : R[S];
        };
      }
    : Op
  : Op;

/**
 * The contract's paths as the client sees them: the `Idempotency-Key` header the contract requires
 * on repeatable writes is optional here, because the client adds one when the caller doesn't; and
 * the HTML pages meant for browser form posts are left out.
 */
export type ClientPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: WithoutFormPages<WithOptionalIdempotencyKey<paths[P][M]>> };
};

/** Media types stay generic, so `application/problem+json` errors keep their Problem type. */
export type MahjarClient = Client<ClientPaths>;

/** A response carrying a problem made here, for failures that never reached the API as JSON. */
const problem = (status: number, type: string, title: string, detail?: string): Response =>
  new Response(JSON.stringify({ type: PROBLEM_BASE + type, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** A random key good enough to make one logical write unique (UUID v4 where available: secure contexts). */
export const newIdempotencyKey = (): string =>
  crypto.randomUUID?.() ??
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b | 256).toString(16).slice(1)).join('');

/** The repeatable writes as patterns on a request's path (`{id}` stands for one path segment). */
const idempotentPaths = [...idempotentOperations].map((operation) => {
  const [method, template] = operation.split(' ') as [string, string];
  const literals = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return { method, path: new RegExp(`${literals.join('[^/]+')}$`) };
});

/**
 * Readies a request before its first attempt, synchronously, so that it leaves within the call that
 * made it (an `onRequest` middleware would make openapi-fetch wait a microtask, and a caller's own
 * synchronous work after the call would then stand before the request). Adds an `Idempotency-Key`
 * to every write the contract marks as repeatable, unless the caller set one; and, in a browser,
 * moves a GET's publishable key to `?key=`: without a custom header the request needs no CORS
 * preflight, and preflights are cached per URL (every search is a new one). A member's session is a
 * custom header anyway, and member operations take the key as a header.
 */
function prepare(request: Request): Request {
  const { method, headers } = request;
  const url = new URL(request.url);
  if (
    !headers.has('Idempotency-Key') &&
    idempotentPaths.some((operation) => operation.method === method && operation.path.test(url.pathname))
  )
    headers.set('Idempotency-Key', newIdempotencyKey());
  const key = headers.get('Mahjar-Publishable-Key');
  if (key && method === 'GET' && typeof document === 'object' && !headers.has('Mahjar-Member-Session')) {
    url.searchParams.set('key', key);
    headers.delete('Mahjar-Publishable-Key');
    return new Request(url, request);
  }
  return request;
}

/**
 * One middleware: turns failures that are not problem details (a network error, an HTML 502 from a
 * proxy, an empty 500) into one. It has no `onRequest` (see `prepare`).
 */
const middleware: Middleware = {
  async onResponse({ response: r }) {
    const { status } = r;
    if (!r.ok && !r.headers.get('content-type')?.includes('json'))
      return problem(
        status,
        status === 429 ? 'rate-limited' : status > 499 ? 'internal' : 'http',
        r.statusText || `HTTP ${status}`,
        (await r.clone().text()).slice(0, 500) || undefined,
      );
  },
  onError: ({ error }) => problem(503, 'network', 'Network error', (error as Error)?.message ?? String(error)),
};

/**
 * Creates a typed client for the Mahjar API. Every call returns `{ data, error, response }`;
 * `error` is an RFC 9457 problem, also for network failures (`type` ending in `/network`).
 * Keys and `Accept-Language` are default headers, so one call can still override them.
 */
export function createMahjarClient(o: ClientOptions): MahjarClient {
  const { retries = 3, baseDelayMs = 250, maxDelayMs = 1e4 } = o.retry || { retries: 0 };
  const base = o.fetch ?? fetch;
  const api = createClient<ClientPaths>({
    baseUrl: o.baseUrl,
    headers: {
      'Mahjar-Publishable-Key': o.publishableKey || undefined,
      'Mahjar-Secret-Key': o.secretKey || undefined,
      'Mahjar-Member-Session': o.memberSession || undefined,
      Authorization: o.bearerToken ? `Bearer ${o.bearerToken}` : undefined,
      'Accept-Language': o.locale || undefined,
    },
    // Retries 429/503 (and network failures) with exponential backoff, honouring `Retry-After`
    // (seconds or an HTTP date). A write is only repeated when it carries an Idempotency-Key, so a
    // retry can never create a second row. openapi-fetch always passes a Request, and calls this
    // synchronously (no middleware has an `onRequest`): the first attempt leaves within the call.
    fetch: (async (original: Request, init?: RequestInit) => {
      const request = prepare(original);
      for (let attempt = 0; ; attempt++) {
        const last =
          attempt >= retries ||
          !(/^(GET|HEAD|OPTIONS)$/.test(request.method) || request.headers.has('Idempotency-Key'));
        let response: Response | undefined;
        try {
          response = await base(last ? request : request.clone(), init);
          if (last || (response.status !== 429 && response.status !== 503)) return response;
          await response.body?.cancel();
        } catch (error) {
          if (last || request.signal.aborted) throw error;
        }
        const after = response?.headers.get('Retry-After') ?? '';
        const ms = 1e3 * +after || Date.parse(after) - Date.now();
        await new Promise((r) =>
          setTimeout(r, Math.min(ms >= 0 ? ms : baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2), maxDelayMs)),
        );
      }
    }) as typeof fetch,
  });
  api.use(middleware);
  return api;
}

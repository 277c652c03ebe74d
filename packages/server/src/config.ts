import type { Limit } from './http/rate-limit.js';

/** Everything the server reads from its environment, with defaults that need nothing installed. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when unset, PGlite keeps its data in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Public origin of this server, used in links it sends (verification, checkout). */
  publicUrl: string;
  smtp: { url: string; from: string } | undefined;
  /** HMAC secret of the built-in sandbox payment provider's webhooks. */
  sandboxWebhookSecret: string;
  /**
   * Root of the spam-check challenges' HMAC keys (CHALLENGE_SECRET); when unset they derive from
   * `sandboxWebhookSecret`, so a deployment that rotates them separately sets this.
   */
  challengeSecret: string | undefined;
  /** Whether X-Forwarded-* headers are believed (TRUST_PROXY=1): only behind a reverse proxy you run. */
  trustProxy: boolean;
  /**
   * Redis shared by every instance (REDIS_URL, e.g. `redis://127.0.0.1:6379`): rate limits count
   * across instances and directory answers are cached once for all of them. Unset, both stay in
   * each server's memory, which a single server needs.
   */
  redisUrl: string | undefined;
  stripe: { secretKey: string; webhookSecret: string } | undefined;
  /**
   * The admin console's address (CONSOLE_URL), named in invitation mail; by default the demo's
   * `http://<host>:<examplesPort>/console/`.
   */
  consoleUrl: string;
  /**
   * Origins an admin sign-in link may return to (CONSOLE_ORIGINS, comma-separated, normalised):
   * always the console's own and this server's; a link never carries a code anywhere else.
   */
  consoleOrigins: string[];
  /** Origin of the example pages the demo serves (a different origin from the API, as on a real site). */
  examplesPort: number;
  /** Synthetic professionals `--seed-if-empty` creates in an empty database (SEED_PROFESSIONALS). */
  seedProfessionals: number;
  logLevel: string;
  /** Per-address limits on public writes (RATE_LIMIT=off disables them, e.g. for load tests). */
  rateLimit: boolean;
  /**
   * Limits that replace the defaults (`rateLimits` in http/rate-limit.ts), by operationId. Not read
   * from the environment: for servers started in code, e.g. the test servers' own limits (testing.ts).
   */
  rateLimitOverrides: Partial<Record<string, Limit>>;
  /** Directory answers kept per server while the directory is unchanged (SEARCH_CACHE_SIZE, 0 = off). */
  searchCacheSize: number;
  /**
   * What answers directory searches: the in-process index (`index`, always, from the environment),
   * or the SQL statement it replaced (`sql`), which only the bench selects to print before and after.
   */
  directoryEngine: 'index' | 'sql';
  /** Directory searches per minute and client address (SEARCH_RATE_LIMIT, 0 = no limit). */
  searchRateLimit: number;
  /** Payment webhooks per minute and client address (WEBHOOK_RATE_LIMIT, 0 = no limit). */
  webhookRateLimit: number;
  /**
   * Directory searches the answer cache cannot serve, worked on at once per server
   * (SEARCH_CONCURRENCY); four times as many wait up to 0.5 s, and beyond that the server answers
   * 503 with Retry-After. Answers from the cache never wait.
   */
  searchConcurrency: number;
  /**
   * Seconds between SIGTERM and closing the listener (DRAIN_SECONDS, default 0): readiness answers
   * 503 at once and requests keep being served, so a load balancer stops routing here first.
   */
  drainSeconds: number;
  /** Seconds a shutdown may take before the process exits anyway (SHUTDOWN_TIMEOUT, default 30). */
  shutdownTimeoutSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/+$/, '');
  const examplesPort = Number(env.EXAMPLES_PORT ?? 5173);
  const consoleUrl = env.CONSOLE_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${examplesPort}/console/`;
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MAHJAR_DATA_DIR ?? '.mahjar-data/pglite',
    publicUrl,
    consoleUrl,
    consoleOrigins: consoleOrigins(env.CONSOLE_ORIGINS, [consoleUrl, publicUrl]),
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM ?? 'Mahjar <no-reply@localhost>' } : undefined,
    sandboxWebhookSecret: env.SANDBOX_WEBHOOK_SECRET ?? 'whsec_sandbox_development_only',
    challengeSecret: env.CHALLENGE_SECRET || undefined,
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY),
    redisUrl: env.REDIS_URL || undefined,
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET }
        : undefined,
    examplesPort,
    seedProfessionals: wholeNumber('SEED_PROFESSIONALS', env.SEED_PROFESSIONALS, 2000, 0, 1_000_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimit: env.RATE_LIMIT !== 'off',
    rateLimitOverrides: {},
    searchCacheSize: cacheSize(env.SEARCH_CACHE_SIZE),
    directoryEngine: 'index',
    searchRateLimit: wholeNumber('SEARCH_RATE_LIMIT', env.SEARCH_RATE_LIMIT, 600, 0, 1_000_000),
    webhookRateLimit: wholeNumber('WEBHOOK_RATE_LIMIT', env.WEBHOOK_RATE_LIMIT, 300, 0, 1_000_000),
    searchConcurrency: wholeNumber('SEARCH_CONCURRENCY', env.SEARCH_CONCURRENCY, 4, 1, 1_000),
    drainSeconds: wholeNumber('DRAIN_SECONDS', env.DRAIN_SECONDS, 0, 0, 600),
    shutdownTimeoutSeconds: wholeNumber('SHUTDOWN_TIMEOUT', env.SHUTDOWN_TIMEOUT, 30, 1, 3_600),
  };
}

/** `1`/`true` or `0`/`false` (or unset: false); anything else is refused rather than guessed. */
function flag(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new Error(`${name} must be 1 or 0, not "${raw}"`);
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

/** SEARCH_CACHE_SIZE: a whole number of answers from 0 (off) to 100,000; anything else is refused. */
function cacheSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 256;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) {
    throw new Error(`SEARCH_CACHE_SIZE must be a whole number from 0 to 100000, not "${raw}"`);
  }
  return n;
}

/** CONSOLE_ORIGINS plus the console's and the server's own origins; a value that is no web origin is refused. */
function consoleOrigins(raw: string | undefined, always: string[]): string[] {
  const listed = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const origins = [...always, ...listed].map((value) => {
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(value);
      return url.origin;
    } catch {
      throw new Error(`CONSOLE_ORIGINS must list web origins such as https://console.example.org, not "${value}"`);
    }
  });
  return [...new Set(origins)];
}

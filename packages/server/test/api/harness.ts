/**
 * Runs API tests through the SDK against a real, listening server, once per database engine.
 * Every response the SDK receives is checked against the contract (status declared, body valid);
 * `afterEach` fails the test on any mismatch, so conformance is tested by every call, not by a few.
 *
 *   forEachApiEngine('campaigns', (env) => {
 *     it('lists campaigns', async () => {
 *       const { data } = await env().client().GET('/v1/campaigns');
 *       expect(data?.items.length).toBeGreaterThan(0);
 *     });
 *   });
 */
import { createHash } from 'node:crypto';
import { createMahjarClient, type MahjarClient } from '@mahjar/sdk';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { contract } from '../../src/contract.js';
import type { DB } from '../../src/db/schema.js';
import { demoKeys, type StartedServer, startServer } from '../../src/index.js';
import { type Engine, forEachEngine } from '../db/engines.js';

/** The example site's origin: allowed for every seeded chapter's publishable key. */
export const ALLOWED_ORIGIN = 'http://127.0.0.1:5173';

export interface ClientOptions {
  /** `publishable` (default), `secret`, or `none`. */
  key?: 'publishable' | 'secret' | 'none';
  /** Organisation slug whose key is used (default `ilma-usa`). */
  org?: string;
  /** Origin header to send, as a browser would (default ALLOWED_ORIGIN for publishable keys). */
  origin?: string | null;
  locale?: string;
}

export interface ApiEnv {
  engine: Engine;
  server: StartedServer;
  url: string;
  db: Kysely<DB>;
  client(options?: ClientOptions): MahjarClient;
  /** Raw HTTP, for what the SDK would never send (malformed JSON, wrong content type). Also contract-checked. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  count(table: keyof DB): Promise<number>;
  /** Contract mismatches seen since the last test. */
  mismatches: string[];
}

const routes = [...contract().operations.values()].map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function operationFor(method: string, url: string) {
  const path = new URL(url).pathname;
  return routes.find((r) => r.op.method === method && r.pattern.test(path))?.op;
}

async function checkAgainstContract(method: string, url: string, response: Response, out: string[]) {
  const op = operationFor(method, url);
  if (!op) return;
  if (response.status === 304) return;
  const media = response.headers.get('content-type') ?? '';
  const text = await response.clone().text();
  let body: unknown = text;
  if (media.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      out.push(`${op.operationId} ${response.status}: body is not JSON`);
      return;
    }
  }
  if (text === '' && (response.status === 204 || response.status === 303)) body = undefined;
  const problems = contract().checkResponse(op.operationId, response.status, media || 'none', body);
  for (const p of problems) out.push(`${op.operationId} ${method} ${new URL(url).pathname} → ${response.status}: ${p}`);
}

export function forEachApiEngine(
  title: string,
  fn: (env: () => ApiEnv) => void,
  options: { professionals?: number; config?: Partial<Config>; pgliteThread?: boolean; seed?: false } = {},
): void {
  forEachEngine(title, (engine) => {
    let env: ApiEnv | undefined;
    const logLines: string[] = [];
    beforeAll(async () => {
      const database = await engine.open({ pgliteThread: options.pgliteThread ?? false });
      const server = await startServer({
        database,
        // `seed: false`: an empty database, as a fresh install starts (onboarding.test.ts).
        seed: options.seed ?? { professionals: options.professionals ?? 120 },
        // Limits off unless a file sets its own: they are the subject of rate-limits.test.ts only.
        config: { rateLimit: false, ...options.config },
        // The server's real log, kept for the check below that no personal data or secret is in it.
        logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } },
      });
      const mismatches: string[] = [];
      const checkingFetch: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        const response = await fetch(request.clone());
        await checkAgainstContract(request.method, request.url, response, mismatches);
        return response;
      };
      env = {
        engine,
        server,
        url: server.url,
        db: database.db,
        mismatches,
        client(o: ClientOptions = {}) {
          const org = o.org ?? 'ilma-usa';
          const keys = server.demoKeys[org];
          if (!keys) throw new Error(`no demo keys for ${org}`);
          const kind = o.key ?? 'publishable';
          const origin = o.origin === undefined ? (kind === 'publishable' ? ALLOWED_ORIGIN : null) : o.origin;
          return createMahjarClient({
            baseUrl: server.url,
            ...(kind === 'publishable' ? { publishableKey: keys.publishable } : {}),
            ...(kind === 'secret' ? { secretKey: keys.secret } : {}),
            ...(o.locale ? { locale: o.locale } : {}),
            retry: false,
            fetch: (input, init) => {
              const request = new Request(input, init);
              if (origin) request.headers.set('Origin', origin);
              return checkingFetch(request);
            },
          });
        },
        fetch: (path, init) => checkingFetch(`${server.url}${path}`, init),
        async count(table) {
          const row = await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(row.n);
        },
      };
    }, 180_000);
    afterAll(async () => {
      await env?.server.close();
      await env?.server.database.close();
    });
    afterEach(() => {
      const seen = env?.mismatches.splice(0) ?? [];
      expect(seen, 'responses that do not match the contract').toEqual([]);
    });
    fn(() => {
      if (!env) throw new Error('server not started');
      return env;
    });
    // Last in every API suite: every e-mail address the database holds (seeded or sent by the
    // tests) and every token the server mailed out must be absent from the log of the whole run.
    it('logs no e-mail address, token or secret key', async () => {
      const secrets = await personalDataAndSecrets(env!.db);
      const log = logLines.join('');
      expect(log.length).toBeGreaterThan(0);
      expect(secrets.size).toBeGreaterThan(0);
      expect([...secrets].filter((secret) => log.includes(secret))).toEqual([]);
    });
  });
}

/**
 * The same value with every object's keys in reverse order: equal as JSON data, different as text,
 * as a client in another language (or another version of ours) would send it.
 */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

/**
 * The verifier a test's "browser" keeps when it asks for a sign-in link, and the hash it sends then:
 * the mailed code is exchanged only with it (migration 0015).
 */
export const SIGN_IN_VERIFIER = 'test-browser-verifier-0123456789abcdefghijklmnopq';
export const SIGN_IN_VERIFIER_HASH = createHash('sha256').update(SIGN_IN_VERIFIER).digest('hex');

/** Session tokens handed out during the run (members' and admin users'), which no log line may carry. */
export const memberSessionTokens = new Set<string>();

async function personalDataAndSecrets(db: Kysely<DB>): Promise<Set<string>> {
  const found = new Set<string>(Object.values(demoKeys()).map((k) => k.secret));
  const add = (values: Array<string | null>) => {
    for (const v of values) if (v) found.add(v);
  };
  add((await db.selectFrom('professionals').select('email').execute()).map((r) => r.email));
  add((await db.selectFrom('registrations').select('email').execute()).map((r) => r.email));
  add((await db.selectFrom('admin_users').select('email').execute()).map((r) => r.email));
  add((await db.selectFrom('donations').select('donor_email').execute()).map((r) => r.donor_email));
  add((await db.selectFrom('contact_requests').select('requester_email').execute()).map((r) => r.requester_email));
  for (const mail of await db.selectFrom('outbox').select(['to_address', 'text']).execute()) {
    add([mail.to_address]);
    // Cancel and calendar tokens (rc_…, ri_…), verification codes (ev_…) and sign-in codes (ml_…, al_…) sent in the mail.
    add(mail.text.match(/\b(?:r[ci]|ev|ml|al)_[A-Za-z0-9_-]{16,}/g) ?? []);
  }
  // Member session tokens exist only in the answers that created them; the test files keep them here.
  for (const token of memberSessionTokens) found.add(token);
  return found;
}

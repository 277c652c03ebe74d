/**
 * Decides once per run whether the PostgreSQL half of the server tests runs, before any test file
 * loads, and hands the verdict to the files (`inject('postgres')`, read by test/db/engines.ts).
 *
 * - Under CI (CI=true) both engines are mandatory: PostgreSQL unreachable, refusing the credentials,
 *   unable to create databases, or switched off with MAHJAR_TEST_PG=off fails the whole run here,
 *   with one message that says what to fix. Nothing becomes a skip.
 * - Locally, only "no PostgreSQL at the default address" (connection refused) or MAHJAR_TEST_PG=off
 *   skips the half, loudly: a banner now, and a line in `pnpm test:all`'s summary. A server that is
 *   there but misconfigured (wrong credentials, no such database, no CREATEDB), or an address you
 *   chose with MAHJAR_TEST_PG_URL that does not answer, fails the run as under CI.
 *
 * Redis (the tests of several instances sharing rate limits and answers, `inject('redis')`) is
 * decided the same way: mandatory under CI, a loud skip locally when nothing listens at
 * MAHJAR_TEST_REDIS_URL (default redis://127.0.0.1:6379) or MAHJAR_TEST_REDIS=off.
 */
import { appendFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface Verdict {
  /** PostgreSQL: the maintenance connection used to CREATE/DROP the tests' databases; Redis: its address. */
  url: string;
  /** Why these tests are skipped; absent when they run. */
  skip?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: Verdict;
    redis: Verdict;
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

type Probe = { ok: true } | { ok: false; absent: boolean; reason: string };

async function probe(url: string): Promise<Probe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ can: boolean }>(
      'SELECT rolsuper OR rolcreatedb AS can FROM pg_roles WHERE rolname = current_user',
    );
    if (!rows[0]?.can)
      return { ok: false, absent: false, reason: 'its user may not create databases (needs CREATEDB)' };
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Nothing listening is "no PostgreSQL here"; anything else is a PostgreSQL that is there but refuses us.
    return { ok: false, absent: code === 'ECONNREFUSED', reason: (error as Error).message || String(code) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A line for `pnpm test:all`'s summary (packages/devtools/test-all.mjs reads it). */
function note(line: string): void {
  if (process.env.MAHJAR_RESULTS_DIR) appendFileSync(`${process.env.MAHJAR_RESULTS_DIR}/notes.txt`, `${line}\n`);
}

export default async function setup(project: TestProject): Promise<void> {
  try {
    await decide(project);
  } catch (error) {
    note(`server tests did not start: ${(error as Error).message.split('\n')[0]}`);
    throw error;
  }
}

async function probeRedis(url: string): Promise<Probe> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const refused = code === 'ECONNREFUSED' || /ECONNREFUSED/.test((error as Error).message);
    return { ok: false, absent: refused, reason: (error as Error).message || String(code) };
  } finally {
    redis.disconnect();
  }
}

/** The Redis half: the tests of several instances sharing one Redis. */
async function decideRedis(project: TestProject, ci: boolean): Promise<void> {
  const explicitUrl = process.env.MAHJAR_TEST_REDIS_URL;
  const url = explicitUrl || DEFAULT_REDIS_URL;
  let skip: string | undefined;
  if (process.env.MAHJAR_TEST_REDIS === 'off') {
    if (ci) throw new Error('MAHJAR_TEST_REDIS=off under CI: the tests of several instances are mandatory in CI.');
    skip = 'MAHJAR_TEST_REDIS=off';
  } else {
    const result = await probeRedis(url);
    if (!result.ok) {
      const why = `Redis at ${redact(url)} cannot be used: ${result.reason}`;
      if (ci) throw new Error(`${why}.\nUnder CI .ci/run installs and starts Redis when the machine lacks it.`);
      if (!result.absent || explicitUrl) throw new Error(`${why}.\nSet MAHJAR_TEST_REDIS=off to skip those tests.`);
      skip = `no Redis at ${redact(url)} (${result.reason})`;
    }
  }
  if (skip) {
    const line = `the server tests of several instances sharing Redis were SKIPPED: ${skip}`;
    const bar = '!'.repeat(Math.min(100, line.length + 4));
    console.warn(`\n${bar}\n! ${line}\n! CI refuses this; start Redis to run them.\n${bar}\n`);
    note(line);
  }
  project.provide('redis', { url, ...(skip ? { skip } : {}) });
}

async function decide(project: TestProject): Promise<void> {
  const explicitUrl = process.env.MAHJAR_TEST_PG_URL;
  const url = explicitUrl || DEFAULT_PG_URL;
  const ci = Boolean(process.env.CI) && process.env.CI !== 'false';
  const where = `PostgreSQL at ${redact(url)}`;
  let skip: string | undefined;

  if (process.env.MAHJAR_TEST_PG === 'off') {
    if (ci) throw new Error('MAHJAR_TEST_PG=off under CI: both database engines are mandatory in CI.');
    skip = 'MAHJAR_TEST_PG=off';
  } else {
    const result = await probe(url);
    if (!result.ok) {
      const why = `${where} cannot be used: ${result.reason}`;
      if (ci) {
        throw new Error(
          `${why}.\nUnder CI the server tests run on PGlite AND PostgreSQL. .ci/run installs and starts ` +
            'PostgreSQL when the machine lacks it; set MAHJAR_TEST_PG_URL to a maintenance connection ' +
            '(a user with CREATEDB, no password prompt) if yours lives elsewhere.',
        );
      }
      if (!result.absent || explicitUrl) {
        throw new Error(
          `${why}.\nA PostgreSQL that is there but refuses the tests is an error, not a skip. Fix the ` +
            'address or credentials in MAHJAR_TEST_PG_URL, or set MAHJAR_TEST_PG=off to run on PGlite only.',
        );
      }
      skip = `no PostgreSQL at ${redact(url)} (${result.reason})`;
    }
  }

  if (skip) {
    const line = `the PostgreSQL half of the server tests was SKIPPED: ${skip}`;
    const bar = '!'.repeat(Math.min(100, line.length + 4));
    console.warn(
      `\n${bar}\n! ${line}\n! Only PGlite ran. CI refuses this; start PostgreSQL to run both halves.\n${bar}\n`,
    );
    note(line);
  }
  project.provide('postgres', { url, ...(skip ? { skip } : {}) });
  await decideRedis(project, ci);
}

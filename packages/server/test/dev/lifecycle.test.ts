// What an operator relies on when instances start, stop and scale out (docs/operations.md).
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../../src/db/migrate.js';
import { createPostgresDatabase } from '../db/engines.js';
import { type ServerProcess, startServerProcess } from '../processes.js';

const KEY = { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' };

describe('shutdown', () => {
  let server: ServerProcess | undefined;
  afterAll(() => server?.child.kill('SIGKILL'));

  it('drains on SIGTERM: readiness turns 503 at once, requests keep being served, then it exits 0', async () => {
    server = await startServerProcess(['--seed-if-empty'], {
      SEED_PROFESSIONALS: '20',
      DRAIN_SECONDS: '2',
      LOG_LEVEL: 'info',
    });
    const { url } = server;
    expect((await fetch(`${url}/v1/health/ready`)).status).toBe(200);

    server.child.kill('SIGTERM');
    let readiness: Response | undefined;
    for (let i = 0; i < 50; i++) {
      readiness = await fetch(`${url}/v1/health/ready`);
      if (readiness.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(readiness?.status).toBe(503);
    expect(await readiness?.json()).toMatchObject({ status: 'not-ready', draining: true });

    // within the drain window every request is still answered in full
    const searches = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${url}/v1/professionals?limit=${i + 1}`, { headers: { ...KEY, Origin: 'http://127.0.0.1:5173' } }),
      ),
    );
    expect(searches.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await Promise.all(searches.map(async (r) => (await r.json()).items.length))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );

    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/draining: readiness answers 503/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    await expect(fetch(`${url}/v1/health/live`)).rejects.toThrow();
  }, 120_000);
});

const { skip: pgSkip } = inject('postgres');

describe.skipIf(Boolean(pgSkip))('two instances starting at once on one PostgreSQL', () => {
  const servers: ServerProcess[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await drop?.();
  });

  it('apply every migration once (an advisory lock serialises them) and both serve', async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    servers.push(
      ...(await Promise.all([
        startServerProcess([], { DATABASE_URL: database.url }),
        startServerProcess([], { DATABASE_URL: database.url }),
      ])),
    );
    for (const s of servers) {
      const ready = await fetch(`${s.url}/v1/health/ready`);
      expect(ready.status).toBe(200);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    } finally {
      await client.end();
    }
  }, 120_000);
});

// Two server processes on one PostgreSQL and one Redis, as a deployment behind a load balancer runs
// them: whatever one instance wrote, the other answers from, and nothing happens twice.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sign } from '../../src/payments/signature.js';
import { demoKeys } from '../../src/seed/index.js';
import { createPostgresDatabase } from '../db/engines.js';
import { type ServerProcess, startServerProcess } from '../processes.js';

const ORIGIN = 'http://127.0.0.1:5173';
const CAMPAIGN = 'mental-health-lines';
const { skip: pgSkip } = inject('postgres');
const { url: redisUrl, skip: redisSkip } = inject('redis');

describe.skipIf(Boolean(pgSkip || redisSkip))('two instances on one PostgreSQL and one Redis', () => {
  let first: ServerProcess;
  let second: ServerProcess;
  let databaseUrl = '';
  let drop: (() => Promise<void>) | undefined;
  const keys = demoKeys()['ilma-usa']!;
  const publicHeaders = { 'Mahjar-Publishable-Key': keys.publishable, Origin: ORIGIN };

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    databaseUrl = database.url;
    drop = database.drop;
    // TRUST_PROXY: the rate-limit test below is one client of its own (X-Forwarded-For), so counts
    // another run left in Redis within the last minute cannot reach it
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, SEED_PROFESSIONALS: '60', TRUST_PROXY: '1' };
    first = await startServerProcess(['--seed-if-empty'], env);
    second = await startServerProcess([], env);
  }, 180_000);

  afterAll(async () => {
    for (const server of [first, second]) server?.child.kill('SIGTERM');
    await Promise.all([first?.exited, second?.exited]);
    await drop?.();
  });

  const search = async (server: ServerProcess, query: string) => {
    const response = await fetch(`${server.url}/v1/professionals?${query}`, { headers: publicHeaders });
    expect(response.status).toBe(200);
    return (await response.json()) as { items: { id: string; familyName: string }[]; total: number };
  };

  it('counts one rate limit for a client that switches between them', async () => {
    const client = `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join('.')}`;
    const statuses: number[] = [];
    // getSignupChallenge allows 30 a minute per address: 16 on each instance make 32
    for (let i = 0; i < 32; i++) {
      const server = i % 2 === 0 ? first : second;
      const response = await fetch(`${server.url}/v1/signups/challenge`, {
        headers: { ...publicHeaders, 'X-Forwarded-For': client },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('never answers a search from before a write the other instance made', async () => {
    const page = await search(first, 'chapter=ilma-usa&limit=1');
    const [professional] = page.items;
    expect(professional).toBeDefined();
    const query = `q=${encodeURIComponent(professional!.familyName)}&chapter=ilma-usa&limit=100`;
    // asked on both, twice: the answer is in the shared cache and in both indexes
    for (const server of [first, second, first, second]) {
      expect((await search(server, query)).items.map((p) => p.id)).toContain(professional!.id);
    }

    const review = await fetch(`${second.url}/v1/admin/professionals/${professional!.id}/review`, {
      method: 'POST',
      headers: { 'Mahjar-Secret-Key': keys.secret, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'suspend', note: 'Licence lapsed.' }),
    });
    expect(review.status).toBe(200);

    for (const server of [first, second]) {
      expect((await search(server, query)).items.map((p) => p.id)).not.toContain(professional!.id);
    }
  });

  const donation = (email: string) => ({
    amount: 3100,
    currency: 'USD',
    frequency: 'one_off',
    anonymous: false,
    donorName: 'Two Instances',
    donorEmail: email,
    returnUrl: `${ORIGIN}/thanks`,
  });

  const donate = (server: ServerProcess, body: unknown, idempotencyKey: string) =>
    fetch(`${server.url}/v1/campaigns/${CAMPAIGN}/donations`, {
      method: 'POST',
      headers: { ...publicHeaders, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });

  async function donationsOf(email: string): Promise<{ id: string; status: string }[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; status: string }>(
        'SELECT id, status FROM donations WHERE donor_email = $1',
        [email],
      );
      return rows;
    } finally {
      await client.end();
    }
  }

  it('writes one row for one Idempotency-Key sent to both instances at once', async () => {
    const email = `idem-${randomUUID()}@example.net`;
    const key = randomUUID();
    const answers = await Promise.all([donate(first, donation(email), key), donate(second, donation(email), key)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(answers.map((r) => r.json() as Promise<{ id: string }>));
    expect(a!.id).toBe(b!.id);
    expect(await donationsOf(email)).toHaveLength(1);
  });

  it('counts a payment once when the provider delivers its webhook to both instances', async () => {
    const email = `webhook-${randomUUID()}@example.net`;
    const created = await donate(first, donation(email), randomUUID());
    const d = (await created.json()) as { id: string; amount: number; currency: string; checkoutUrl: string };
    const campaign = async () =>
      (await (await fetch(`${second.url}/v1/campaigns/${CAMPAIGN}`, { headers: publicHeaders })).json()) as {
        raisedAmount: number;
        donorCount: number;
      };
    const before = await campaign();
    const body = JSON.stringify({
      id: `evt_sandbox_${randomUUID().replace(/-/g, '')}`,
      type: 'checkout.succeeded',
      created: new Date().toISOString(),
      data: {
        sessionId: new URL(d.checkoutUrl).pathname.split('/').at(-1),
        donationId: d.id,
        amount: d.amount,
        currency: d.currency,
      },
    });
    const deliver = (server: ServerProcess) =>
      fetch(`${server.url}/v1/payments/webhooks/sandbox`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Mahjar-Signature': sign('whsec_sandbox_development_only', body),
        },
        body,
      });
    const deliveries = await Promise.all([deliver(first), deliver(second), deliver(first)]);
    expect(deliveries.every((r) => r.ok)).toBe(true);
    expect(await donationsOf(email)).toEqual([{ id: d.id, status: 'succeeded' }]);
    const after = await campaign();
    expect(after.raisedAmount).toBe(before.raisedAmount + 3100);
    expect(after.donorCount).toBe(before.donorCount + 1);
  });
});

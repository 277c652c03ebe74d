import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createMahjarClient, type Problem, paginate } from '../src/index.js';

// A real HTTP server scripted per test: the client's retry, idempotency and problem handling are
// checked on the wire, not against a fake fetch.
type Reply = { status: number; headers?: Record<string, string>; body?: string };
let script: Reply[] = [];
let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const r = script.shift() ?? { status: 200, body: '{}' };
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function reset(...replies: Reply[]) {
  script = replies;
  seen = [];
}

const donation = { amount: 5000, currency: 'USD', frequency: 'one_off', anonymous: false, donorEmail: 'a@example.org' };

describe('createMahjarClient', () => {
  it('sends the publishable key and Accept-Language', async () => {
    reset({ status: 200, body: JSON.stringify({ status: 'ok', database: 'ok' }) });
    const client = createMahjarClient({ baseUrl, publishableKey: 'pk_test', locale: 'ar' });
    const { data } = await client.GET('/v1/health');
    expect(data).toEqual({ status: 'ok', database: 'ok' });
    expect(seen[0]!.headers['mahjar-publishable-key']).toBe('pk_test');
    expect(seen[0]!.headers['accept-language']).toBe('ar');
  });

  it('adds an Idempotency-Key to writes the contract marks, and keeps the same one across retries', async () => {
    reset({ status: 503, headers: { 'retry-after': '0' }, body: '{}' }, { status: 201, body: '{"id":"x"}' });
    const client = createMahjarClient({ baseUrl, retry: { baseDelayMs: 1 } });
    const { response } = await client.POST('/v1/campaigns/{slug}/donations', {
      params: { path: { slug: 'beirut-er-2026' } },
      body: donation as never,
    });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(2);
    const [first, second] = seen.map((s) => s.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second).toBe(first);
    expect(JSON.parse(seen[1]!.body)).toEqual(donation);
  });

  it('hands the request to fetch within the call, so work after the call does not delay it', async () => {
    const sent: Request[] = [];
    const client = createMahjarClient({
      baseUrl: `${baseUrl}/api`,
      fetch: async (request) => {
        sent.push(request as Request);
        return new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    const answer = client.POST('/v1/campaigns/{slug}/donations', {
      params: { path: { slug: 'x' } },
      body: donation as never,
    });
    expect(sent).toHaveLength(1); // before anything is awaited
    expect(sent[0]!.url).toBe(`${baseUrl}/api/v1/campaigns/x/donations`);
    expect(sent[0]!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/);
    await answer;
    client.GET('/v1/campaigns/{slug}', { params: { path: { slug: 'x' } } });
    expect(sent[1]!.headers.has('Idempotency-Key')).toBe(false); // a read is not a repeatable write
  });

  it('keeps a caller-chosen Idempotency-Key', async () => {
    reset({ status: 201, body: '{}' });
    const client = createMahjarClient({ baseUrl });
    await client.POST('/v1/campaigns/{slug}/donations', {
      params: { path: { slug: 'x' }, header: { 'Idempotency-Key': 'mine-12345678' } },
      body: donation as never,
    });
    expect(seen[0]!.headers['idempotency-key']).toBe('mine-12345678');
  });

  it('honours Retry-After on 429 and gives up after the configured retries', async () => {
    reset(
      ...Array.from({ length: 5 }, () => ({
        status: 429,
        headers: { 'retry-after': '0' },
        body: '{"type":"https://mahjar.dev/problems/rate-limited","title":"Too many requests","status":429}',
      })),
    );
    const client = createMahjarClient({ baseUrl, retry: { retries: 2, baseDelayMs: 1 } });
    const { error, response } = await client.GET('/v1/taxonomies/specialties');
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(3);
    expect(error?.type).toBe('https://mahjar.dev/problems/rate-limited');
  });

  it('does not repeat a write that has no Idempotency-Key', async () => {
    reset({ status: 503, body: '{}' }, { status: 200, body: '{}' });
    const client = createMahjarClient({ baseUrl, retry: { baseDelayMs: 1 } });
    await client.POST('/v1/signups/verify', { body: { token: 'a'.repeat(32) } as never });
    expect(seen).toHaveLength(1);
  });

  it('turns a non-JSON error body into a problem', async () => {
    reset({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' });
    const client = createMahjarClient({ baseUrl, retry: false });
    const { error } = await client.GET('/v1/taxonomies/specialties');
    expect(error).toMatchObject({ status: 502, type: 'https://mahjar.dev/problems/internal' });
    expect(error?.detail).toContain('Bad gateway');
  });

  it('turns a network failure into a problem', async () => {
    const client = createMahjarClient({ baseUrl: 'http://127.0.0.1:1', retry: false });
    const { error } = await client.GET('/v1/taxonomies/specialties');
    expect(error?.type).toBe('https://mahjar.dev/problems/network');
    expectTypeOf(error!).toMatchTypeOf<Problem>();
  });

  it('walks every cursor page', async () => {
    reset(
      { status: 200, body: JSON.stringify({ items: [{ id: 1 }, { id: 2 }], nextCursor: 'c2' }) },
      { status: 200, body: JSON.stringify({ items: [{ id: 3 }], nextCursor: null }) },
    );
    const client = createMahjarClient({ baseUrl });
    const ids: unknown[] = [];
    for await (const e of paginate(client, '/v1/events', { params: { query: { limit: 2 } } }))
      ids.push((e as unknown as { id: number }).id);
    expect(ids).toEqual([1, 2, 3]);
    expect(seen[1]!.url).toContain('cursor=c2');
    expect(seen[1]!.url).toContain('limit=2');
  });
});

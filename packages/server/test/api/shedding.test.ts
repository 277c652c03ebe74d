// Load shedding on the directory: uncached searches beyond the concurrency limit answer 503 with
// Retry-After; answers the cache holds never wait for that limit.
import { expect, it } from 'vitest';
import { ALLOWED_ORIGIN, forEachApiEngine } from './harness.js';

const headers = { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa', Origin: ALLOWED_ORIGIN };

forEachApiEngine(
  'directory load shedding',
  (env) => {
    it('sheds uncached searches past one running and four waiting, with Retry-After', async () => {
      // forty different searches at once: none is in the cache
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => env().fetch(`/v1/professionals?limit=${i + 1}&sort=name`, { headers })),
      );
      const shed = answers.filter((r) => r.status === 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      for (const r of shed) {
        expect(r.headers.get('retry-after')).toBe('1');
        expect((await r.json()).type).toBe('https://mahjar.dev/problems/unavailable');
      }
    });

    it('answers a cached search to everyone at once, however many ask', async () => {
      const path = '/v1/professionals?q=haddad';
      expect((await env().fetch(path, { headers })).status).toBe(200);
      const answers = await Promise.all(Array.from({ length: 40 }, () => env().fetch(path, { headers })));
      expect(answers.map((r) => r.status)).toEqual(Array(40).fill(200));
    });
  },
  // PGlite as a server process runs it, on its own thread: on the test's thread its statements would
  // run one request at a time, and nothing would ever wait for the limit
  { config: { searchConcurrency: 1, searchCacheSize: 256 }, pgliteThread: true },
);

/**
 * What probing the server from outside found (issue 11): crafted input must answer a small
 * problem, never a 500, never a stall.
 */
import { describe, expect, it } from 'vitest';
import { forEachApiEngine } from './harness.js';

const cursorOf = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');
const NIL = '00000000-0000-0000-0000-000000000000';

/** Cursors a client could craft: right prefix, wrong parts. None may reach SQL. */
const craftedCursors = [
  `v1:-1|${NIL}`,
  `v1:2020-01-01T00:00:00.000000Z|zz`,
  `v1:2020-13-45T00:00:00.000000Z|${NIL}`,
  `v1:99999999999999999999|${NIL}`,
  'v1:\u0000',
  'v1:a\u0000b|c',
  `v1:2020-01-01T00:00:00.000000Z|${NIL}|extra`,
  'v1:',
].map(cursorOf);

forEachApiEngine('hardening', (env) => {
  const secret = (org = 'ilma-usa') => ({ 'Mahjar-Secret-Key': `sk_demo_${org}` });
  const publishable = { 'Mahjar-Publishable-Key': 'pk_demo_ilma-usa' };

  describe('cursors', () => {
    it('answers every crafted cursor of every list (but the directory) with a 400 problem', async () => {
      const event = await env()
        .db.selectFrom('events')
        .select('id')
        .where('organiser_slug', '=', 'ilma-usa')
        .executeTakeFirstOrThrow();
      const lists: Array<[string, Record<string, string>]> = [
        ['/v1/events', publishable],
        ['/v1/campaigns', publishable],
        ['/v1/organisations', publishable],
        ['/v1/admin/outbox', secret('ilma')],
        ['/v1/admin/professionals/pending', secret()],
        [`/v1/admin/events/${event.id}/registrations`, secret()],
      ];
      const seen: string[] = [];
      for (const [path, headers] of lists) {
        for (const cursor of craftedCursors) {
          const response = await env().fetch(`${path}?cursor=${cursor}`, { headers });
          const body = (await response.json()) as { type: string; errors?: Array<{ pointer: string }> };
          if (response.status !== 400 || body.errors?.[0]?.pointer !== '/query/cursor') {
            seen.push(`${path} ${Buffer.from(cursor, 'base64url').toString()} → ${response.status} ${body.type}`);
          }
        }
      }
      expect(seen).toEqual([]);
    });
  });
});

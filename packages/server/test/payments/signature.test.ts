import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../../src/payments/signature.js';
import { ProblemError } from '../../src/problems.js';

const SECRET = 'whsec_test_secret';
const BODY = '{"id":"evt_1","type":"checkout.succeeded"}';
const NOW = 1_789_241_400;

function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(401);
    return (error as ProblemError).problem.type;
  }
}

describe('webhook signatures (t=…,v1=…)', () => {
  it('signs HMAC-SHA256 of "<t>.<body>" in hex, as Stripe does', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(sign(SECRET, BODY, NOW)).toBe(`t=${NOW},v1=${expected}`);
  });

  it('accepts its own signature within the tolerance', () => {
    expect(refusal(() => verify(SECRET, BODY, sign(SECRET, BODY, NOW), 300, NOW + 299))).toBeUndefined();
    expect(refusal(() => verify(SECRET, BODY, sign(SECRET, BODY, NOW), 300, NOW - 299))).toBeUndefined();
  });

  it('accepts any matching v1 among several (secret rotation) and ignores v0', () => {
    const good = sign(SECRET, BODY, NOW).split(',v1=')[1];
    const header = `t=${NOW},v1=${'a'.repeat(64)},v1=${good},v0=${'b'.repeat(64)}`;
    expect(refusal(() => verify(SECRET, BODY, header, 300, NOW))).toBeUndefined();
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['another secret', sign('whsec_other', BODY, NOW)],
    ['another body', sign(SECRET, `${BODY} `, NOW)],
    ['a changed timestamp', sign(SECRET, BODY, NOW).replace(`t=${NOW}`, `t=${NOW + 1}`)],
    ['no timestamp', sign(SECRET, BODY, NOW).replace(`t=${NOW},`, '')],
    ['no v1', `t=${NOW}`],
    ['a truncated signature', sign(SECRET, BODY, NOW).slice(0, -2)],
    ['an uppercase signature', sign(SECRET, BODY, NOW).toUpperCase().replace('T=', 't=').replace('V1=', 'v1=')],
  ])('refuses %s', (_name, header) => {
    expect(refusal(() => verify(SECRET, BODY, header, 300, NOW))).toBe('https://mahjar.dev/problems/unauthorized');
  });

  it.each([
    ['too old', NOW + 301],
    ['from the future', NOW - 301],
  ])('refuses a timestamp %s', (_name, now) => {
    expect(refusal(() => verify(SECRET, BODY, sign(SECRET, BODY, NOW), 300, now))).toBeDefined();
  });
});

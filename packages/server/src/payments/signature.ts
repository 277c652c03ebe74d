import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemError } from '../problems.js';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the scheme Stripe uses, shared by the sandbox. */
export function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Throws `unauthorized` unless `header` carries a `v1` signature of `body` made with `secret` at a
 * timestamp within `toleranceSeconds` of `nowSeconds`. Several `v1` entries are allowed (Stripe
 * sends one per active secret while a secret is rolled); other schemes (`v0`) are ignored.
 */
export function verify(
  secret: string,
  body: string,
  header: string | undefined,
  toleranceSeconds = 300,
  nowSeconds = Date.now() / 1000,
): void {
  if (!header) throw new ProblemError('unauthorized', 'Missing webhook signature.');
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const k = item.slice(0, at).trim();
    parts.set(k, [...(parts.get(k) ?? []), item.slice(at + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) {
    throw new ProblemError('unauthorized', 'Webhook signature timestamp is missing or too old.');
  }
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const ok = (parts.get('v1') ?? []).some((sig) => {
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new ProblemError('unauthorized', 'Webhook signature does not match.');
}

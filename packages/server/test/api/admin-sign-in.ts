/**
 * An admin user's browser, for the API tests: asks for a console sign-in link, reads it from the
 * outbox as the user would from their mailbox, and exchanges its code with the verifier it kept.
 */
import { expect } from 'vitest';
import {
  ALLOWED_ORIGIN,
  type ApiEnv,
  memberSessionTokens,
  SIGN_IN_VERIFIER,
  SIGN_IN_VERIFIER_HASH,
} from './harness.js';

/** A console page: the demo's origin is one of the server's console origins by default. */
export const CONSOLE_URL = `${ALLOWED_ORIGIN}/console/`;

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function requestLink(env: ApiEnv, email: string, organisation: string, returnUrl = CONSOLE_URL) {
  return env.fetch('/v1/admin/sign-in', json({ email, organisation, returnUrl, verifierHash: SIGN_IN_VERIFIER_HASH }));
}

/** The admin sign-in mails sent to `email` so far, newest first. */
export async function signInMails(env: ApiEnv, email: string) {
  return env.db
    .selectFrom('outbox')
    .select(['text', 'locale', 'subject', 'created_at'])
    .where('to_address', '=', email)
    .where('kind', '=', 'admin_sign_in')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The code in the newest sign-in link mailed to `email`. */
export async function mailedCode(env: ApiEnv, email: string): Promise<string> {
  const [mail] = await signInMails(env, email);
  const code = mail && /#mahjar-sign-in=(al_[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no sign-in link mailed to ${email}`);
  return code;
}

export function exchange(env: ApiEnv, code: string, verifier = SIGN_IN_VERIFIER) {
  return env.fetch('/v1/admin/sessions', json({ code, verifier }));
}

/** Signs `email` in to `organisation`'s console; the bearer token. */
export async function signIn(env: ApiEnv, email: string, organisation: string): Promise<string> {
  expect((await requestLink(env, email, organisation)).status).toBe(202);
  const session = await exchange(env, await mailedCode(env, email));
  expect(session.status).toBe(201);
  const { token } = (await session.json()) as { token: string };
  memberSessionTokens.add(token);
  return token;
}

/** Invites `email` with `role` into the organisation whose owner credential `headers` carries. */
export async function invite(
  env: ApiEnv,
  headers: Record<string, string>,
  email: string,
  role: string,
  locale?: string,
): Promise<{ id: string; email: string; role: string; locale: string }> {
  const response = await env.fetch('/v1/admin/users', json({ email, role, ...(locale ? { locale } : {}) }, headers));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; email: string; role: string; locale: string };
}

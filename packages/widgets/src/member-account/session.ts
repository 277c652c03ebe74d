import type { MahjarClient, MemberSession, Problem } from '@mahjar/sdk';

/** The fragment the sign-in mail's link carries (members.ts `linkTo` on the server). */
export const SIGN_IN_FRAGMENT = 'mahjar-sign-in=';

/** A member's session as this device keeps it. */
export interface StoredSession {
  token: string;
  expiresAt: string;
}

/** The storage key of a member's session for one API and publishable key. */
const storageKey = (apiBase: string, publishableKey: string) => `mahjar-member:${apiBase}:${publishableKey}`;

/**
 * The token of the member signed in on this device for this API and key, if any and unexpired: the
 * directory sends it, so a signed-in member sees the fields other members of their chapters share
 * with members.
 */
export function memberSession(apiBase: string, publishableKey: string): string | undefined {
  try {
    const stored = JSON.parse(
      localStorage.getItem(storageKey(apiBase, publishableKey)) ?? 'null',
    ) as StoredSession | null;
    return typeof stored?.token === 'string' && Date.parse(stored.expiresAt) > Date.now() ? stored.token : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the member's session on this device (the server said it has ended). */
export function forgetMemberSession(apiBase: string, publishableKey: string): void {
  try {
    localStorage.removeItem(storageKey(apiBase, publishableKey));
  } catch {}
}

/**
 * The member's session on this device, kept in `localStorage` per API and publishable key (the
 * widget runs on the chapter's site, another origin than the API's: no cookie can carry it). It is
 * read once per page, replaced when a sign-in link is exchanged, and forgotten on sign-out, on
 * expiry, and whenever the API says it has ended.
 */
export class SessionStore {
  #key: string;
  #session?: StoredSession;
  #read = false;

  constructor(apiBase: string, publishableKey: string) {
    this.#key = storageKey(apiBase, publishableKey);
  }

  get session(): StoredSession | undefined {
    if (!this.#read) {
      this.#read = true;
      try {
        const stored = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as StoredSession | null;
        if (typeof stored?.token === 'string' && typeof stored.expiresAt === 'string') this.#session = stored;
      } catch {}
    }
    const session = this.#session;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  }

  set session(session: StoredSession | undefined) {
    this.#read = true;
    this.#session = session;
    try {
      if (session) localStorage.setItem(this.#key, JSON.stringify(session));
      else localStorage.removeItem(this.#key);
    } catch {}
  }
}

/** The code of a sign-in link in this page's address, taken out of the address (history is not polluted, nor is the code left to leak). */
export function takeSignInCode(): string | undefined {
  const hash = location.hash.slice(1);
  if (!hash.startsWith(SIGN_IN_FRAGMENT)) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return hash.slice(SIGN_IN_FRAGMENT.length);
}

const verifierKey = (apiBase: string, publishableKey: string) => `mahjar-member-verifier:${apiBase}:${publishableKey}`;

/**
 * A new random verifier for a sign-in request, kept on this device until the link is exchanged; its
 * SHA-256 (hex) goes with the request, so the mailed code works only here. Asking again replaces it
 * (the newest link is the one that works).
 */
export async function newVerifier(apiBase: string, publishableKey: string): Promise<string> {
  const verifier = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  try {
    localStorage.setItem(verifierKey(apiBase, publishableKey), verifier);
  } catch {}
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Exchanges a mailed code for a session, with this device's verifier (forgotten once used). */
export async function exchange(
  client: MahjarClient,
  code: string,
  apiBase: string,
  publishableKey: string,
): Promise<MemberSession | Problem> {
  let verifier = '';
  try {
    verifier = localStorage.getItem(verifierKey(apiBase, publishableKey)) ?? '';
  } catch {}
  const { data, error } = await client.POST('/v1/members/sessions', {
    // (without a verifier the server answers, as for any code it cannot take, that the link is spent)
    body: { code, verifier: verifier || 'no-verifier-on-this-device-0000000000000000' },
  });
  if (data)
    try {
      localStorage.removeItem(verifierKey(apiBase, publishableKey));
    } catch {}
  return data ?? (error as Problem);
}

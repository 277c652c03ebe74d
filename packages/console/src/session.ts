import type { AdminSession, MahjarClient, Problem } from '@mahjar/sdk';

/** The fragment an admin sign-in link carries (`requestAdminSignIn`), as the members' link does. */
export const SIGN_IN_FRAGMENT = 'mahjar-sign-in=';

const sessionKey = (apiBase: string) => `mahjar-console:${apiBase}`;
const verifierKey = (apiBase: string) => `mahjar-console-verifier:${apiBase}`;

/**
 * The console's session in this tab (`sessionStorage`: closing the tab signs out of it; another tab
 * signs in on its own), if any and unexpired.
 */
export function storedSession(apiBase: string): AdminSession | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(sessionKey(apiBase)) ?? 'null') as AdminSession | null;
    return typeof stored?.token === 'string' && Date.parse(stored.expiresAt) > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function keepSession(apiBase: string, session: AdminSession | undefined): void {
  try {
    if (session) sessionStorage.setItem(sessionKey(apiBase), JSON.stringify(session));
    else sessionStorage.removeItem(sessionKey(apiBase));
  } catch {}
}

/** The code of a sign-in link in this page's address, taken out of the address so it neither stays in history nor leaks. */
export function takeSignInCode(): string | undefined {
  const hash = location.hash.slice(1);
  if (!hash.startsWith(SIGN_IN_FRAGMENT)) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return hash.slice(SIGN_IN_FRAGMENT.length);
}

/**
 * A new random verifier for a sign-in request, kept on this device (`localStorage`, so the link
 * also works when the mail opens it in another tab) until the link is exchanged; its SHA-256 (hex)
 * goes with the request, so the mailed code works only here. Asking again replaces it.
 */
export async function newVerifier(apiBase: string): Promise<string> {
  const verifier = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  try {
    localStorage.setItem(verifierKey(apiBase), verifier);
  } catch {}
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Exchanges a mailed code for a session with this device's verifier (forgotten once used). */
export async function exchange(client: MahjarClient, code: string, apiBase: string): Promise<AdminSession | Problem> {
  let verifier = '';
  try {
    verifier = localStorage.getItem(verifierKey(apiBase)) ?? '';
  } catch {}
  const { data, error } = await client.POST('/v1/admin/sessions', {
    // (without a verifier the server answers, as for any code it cannot take, that the link is spent)
    body: { code, verifier: verifier || 'no-verifier-on-this-device-0000000000000000' },
  });
  if (data)
    try {
      localStorage.removeItem(verifierKey(apiBase));
    } catch {}
  return data ?? (error as Problem);
}

/** The fragment an invitation's link carries (loop.ts `inviteNeedCandidates` on the server). */
const NEED = 'mahjar-need';
const TOKEN = 'mahjar-need-answer';

/** The invitation of the link this page was opened from, taken out of the address (the token must not linger in it). */
export function takeNeedInvitation(): { needId: string; token: string } | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const needId = params.get(NEED);
  const token = params.get(TOKEN);
  if (!needId || !token) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return { needId, token };
}

/** A message typed on this device for a need, kept until it is sent (a sign-in in between keeps it). */
export interface Draft {
  needId: string;
  message: string;
}

const draftKey = (apiBase: string, publishableKey: string) => `mahjar-need-draft:${apiBase}:${publishableKey}`;

/** The message kept for a need, if any: the board shows that need first and its form open. */
export function storedDraft(apiBase: string, publishableKey: string): Draft | undefined {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey(apiBase, publishableKey)) ?? 'null') as Draft | null;
    return typeof draft?.needId === 'string' && typeof draft.message === 'string' ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, without a draft, forgets) the message typed for a need. */
export function keepDraft(apiBase: string, publishableKey: string, draft?: Draft): void {
  try {
    if (draft) localStorage.setItem(draftKey(apiBase, publishableKey), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(apiBase, publishableKey));
  } catch {}
}

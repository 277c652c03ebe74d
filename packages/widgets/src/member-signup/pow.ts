/** The SHA-256 digest of a text (UTF-8), hashed by `crypto.subtle` off the main thread. */
export const sha256 = (text: string): Promise<ArrayBuffer> =>
  crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));

/** True when `digest` starts with `bits` zero bits. */
export function leading(digest: Uint8Array, bits: number): boolean {
  let i = 0;
  for (; bits >= 8; bits -= 8) if (digest[i++]) return false;
  return !bits || digest[i]! >> (8 - bits) === 0;
}

/**
 * Solves the server's proof-of-work challenge (spam.ts): finds a nonce such that
 * SHA-256(`token:nonce`) starts with `difficulty` zero bits. `crypto.subtle` hashes off the main
 * thread; batches are awaited and the loop yields between them, so the page stays responsive and
 * no worker file (which a strict CSP might refuse) is needed. `progress` gets the share of the
 * expected work done (capped below 1: the work is random).
 */
export async function solve(token: string, difficulty: number, progress: (p: number) => void): Promise<string> {
  const batch = 256;
  for (let n = 0; ; n += batch) {
    const digests = await Promise.all(
      Array.from({ length: batch }, (_, i) => sha256(`${token}:${(n + i).toString(36)}`)),
    );
    const i = digests.findIndex((d) => leading(new Uint8Array(d), difficulty));
    if (i >= 0) return (n + i).toString(36);
    progress(Math.min(0.99, (n + batch) / 2 ** difficulty));
    await new Promise((r) => setTimeout(r));
  }
}

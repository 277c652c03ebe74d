import { newIdempotencyKey } from '@mahjar/sdk';
import type { Data } from './fields.js';

/**
 * The local draft, in `localStorage` under the chapter and the element's id: the answers, the step,
 * and the submission's identity. Kept on this device only, saved on every input, never sent before
 * the submit, removed after success. Storage that is full or blocked (private mode, sandboxed
 * frames) only costs the resume. Stored as `{ d, step, key, sent, basis }`.
 */
export class Draft {
  /** The answers, by field path (set by `load()`, as the rest). */
  answers!: Data;
  /** The step shown (an index into the shown steps). */
  step!: number;
  /** Idempotency-Key of this draft's submission: every retry of it reuses the key; empty until `load()`. */
  key!: string;
  /** The body last sent (challenge included) and the answers it was built from: resent as is while they are unchanged. */
  sent?: string;
  basis?: string;
  #storageKey: () => string;

  constructor(storageKey: () => string) {
    this.#storageKey = storageKey;
  }

  load(): void {
    let stored: unknown;
    try {
      stored = JSON.parse(localStorage.getItem(this.#storageKey()) ?? '{}');
    } catch {}
    // Storage is the page's: a draft may be cut short, written by another version, or edited by
    // hand. Keep each part only if it has the right shape; a bad part starts afresh, never throws.
    const { d, step, key, sent, basis } = Object(stored) as Record<string, unknown>;
    this.answers = d && typeof d === 'object' ? (d as Data) : {};
    this.step = (step as number) > 0 ? Math.trunc(step as number) : 0;
    this.key = /^[!-~]{8,128}$/.test(`${key ?? ''}`) ? `${key}` : newIdempotencyKey();
    const resend = typeof sent === 'string' && typeof basis === 'string';
    this.sent = resend ? sent : undefined;
    this.basis = resend ? basis : undefined;
  }

  save(): void {
    const { answers, step, key, sent, basis } = this;
    try {
      localStorage.setItem(this.#storageKey(), JSON.stringify({ d: answers, step, key, sent, basis }));
    } catch {}
  }

  clear(): void {
    try {
      localStorage.removeItem(this.#storageKey());
    } catch {}
  }
}

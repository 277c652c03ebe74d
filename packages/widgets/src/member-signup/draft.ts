import { newIdempotencyKey } from '@mahjar/sdk';
import type { Data } from './fields.js';

/** What survives a reload: the answers, the step, and the submission's identity. */
export interface Saved {
  d: Data;
  step: number;
  /** Idempotency-Key of this draft's submission: every retry of it reuses the key. */
  key: string;
  /** The body last sent (challenge included) and the answers it was built from: resent as is while they are unchanged. */
  sent?: string;
  basis?: string;
}

/**
 * The local draft, in `localStorage` under the chapter and the element's id. Kept on this device
 * only, saved on every input, never sent before the submit, removed after success. Storage that
 * is full or blocked (private mode, sandboxed frames) only costs the resume.
 */
export class Draft {
  constructor(private id: () => string) {}

  load(): Saved {
    let stored: unknown;
    try {
      stored = JSON.parse(localStorage.getItem(this.id()) ?? '{}');
    } catch {}
    // Storage is the page's: a draft may be cut short, written by another version, or edited by
    // hand. Keep each part only if it has the right shape; a bad part starts afresh, never throws.
    const { d, step, key, sent, basis } = Object(stored) as Partial<Record<keyof Saved, unknown>>;
    return {
      d: d && typeof d === 'object' ? (d as Data) : {},
      step: (step as number) > 0 ? Math.trunc(step as number) : 0,
      key: /^[!-~]{8,128}$/.test(`${key ?? ''}`) ? `${key}` : newIdempotencyKey(),
      ...(typeof sent === 'string' && typeof basis === 'string' && { sent, basis }),
    };
  }

  save(v: Saved): void {
    try {
      localStorage.setItem(this.id(), JSON.stringify(v));
    } catch {}
  }

  clear(): void {
    try {
      localStorage.removeItem(this.id());
    } catch {}
  }
}

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
    let saved: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.id()) ?? '{}');
      if (isRecord(parsed)) saved = parsed;
    } catch {}
    // Storage is the page's: a draft may be cut short, written by another version, or edited by
    // hand. Keep each part only if it has the right shape; a bad part starts afresh, never throws.
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const key = text(saved.key);
    return {
      d: isRecord(saved.d) ? (saved.d as Data) : {},
      step: Number.isInteger(saved.step) && (saved.step as number) >= 0 ? (saved.step as number) : 0,
      key: key && /^[\x21-\x7E]{8,128}$/.test(key) ? key : newIdempotencyKey(),
      sent: text(saved.sent),
      basis: text(saved.basis),
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

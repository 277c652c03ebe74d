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
    let saved: Partial<Saved> = {};
    try {
      saved = JSON.parse(localStorage.getItem(this.id()) ?? '{}');
    } catch {}
    return {
      d: saved.d ?? {},
      step: saved.step ?? 0,
      key: saved.key ?? newIdempotencyKey(),
      sent: saved.sent,
      basis: saved.basis,
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

import type { Problem } from '@mahjar/sdk';

/** detail of `mahjar-error`, fired by every element when a request fails. */
export interface MahjarErrorDetail {
  problem: Problem;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mahjar-error': CustomEvent<MahjarErrorDetail>;
  }
}

type Detail<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches a typed `mahjar-*` event that bubbles out of shadow roots.
 * Returns false when a listener called `preventDefault()` on a cancelable event.
 */
export const emit = <K extends keyof GlobalEventHandlersEventMap>(
  el: Element,
  type: K,
  detail: Detail<K>,
  cancelable = false,
): boolean => el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));

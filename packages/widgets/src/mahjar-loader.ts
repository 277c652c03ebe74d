/**
 * The script-tag loader: `<script type="module" src="…/mahjar-loader.js"></script>`.
 * Defines only the `mahjar-*` elements a page holds, now or later: the first time a tag appears, its
 * element's code (and the shared runtime, once) is imported. A page with one donate button downloads
 * the runtime and that button, not all four. Imports nothing up front, so it stays a few hundred bytes.
 *
 * Safe to combine with `mahjar.js` or a second loader: a second loader imports the same chunks (one
 * module instance per URL), a tag another copy already defined is left alone, and `defineElement`
 * never throws on a second definition.
 */
const elements: Record<string, () => Promise<unknown>> = {
  'mahjar-provider': () => import('./mahjar-provider.js'),
  'mahjar-donate-button': () => import('./mahjar-donate-button.js'),
  'mahjar-specialist-directory': () => import('./mahjar-specialist-directory.js'),
  'mahjar-event-calendar': () => import('./mahjar-event-calendar.js'),
  'mahjar-member-signup': () => import('./mahjar-member-signup.js'),
  'mahjar-member-account': () => import('./mahjar-member-account.js'),
  'mahjar-impact-report': () => import('./mahjar-impact-report.js'),
  'mahjar-needs-board': () => import('./mahjar-needs-board.js'),
};
const waiting = new Set(Object.keys(elements));

/** Imports the element of every tag found in (or at) `root` that no one has defined yet. */
function defineWithin(root: ParentNode): void {
  for (const tag of waiting) {
    if (customElements.get(tag)) waiting.delete(tag);
    else if ((root as Element).localName === tag || root.querySelector(tag)) {
      waiting.delete(tag);
      elements[tag]?.().catch((error: unknown) => {
        waiting.add(tag); // the next time the tag is added, try again
        console.error(`Mahjar could not load <${tag}>`, error);
      });
    }
  }
}

defineWithin(document);
if (waiting.size) {
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) defineWithin(node as Element);
    if (!waiting.size) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

import { executeServerCommand } from '@web/test-runner-commands';

export interface DemoServer {
  /** Origin of the real demo server started by web-test-runner.config.mjs. */
  url: string;
  /** Publishable key of the `ilma` demo organisation. */
  publishableKey: string;
}

let demo: Promise<DemoServer> | undefined;

/**
 * The demo server this test run talks to. Its first start (migrate and seed) can outlast a command's
 * 20 s answer time on a loaded machine; the server keeps starting, so asking again waits for it.
 */
export const demoServer = (): Promise<DemoServer> =>
  (demo ??= (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await executeServerCommand<DemoServer, undefined>('mahjar-demo-server');
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
  })());

/** Resolves when `predicate` holds, checking every animation frame (throws after `ms`). */
export async function until(predicate: () => unknown, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${predicate}`);
    await new Promise(requestAnimationFrame);
  }
}

/** The accessibility tree under `selector` as Playwright's ARIA snapshot (YAML: role "name" [states]). */
export const ariaSnapshot = (selector: string): Promise<string> =>
  executeServerCommand<string, { selector: string }>('aria-snapshot', { selector });

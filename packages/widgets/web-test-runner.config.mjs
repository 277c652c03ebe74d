// Element tests in Debian's Chromium (never a downloaded browser), against the REAL demo server:
// `@mahjar/server` starts in this process on a free port with a throwaway in-memory PGlite database,
// seeded with the synthetic demo data. Tests ask for its URL and a publishable key with the
// `mahjar-demo-server` command (see src/test-support.ts).
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const here = new URL('.', import.meta.url);
// The server is TypeScript run by tsx (its own dependency): load it without a global loader hook.
const serverRequire = createRequire(new URL('../server/package.json', here));
const { tsImport } = await import(serverRequire.resolve('tsx/esm/api'));

/** Starts the demo server once for the whole run, and lets the page it is tested from call it. */
function demoServer() {
  let started;
  let demo;
  let port;
  let hostname;
  // Started on first use, so test files that do not need it run without it.
  const start = async () => {
    const { startServer } = await tsImport(new URL('../server/src/index.ts', here).href, import.meta.url);
    // A small seed: the campaigns are always there, the directory need not be.
    started = await startServer({ dataDir: 'memory://', logger: false, seed: { professionals: 10 } });
    // CORS: allow the test runner's origin for every demo organisation.
    const origins = [
      ...new Set([`http://${hostname}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`]),
    ];
    const db = started.database.db;
    for (const org of await db.selectFrom('organisations').select(['id', 'allowed_origins']).execute())
      await db
        .updateTable('organisations')
        .set({ allowed_origins: [...org.allowed_origins, ...origins] })
        .where('id', '=', org.id)
        .execute();
    return { url: started.url, publishableKey: started.demoKeys.ilma.publishable };
  };
  return {
    name: 'mahjar-demo-server',
    serverStart({ config }) {
      port = config.port;
      hostname = config.hostname ?? 'localhost';
    },
    async serverStop() {
      await started?.close();
    },
    // Tests import the SDK from source, so they never run against a stale dist/.
    resolveImport({ source }) {
      if (source === '@mahjar/sdk') return '/packages/sdk/src/index.ts';
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'mahjar-demo-server') {
        demo ??= start();
        return demo;
      }
      // What a screen reader gets: roles, names, states (Playwright's ARIA snapshot, through shadow roots).
      if (command === 'aria-snapshot')
        return session.browser.getPage(session.id).locator(payload.selector).ariaSnapshot();
      return undefined;
    },
  };
}

export default {
  rootDir: new URL('../..', here).pathname,
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('tsconfig.json', here).pathname, target: 'es2022' }),
    demoServer(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
};

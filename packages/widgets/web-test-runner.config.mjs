// Element tests in Debian's Chromium (never a downloaded browser), against the REAL demo server:
// `@mahjar/server` starts in this process on a free port with a throwaway in-memory PGlite database,
// seeded with the synthetic demo data. Tests ask for its URL and a publishable key with the
// `mahjar-demo-server` command (see src/test-support.ts).
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from '../devtools/chromium.mjs';

const here = new URL('.', import.meta.url);
// The server is TypeScript run by tsx (its own dependency): load it without a global loader hook.
const serverRequire = createRequire(new URL('../server/package.json', here));
const { tsImport } = await import(serverRequire.resolve('tsx/esm/api'));

let proxy;
/** Brings the outage proxy up (listening, piping to `target`) or down (closed, open sockets cut); returns its origin. */
async function outageProxy(target, up) {
  const { createServer, connect } = await import('node:net');
  const { hostname, port } = new URL(target);
  proxy ??= { port: 0, sockets: new Set() };
  if (up && !proxy.server) {
    proxy.server = createServer((client) => {
      const s = connect(Number(port), hostname);
      for (const x of [client, s]) {
        proxy.sockets.add(x);
        x.on('close', () => proxy.sockets.delete(x)).on('error', () => x.destroy());
      }
      client.pipe(s).pipe(client);
    });
    await new Promise((r) => proxy.server.listen(proxy.port, '127.0.0.1', r));
    proxy.port = proxy.server.address().port;
  } else if (!up && proxy.server) {
    const closed = new Promise((r) => proxy.server.close(r));
    for (const x of proxy.sockets) x.destroy();
    proxy.server = undefined;
    await closed;
  }
  return { url: `http://127.0.0.1:${proxy.port}`, up };
}

/** Starts the demo server once for the whole run, and lets the page it is tested from call it. */
function demoServer() {
  let started;
  let demo;
  let port;
  let hostname;
  const zoneSessions = new WeakMap();
  // Started with the test runner's own server, before any browser opens: a test asks for it with a
  // command, and a command is answered within 20 s or fails, which a start-and-seed on a busy CI
  // machine can exceed. (A failed start still fails every test that asks, with its error.)
  const start = async () => {
    const { startServer, testServerConfig } = await tsImport(
      new URL('../server/src/index.ts', here).href,
      import.meta.url,
    );
    // A small seed: the campaigns are always there; 200 professionals give the directory's facet
    // combinations real counts (about 120 verified), and still seed in well under a second.
    // Its limits are the test servers' own, on purpose (packages/server/src/testing.ts).
    started = await startServer({
      dataDir: 'memory://',
      logger: false,
      seed: { professionals: 200 },
      config: testServerConfig,
    });
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
    async serverStart({ config }) {
      port = config.port;
      hostname = config.hostname ?? 'localhost';
      demo = start();
      await demo.catch(() => {});
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
      // A TCP proxy in front of the demo server that a test can take down (connections refused) and
      // bring back on the same port: a real outage, without stopping the server other tests use.
      if (command === 'mahjar-outage-proxy') {
        demo ??= start();
        return outageProxy((await demo).url, payload?.up !== false);
      }
      // What a screen reader gets: roles, names, states (Playwright's ARIA snapshot, through shadow roots).
      if (command === 'aria-snapshot')
        return session.browser.getPage(session.id).locator(payload.selector).ariaSnapshot();
      // The browser's time zone, as a viewer elsewhere has it (CDP; `null` restores the machine's).
      if (command === 'set-timezone') {
        // The override lasts as long as its CDP session, so one session per page is kept open.
        const page = session.browser.getPage(session.id);
        let cdp = zoneSessions.get(page);
        if (!cdp) {
          cdp = await page.context().newCDPSession(page);
          zoneSessions.set(page, cdp);
        }
        await cdp.send('Emulation.setTimezoneOverride', { timezoneId: payload.timezoneId ?? '' });
        return true;
      }
      // Any admin call (method, path, JSON body) with a secret key, from Node; answers { status, body }.
      if (command === 'mahjar-admin-call') {
        demo ??= start();
        const { url } = await demo;
        const r = await fetch(`${url}${payload.path}`, {
          method: payload.method ?? 'GET',
          headers: {
            'Mahjar-Secret-Key': payload.key,
            'Content-Type': 'application/json',
            'Idempotency-Key': crypto.randomUUID(),
          },
          body: payload.body === undefined ? undefined : JSON.stringify(payload.body),
        });
        return { status: r.status, body: await r.json() };
      }
      return undefined;
    },
  };
}

/** Writes pass/fail/skip counts of tests (and files that failed outside any test) for packages/devtools/test-all.mjs. */
function countsReporter() {
  return {
    async onTestRunFinished({ sessions }) {
      const dir = process.env.MAHJAR_RESULTS_DIR;
      if (!dir) return;
      const counts = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) counts[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed'] += 1;
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        // A file that failed to load or threw outside a test: not a test, but the step fails.
        if (!s.passed && !s.testResults?.tests?.length && !s.testResults?.suites?.length) counts.fileErrors += 1;
      }
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${dir}/wtr.json`, JSON.stringify(counts));
    },
  };
}

export default {
  reporters: [defaultReporter(), countsReporter()],
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
      launchOptions: chromiumLaunchOptions,
    }),
  ],
};

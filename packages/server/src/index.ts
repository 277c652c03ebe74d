import type { AddressInfo } from 'node:net';
import { type CreateServerOptions, createServer, type MahjarServer } from './app.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { demoKeys, isSeeded, seed } from './seed/index.js';

export { type CreateServerOptions, createServer, type MahjarServer } from './app.js';
export { Contract, contract } from './contract.js';
export { type Database, openDatabase } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { startExamplesServer } from './dev/examples-server.js';
export { sign as signWebhook } from './payments/signature.js';
export { demoKeys, demoOwnerEmail, ensureDemoOwners, isSeeded, seed } from './seed/index.js';
export { TEST_LIMIT, testServerConfig } from './testing.js';

export interface StartedServer extends MahjarServer {
  url: string;
  demoKeys: ReturnType<typeof demoKeys>;
}

export interface StartServerOptions extends CreateServerOptions {
  port?: number;
  host?: string;
  /** PostgreSQL URL; omitted = PGlite in `dataDir` (`memory://` for a throwaway database). */
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite on a thread of its own, as `src/main.ts` runs it (see `openDatabase`). Default off. */
  pgliteThread?: boolean;
  /** Seed synthetic data when the database is empty. `false` to skip. Default 200 professionals. */
  seed?: { professionals: number } | false;
}

/** Starts a complete server in this process (tests, the demo, embedding it in another tool). */
export async function startServer(options: StartServerOptions = {}): Promise<StartedServer> {
  const host = options.host ?? '127.0.0.1';
  const database =
    options.database ??
    (await openDatabase({
      url: options.databaseUrl,
      dataDir: options.dataDir ?? 'memory://',
      pgliteThread: options.pgliteThread ?? false,
    }));
  await migrateToLatest(database.db);
  if (options.seed !== false && !(await isSeeded(database.db))) {
    await seed(database.db, { professionals: options.seed?.professionals ?? 200 });
  }
  // Bind first so the public URL (used in checkout and verification links) carries the real port.
  const probe = await import('node:net').then(
    (net) =>
      new Promise<number>((resolve, reject) => {
        if (options.port) return resolve(options.port);
        const s = net.createServer().listen(0, host, () => {
          const port = (s.address() as AddressInfo).port;
          s.close(() => resolve(port));
        });
        s.on('error', reject);
      }),
  );
  const url = `http://${host}:${probe}`;
  const server = await createServer({
    ...options,
    database,
    config: { publicUrl: url, ...options.config },
  });
  await server.app.listen({ port: probe, host });
  return {
    ...server,
    url,
    demoKeys: demoKeys(),
    async close() {
      await server.close();
      if (!options.database) await database.close();
    },
  };
}

#!/usr/bin/env node
// `pnpm start` / `npm run demo`: the reference server with zero configuration.
//   --seed-if-empty   seed synthetic demo data (SEED_PROFESSIONALS, default 2000) into an empty database
//   --examples        also serve examples/ on EXAMPLES_PORT (default 5173), a different origin from the API
import type { Server } from 'node:http';
import { createServer } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { startExamplesServer } from './dev/examples-server.js';
import {
  allowOrigins,
  demoKeys,
  demoOwnerEmail,
  ensureDemoOwners,
  examplesOrigins,
  isSeeded,
  seed,
} from './seed/index.js';

const args = new Set(process.argv.slice(2));
const config = loadConfig();
const logger = { level: config.logLevel };

// a server process: PGlite (when there is no DATABASE_URL) on a thread of its own
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, pgliteThread: true });
await migrateToLatest(database.db);
if (args.has('--seed-if-empty') && !(await isSeeded(database.db))) {
  const professionals = config.seedProfessionals;
  const started = performance.now();
  console.log(`Seeding synthetic demo data (${professionals} professionals)…`);
  await seed(database.db, { professionals });
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

const server = await createServer({ config, database, logger });
await server.app.listen({ port: config.port, host: config.host });
let examples: Server | undefined;
if (args.has('--examples')) {
  // The seed allows the default port; the demo keys must work wherever the pages really are.
  await allowOrigins(database.db, examplesOrigins(config.host, config.examplesPort));
  // The console (served below under /console/) needs someone to sign in as.
  await ensureDemoOwners(database.db);
  examples = await startExamplesServer(config.examplesPort, config.host, config.publicUrl);
}

const keys = demoKeys();
const ex = `http://${config.host}:${config.examplesPort}`;
console.log(`
Mahjar is running (${database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'})
  API              ${config.publicUrl}/v1   (health: ${config.publicUrl}/v1/health)
  Mail outbox      ${config.publicUrl}/v1/admin/outbox  (each organisation's own mail; ILMA-USA's: header Mahjar-Secret-Key: ${keys['ilma-usa']?.secret ?? ''})
${
  examples
    ? `  Chapter site     ${ex}/chapter-site/   (Arabic: ${ex}/chapter-site/ar.html)
  Member account   ${ex}/chapter-site/account.html   (the sign-in link arrives in the outbox above)
  Hostile host     ${ex}/hostile/   (the widgets under hostile CSS and a strict CSP)
  Ministry site    ${ex}/ministry-directory/   (directory; open needs: needs.html)
  Impact report    ${ex}/ministry-directory/report.html   (staff page: the office's key ${keys['moph-lebanon']?.secret ?? ''})
  Console          ${config.consoleUrl}   (sign in as ${demoOwnerEmail('ilma-usa')}, organisation ilma-usa; the link arrives in the outbox above)
`
    : ''
}  Demo keys        publishable ${keys['ilma-usa']?.publishable ?? ''}, secret ${keys['ilma-usa']?.secret ?? ''}
Press Ctrl+C to stop.`);

// Graceful drain: readiness turns 503 at once, requests keep being served for DRAIN_SECONDS (the
// load balancer takes this instance out meanwhile), then the listener closes, requests in flight
// finish, the mailer ends its batch and the database closes. SHUTDOWN_TIMEOUT bounds all of it.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const log = server.app.log;
  setTimeout(() => {
    log.error({ signal }, `shutdown took longer than ${config.shutdownTimeoutSeconds} s; exiting anyway`);
    process.exit(1);
  }, config.shutdownTimeoutSeconds * 1000).unref();
  server.drain();
  log.info({ signal, drainSeconds: config.drainSeconds }, 'draining: readiness answers 503, requests still served');
  if (config.drainSeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.drainSeconds * 1000));
  log.info('closing: no new connections, finishing requests in flight');
  examples?.close();
  await server.close(); // Fastify waits for in-flight requests, then the mailer flushes
  await database.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

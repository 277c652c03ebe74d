/**
 * The server under load, in its own process so its memory is its own (bench/load.bench.ts).
 * argv: <database url | memory> <professionals>. Prints `READY <url>` once listening.
 */
import { startServer } from '../src/index.js';

const [target = 'memory', professionals = '2000'] = process.argv.slice(2);
const server = await startServer({
  ...(target === 'memory' ? { dataDir: 'memory://' } : { databaseUrl: target }),
  seed: { professionals: Number(professionals) },
  // as `pnpm start` runs PGlite: on a thread of its own
  pgliteThread: true,
  // Every search reaches the database (no answer cache), and one address may send them all.
  config: { searchCacheSize: 0, rateLimit: false },
});
console.log(`READY ${server.url}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

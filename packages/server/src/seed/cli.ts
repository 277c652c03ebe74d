import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoKeys, isSeeded, seed } from './seed.js';

/**
 * pnpm --filter @mahjar/server seed -- [--professionals N] [--now ISO] [--seed NAME] [--data-dir DIR]
 * Uses DATABASE_URL when set, otherwise PGlite in MAHJAR_DATA_DIR / --data-dir (.mahjar-data/pglite).
 */
const { values } = parseArgs({
  options: {
    professionals: { type: 'string', default: '2000' },
    now: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const professionals = Number(values.professionals);
if (!Number.isInteger(professionals) || professionals < 0) {
  console.error('--professionals must be a non-negative integer');
  process.exit(2);
}
const config = loadConfig();
const url = config.databaseUrl;
const dataDir = values['data-dir'] ?? config.dataDir;

const t0 = performance.now();
const database = await openDatabase({ url, dataDir });
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
try {
  console.log(`database: ${database.kind}${url ? '' : ` (${dataDir ?? '.mahjar-data/pglite'})`}, opened in ${ms(t0)}`);
  const t1 = performance.now();
  const migrated = await migrateToLatest(database.db);
  console.log(`migrations: ${migrated.results?.length ?? 0} applied in ${ms(t1)}`);
  if (await isSeeded(database.db)) {
    console.log('already seeded; nothing to do (start from an empty database to reseed)');
  } else {
    const t2 = performance.now();
    let last = 0;
    const summary = await seed(database.db, {
      professionals,
      now: values.now ? new Date(values.now) : undefined,
      seed: values.seed,
      onProgress: (step, done, total) => {
        if (step !== 'professionals' || done === total || performance.now() - last > 2000) {
          last = performance.now();
          console.log(`  ${step}: ${done}/${total} (${ms(t2)})`);
        }
      },
    });
    console.log(`seeded in ${ms(t2)}:`, summary);
    const t3 = performance.now();
    await sql`VACUUM (ANALYZE)`.execute(database.db);
    console.log(`vacuum + analyze in ${ms(t3)}`);
    console.log('demo keys:');
    for (const k of Object.values(demoKeys()))
      console.log(`  ${k.organisation.padEnd(20)} ${k.publishable}  ${k.secret}`);
  }
} finally {
  await database.close();
}

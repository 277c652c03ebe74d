#!/usr/bin/env node
// The operator's command line, for a fresh install (see src/operator.ts and docs/operations.md):
//   pnpm --filter @mahjar/server exec tsx src/admin-cli.ts create-organisation --slug ilma --name ILMA \
//     --kind umbrella --owner someone@example.org --origin https://ilma.example.org
// Uses DATABASE_URL when set, otherwise PGlite in MAHJAR_DATA_DIR / --data-dir (.mahjar-data/pglite),
// as `pnpm start` does; applies the migrations it lacks first.
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { parseCommand, runOperatorCommand, USAGE } from './operator.js';

const argv = process.argv.slice(2);
let dataDir: string | undefined;
try {
  dataDir = parseCommand(argv).values['data-dir'];
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: dataDir ?? config.dataDir });
let code = 1;
try {
  await migrateToLatest(database.db);
  const result = await runOperatorCommand(database.db, config, argv);
  (result.code === 0 ? console.log : console.error)(result.lines.join('\n'));
  code = result.code;
} finally {
  await database.close();
}
process.exit(code);

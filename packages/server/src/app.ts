import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { type Config, loadConfig } from './config.js';
import { contract } from './contract.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { warmDirectoryIndex } from './db/search-index.js';
import { handlers } from './handlers.js';
import { KeyStore } from './http/auth.js';
import { buildRouter } from './http/router.js';
import type { AppContext } from './http/types.js';
import { Mailer } from './mail.js';
import { CredentialSweeper } from './operations/professionals/credentials.js';
import type { PaymentProviders } from './payments/provider.js';
import { SandboxProvider } from './payments/sandbox.js';
import { StripeProvider } from './payments/stripe.js';

export interface MahjarServer {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  /**
   * Stops taking traffic without stopping: readiness answers 503 from now on (the load balancer
   * takes this instance out), requests keep being served. `close()` follows.
   */
  drain(): void;
  close(): Promise<void>;
}

export interface CreateServerOptions {
  config?: Partial<Config>;
  /** Use this database instead of opening one from the config (tests share one per engine). */
  database?: Database;
  logger?: boolean | object;
  /** Clock for tests. */
  now?: () => Date;
}

/** Opens the database, applies migrations and binds every operation of the contract. Does not listen. */
export async function createServer(options: CreateServerOptions = {}): Promise<MahjarServer> {
  const config = { ...loadConfig(), ...options.config };
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  await migrateToLatest(database.db);
  // the directory index is loaded before the server answers (about a second per 20,000 profiles);
  // should it fail or be rebuilt later, searches use the SQL statement meanwhile
  await warmDirectoryIndex(database.db);
  const payments: PaymentProviders = {
    sandbox: new SandboxProvider(config.publicUrl, config.sandboxWebhookSecret),
    ...(config.stripe ? { stripe: new StripeProvider(config.stripe.secretKey, config.stripe.webhookSecret) } : {}),
  };
  const mailer = new Mailer(database.db, config);
  const now = options.now ?? (() => new Date());
  // One client per server, shared by whatever needs Redis (see AppContext.redis); none without REDIS_URL.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
    : undefined;
  await redis?.connect();
  const ctx: AppContext = {
    config,
    db: database.db,
    mailer,
    payments,
    keys: new KeyStore(database.db, now),
    lifecycle: { draining: false },
    ...(redis ? { redis } : {}),
    now,
  };
  const app = await buildRouter({ contract: contract(), handlers, ctx, logger: options.logger ?? false });
  // ioredis reconnects by itself; a lost connection is logged, and rate limits let requests through meanwhile
  redis?.on('error', (error) => app.log.warn({ err: error }, 'Redis connection error'));
  mailer.start();
  // credentials past their last day lose the directory's badge; those close to it are reminded once
  const credentialSweeper = new CredentialSweeper(database.db, mailer, now, (error) =>
    app.log.error({ err: error }, 'credential sweep failed'),
  );
  credentialSweeper.start();
  return {
    app,
    ctx,
    database,
    drain() {
      ctx.lifecycle.draining = true;
    },
    async close() {
      await app.close();
      await credentialSweeper.stop();
      await mailer.stop();
      await redis?.quit();
      if (!options.database) await database.close();
    },
  };
}

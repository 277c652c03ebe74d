import type { components, operations } from '@mahjar/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail.js';
import type { PaymentProviders } from '../payments/provider.js';
import type { KeyStore } from './auth.js';

export type OperationName = keyof operations;

/** Who is calling, as established from the key or token the request carries. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'publishable';
      keyId: string;
      organisationId: string;
      organisationSlug: string;
      /** A ministry's key finds only the professionals who named that ministry in their consent. */
      organisationKind: components['schemas']['OrganisationKind'];
    }
  | {
      kind: 'secret';
      keyId: string;
      organisationId: string;
      organisationSlug: string;
      organisationKind: components['schemas']['OrganisationKind'];
      role: components['schemas']['AdminRole'];
      userId: null;
    }
  | {
      /** An admin user signed in to the console (`Authorization: Bearer as_…`), acting with their role. */
      kind: 'user';
      keyId: null;
      userId: string;
      /** The user's address, for the server log and the audit log's label. */
      email: string;
      sessionId: string;
      organisationId: string;
      organisationSlug: string;
      organisationKind: components['schemas']['OrganisationKind'];
      role: components['schemas']['AdminRole'];
    }
  | {
      /** A signed-in member, through the publishable key of the organisation they signed in with. */
      kind: 'member';
      keyId: string;
      organisationId: string;
      organisationSlug: string;
      organisationKind: components['schemas']['OrganisationKind'];
      professionalId: string;
      sessionId: string;
      sessionExpiresAt: Date;
    };

/** Whoever may call an admin operation: a secret key or a signed-in admin user, each with a role. */
export type AdminPrincipal = Extract<Principal, { kind: 'secret' | 'user' }>;

export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  mailer: Mailer;
  payments: PaymentProviders;
  /** This instance's key cache: a key revoked here stops working here at once. */
  keys: KeyStore;
  /** Where this instance is in its life: `draining` from SIGTERM until it exits (readiness answers 503). */
  lifecycle: { draining: boolean };
  /**
   * The Redis client every instance shares, when `REDIS_URL` is set (one per server, opened by
   * `createServer`, closed by its `close()`); undefined for a single instance, which keeps rate
   * limits and caches in memory. It holds the rate-limit counters (keys `mahjar:rate-limit:*`) and
   * the directory's answer cache (keys `mahjar:search:*`).
   */
  redis?: Redis;
  now(): Date;
}

/** What a handler may do besides answering: log, and leave work for after its transaction commits. */
export interface RequestEffects {
  log: FastifyBaseLogger;
  /** Runs `task` after the commit, before the answer; never after a rollback (transaction.ts). */
  afterCommit(task: () => Promise<void>): void;
}

type ParamsOf<O, K extends 'path' | 'query' | 'header'> = O extends { parameters: infer P }
  ? P extends { [Q in K]?: infer X }
    ? [X] extends [never | undefined]
      ? Record<string, never>
      : NonNullable<X>
    : Record<string, never>
  : Record<string, never>;

type BodyOf<O> = O extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : O extends { requestBody?: { content: infer C } }
    ? C[keyof C] | undefined
    : undefined;

/** What a handler is given: parameters and body already validated against the contract. */
export interface HandlerInput<O> extends RequestEffects {
  path: ParamsOf<O, 'path'>;
  query: ParamsOf<O, 'query'>;
  /** Declared headers, lower-cased names. */
  headers: Record<string, string | undefined>;
  body: BodyOf<O>;
  /** Media type the body came in (`application/json`, `application/x-www-form-urlencoded`, …). */
  mediaType: string | undefined;
  principal: Principal;
  /** Transaction for writes, plain connection for reads. */
  db: Kysely<DB>;
  ctx: AppContext;
  /** The best of `en`, `ar`, `fr` for the request's Accept-Language (its `q=` weights honoured). */
  locale: string;
  /** Accept-Language as sent (undefined when the client sent none). */
  acceptLanguage: string | undefined;
  /** The Origin the browser sent, if any. */
  origin: string | undefined;
  /** A JSON body exactly as received, e.g. to verify a webhook signature over its bytes. */
  rawBody: string | undefined;
}

type Success = 200 | 201 | 202 | 204 | 303;

/** The responses a handler may return: one per 2xx/303 status the contract declares, body typed by it. */
export type HandlerResult<O> = O extends { responses: infer R }
  ? {
      [S in keyof R & Success]: R[S] extends { content: infer C }
        ? {
            [M in keyof C & string]: {
              status: S;
              mediaType?: M;
              body: C[M];
              headers?: Record<string, string>;
            };
          }[keyof C & string]
        : { status: S; body?: undefined; headers?: Record<string, string> };
    }[keyof R & Success]
  : never;

export type Handler<O> = (input: HandlerInput<O>) => Promise<HandlerResult<O>>;

/** One handler per operationId of the contract; a missing one is a compile error. */
export type Handlers = { [Op in OperationName]: Handler<operations[Op]> };

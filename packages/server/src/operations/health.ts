import { sql } from 'kysely';
import { directoryIndexOf } from '../db/search-index.js';
import type { Handlers } from '../http/types.js';

type Ops = 'getLiveness' | 'getReadiness';

/**
 * Liveness and readiness, as orchestrators and load balancers ask for them (docs/operations.md).
 * Liveness never touches the database: restarting an instance because PostgreSQL is away would
 * not bring PostgreSQL back. Readiness is what a balancer routes by: the database answers, the
 * directory index is loaded and the instance is not draining after SIGTERM.
 */
export const healthHandlers: Pick<Handlers, Ops> = {
  async getLiveness() {
    return { status: 200, body: { status: 'ok' } };
  },

  async getReadiness({ db, ctx }) {
    const database = await sql`select 1`.execute(db).then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const directoryIndex = directoryIndexOf(ctx.db) ? ('loaded' as const) : ('loading' as const);
    const draining = ctx.lifecycle.draining;
    const ready = database === 'ok' && directoryIndex === 'loaded' && !draining;
    const body = { status: ready ? ('ready' as const) : ('not-ready' as const), database, directoryIndex, draining };
    if (ready) return { status: 200, body };
    // a 503 the contract declares, which the success-only handler result type does not list
    return { status: 503, body, headers: { 'Retry-After': '5' } } as never;
  },
};

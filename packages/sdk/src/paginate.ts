import type { MahjarClient, ClientPaths as paths } from './client.js';
import type { Problem } from './generated/schema.js';

/** Paths whose GET answers with a cursor page: `{ items: T[]; nextCursor: string | null }`. */
export type PagedPath = {
  [P in keyof paths]: paths[P] extends {
    get: {
      parameters: { query?: { cursor?: string } };
      responses: { 200: { content: { 'application/json': { items: unknown[]; nextCursor?: string | null } } } };
    };
  }
    ? P
    : never;
}[keyof paths];

type PageOf<P extends PagedPath> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer Page } } } };
}
  ? Page
  : never;
type ItemOf<P extends PagedPath> = PageOf<P> extends { items: (infer T)[] } ? T : never;
type InitOf<P extends PagedPath> = paths[P] extends { get: { parameters: infer Params } } ? { params?: Params } : never;

/** Thrown by {@link paginate} when a page fails; carries the problem details. */
export class MahjarProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'MahjarProblemError';
  }
}

/**
 * Walks every page of a cursor-paginated list:
 * `for await (const e of paginate(client, '/v1/events', { params: { query: { from } } })) …`
 */
export async function* paginate<P extends PagedPath>(
  client: MahjarClient,
  path: P,
  init?: InitOf<P>,
): AsyncGenerator<ItemOf<P>, void, undefined> {
  let cursor: string | undefined;
  do {
    const params = (init?.params ?? {}) as { query?: Record<string, unknown> };
    // biome-ignore lint/suspicious/noExplicitAny: the path is checked by PagedPath; openapi-fetch cannot infer through a generic path.
    const { data, error } = await (client.GET as any)(path, {
      ...init,
      params: { ...params, query: { ...params.query, ...(cursor ? { cursor } : {}) } },
    });
    if (error) throw new MahjarProblemError(error as Problem);
    const page = data as { items: ItemOf<P>[]; nextCursor?: string | null };
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

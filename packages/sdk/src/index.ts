export type { ClientOptions, ClientPaths, MahjarClient, RetryOptions } from './client.js';
export { createMahjarClient, newIdempotencyKey, PROBLEM_BASE } from './client.js';
export type { OperationId } from './generated/operations.js';
export { idempotentOperations, operationTable } from './generated/operations.js';
// Every schema of the contract as a named type (Campaign, Professional, Problem, …), plus the raw maps.
export type * from './generated/schema.js';
export type { PagedPath } from './paginate.js';
export { MahjarProblemError, paginate } from './paginate.js';

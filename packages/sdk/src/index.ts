export type { ClientOptions, ClientPaths, MahjarClient, RetryOptions } from './client.js';
export { createMahjarClient, newIdempotencyKey, PROBLEM_BASE } from './client.js';
export type { OperationId } from './generated/operations.js';
export { idempotentOperations, operationTable } from './generated/operations.js';
// Every schema of the contract as a named type (Campaign, Professional, Problem, …), plus the raw maps;
// and every enum as a value list (`offerKindValues`, `visibilityValues`, …) for forms and filters that
// offer all choices, so no element keeps a copy that could drift from the contract.
export * from './generated/schema.js';
export type { PagedPath } from './paginate.js';
export { MahjarProblemError, paginate } from './paginate.js';
export type { ProfileField } from './profile.js';
export { profileFieldDefaults, profileFields } from './profile.js';

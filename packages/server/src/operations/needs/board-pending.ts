import type { Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';

/**
 * Placeholders for the public needs board's two reads (`listPublicNeeds`, `getPublicNeed`), which
 * another branch implements; they exist so this branch compiles and its server starts. They answer
 * 404 as the contract allows. Delete this file (and its line in needs.ts) when the board's branch lands.
 */
export const boardPendingHandlers: Pick<Handlers, 'listPublicNeeds' | 'getPublicNeed'> = {
  async listPublicNeeds() {
    throw new ProblemError('not-found', 'The public needs board is not available on this build.');
  },
  async getPublicNeed() {
    throw new ProblemError('not-found', 'The public needs board is not available on this build.');
  },
};

import type { Handlers } from '../http/types.js';
import { ProblemError } from '../problems.js';

const pending = async (): Promise<never> => {
  throw new ProblemError('internal', 'being written');
};

export const reportHandlers: Pick<Handlers, 'getEngagementReport'> = {
  getEngagementReport: pending,
};

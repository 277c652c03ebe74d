import type { Handlers } from '../http/types.js';
import { ProblemError } from '../problems.js';

type Ops =
  | 'getSignupChallenge'
  | 'createSignup'
  | 'verifyEmail'
  | 'searchProfessionals'
  | 'getProfessional'
  | 'createContactRequest'
  | 'listPendingProfessionals'
  | 'reviewProfessional'
  | 'exportMembers';

const pending = async (): Promise<never> => {
  throw new ProblemError('internal', 'being written');
};

export const professionalHandlers: Pick<Handlers, Ops> = {
  getSignupChallenge: pending,
  createSignup: pending,
  verifyEmail: pending,
  searchProfessionals: pending,
  getProfessional: pending,
  createContactRequest: pending,
  listPendingProfessionals: pending,
  reviewProfessional: pending,
  exportMembers: pending,
};

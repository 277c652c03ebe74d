import type { Handlers } from '../http/types.js';
import { needAdminHandlers } from './needs/admin.js';
import { candidateHandlers } from './needs/candidates.js';

type Ops = 'createNeed' | 'listNeeds' | 'getNeed' | 'updateNeed' | 'changeNeedState' | 'listNeedCandidates';

/** A ministry's needs (issue 17): posted, followed through their states, and matched to candidates. */
export const needHandlers: Pick<Handlers, Ops> = {
  ...needAdminHandlers,
  ...candidateHandlers,
};

import type { Handlers } from '../http/types.js';
import { needAdminHandlers } from './needs/admin.js';
import { candidateHandlers } from './needs/candidates.js';
import { loopHandlers } from './needs/loop.js';
import { publicNeedHandlers } from './needs/public.js';

type Ops =
  | 'createNeed'
  | 'listNeeds'
  | 'getNeed'
  | 'updateNeed'
  | 'changeNeedState'
  | 'listNeedCandidates'
  | 'inviteNeedCandidates'
  | 'listNeedResponses'
  | 'changeNeedResponseState'
  | 'recordNeedOutcome'
  | 'answerNeed'
  | 'answerNeedAsMember'
  | 'listPublicNeeds'
  | 'getPublicNeed';

/** A ministry's needs (issue 17): posted, followed through their states, matched to candidates, answered, and shown on its public board. */
export const needHandlers: Pick<Handlers, Ops> = {
  ...needAdminHandlers,
  ...candidateHandlers,
  ...loopHandlers,
  ...publicNeedHandlers,
};

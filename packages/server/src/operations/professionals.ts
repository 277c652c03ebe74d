import type { Handlers } from '../http/types.js';
import { adminHandlers } from './professionals/admin.js';
import { credentialHandlers } from './professionals/credentials.js';
import { directoryHandlers } from './professionals/directory.js';
import { signupHandlers } from './professionals/signup.js';

type Ops =
  | 'getSignupChallenge'
  | 'createSignup'
  | 'verifyEmail'
  | 'searchProfessionals'
  | 'getProfessional'
  | 'createContactRequest'
  | 'listPendingProfessionals'
  | 'reviewProfessional'
  | 'exportMembers'
  | 'listProfessionalCredentials'
  | 'reviewCredential';

/** Signup and verification, the public directory and contact relay, and the reviewers' tools. */
export const professionalHandlers: Pick<Handlers, Ops> = {
  ...signupHandlers,
  ...directoryHandlers,
  ...adminHandlers,
  ...credentialHandlers,
};

import type { Handlers } from './http/types.js';
import { adminUserHandlers } from './operations/admin-users.js';
import { campaignHandlers } from './operations/campaigns.js';
import { eventHandlers } from './operations/events.js';
import { healthHandlers } from './operations/health.js';
import { memberHandlers } from './operations/members.js';
import { needHandlers } from './operations/needs.js';
import { onboardingHandlers } from './operations/onboarding.js';
import { professionalHandlers } from './operations/professionals.js';
import { reportHandlers } from './operations/reports.js';
import { systemHandlers } from './operations/system.js';

/** Every operation of the contract, bound by operationId; a missing or mistyped one fails the build. */
export const handlers = {
  ...healthHandlers,
  ...memberHandlers,
  ...systemHandlers,
  ...professionalHandlers,
  ...eventHandlers,
  ...campaignHandlers,
  ...reportHandlers,
  ...needHandlers,
  ...adminUserHandlers,
  ...onboardingHandlers,
} satisfies Handlers;

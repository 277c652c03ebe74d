import type { Handlers } from '../http/types.js';
import { adminEventHandlers } from './events/admin.js';
import { getRegistrationCancelPage } from './events/cancel-page.js';
import { checkInHandlers } from './events/check-in.js';
import { publicEventHandlers } from './events/public.js';
import { registrationHandlers } from './events/registrations.js';

type Ops =
  | 'listEvents'
  | 'getEvent'
  | 'getEventIcs'
  | 'getEventsFeed'
  | 'createRegistration'
  | 'cancelRegistration'
  | 'getRegistrationCancelPage'
  | 'getRegistrationIcs'
  | 'listAdminEvents'
  | 'createEvent'
  | 'updateEvent'
  | 'cancelEvent'
  | 'listRegistrations'
  | 'recordAttendance'
  | 'checkInRegistration';

/**
 * Events: the public calendar (list, detail, `.ics` files and the organiser feed), registrations
 * with capacity and a first-come-first-served waitlist, and the organiser's admin operations.
 */
export const eventHandlers: Pick<Handlers, Ops> = {
  ...publicEventHandlers,
  ...registrationHandlers,
  getRegistrationCancelPage,
  ...adminEventHandlers,
  ...checkInHandlers,
};

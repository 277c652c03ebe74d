import type { Handlers } from '../http/types.js';
import { ProblemError } from '../problems.js';

type Ops =
  | 'listEvents'
  | 'getEvent'
  | 'getEventIcs'
  | 'getEventsFeed'
  | 'createRegistration'
  | 'cancelRegistration'
  | 'getRegistrationIcs'
  | 'createEvent'
  | 'updateEvent'
  | 'cancelEvent'
  | 'listRegistrations'
  | 'recordAttendance';

const pending = async (): Promise<never> => {
  throw new ProblemError('internal', 'being written');
};

export const eventHandlers: Pick<Handlers, Ops> = {
  listEvents: pending,
  getEvent: pending,
  getEventIcs: pending,
  getEventsFeed: pending,
  createRegistration: pending,
  cancelRegistration: pending,
  getRegistrationIcs: pending,
  createEvent: pending,
  updateEvent: pending,
  cancelEvent: pending,
  listRegistrations: pending,
  recordAttendance: pending,
};

/**
 * English strings, one module per element in en/ so that each element (and each chunk of the script-tag
 * build) carries only its own section. This file gathers them for types and tests; elements import
 * their own module directly.
 */
export { common } from './en/common.js';
export { donateButton } from './en/donate-button.js';
export { eventCalendar } from './en/event-calendar.js';
export { impactReport } from './en/impact-report.js';
export { memberAccount } from './en/member-account.js';
export { memberSignup } from './en/member-signup.js';
export { needsBoard } from './en/needs-board.js';
export { specialistDirectory } from './en/specialist-directory.js';

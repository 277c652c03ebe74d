/**
 * Registers `<mahjar-event-calendar>`: `import '@mahjar/widgets/event-calendar'`.
 * The only side effect of this entry point is the definition below.
 */
import { MahjarEventCalendar } from './event-calendar/event-calendar.js';
import { defineElement } from './shared/define.js';

defineElement('mahjar-event-calendar', MahjarEventCalendar);

export { MahjarEventCalendar };

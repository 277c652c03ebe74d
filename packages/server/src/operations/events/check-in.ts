import { requireRole } from '../../http/auth.js';
import type { Handlers } from '../../http/types.js';
import { ProblemError } from '../../problems.js';
import { normaliseCheckInCode } from './model.js';

/**
 * Check-in at the door (issue 16, item 4): the organiser scans or types the code of a registrant's
 * confirmation mail. Attendance goes where `recordAttendance` puts it (`attended`, `attended_at`), so
 * the event's `attendedCount` and the engagement report count it.
 */
export const checkInHandlers: Pick<Handlers, 'checkInRegistration'> = {
  async checkInRegistration({ db, ctx, principal, path, body }) {
    const p = requireRole(principal, 'editor');
    const code = normaliseCheckInCode(body.code);
    if (!code) {
      throw new ProblemError('validation', 'A check-in code is 12 letters and digits, such as K7QF-2M9X-PA3T.', {
        errors: [{ pointer: '/code', detail: 'is not a check-in code' }],
      });
    }
    // Another organisation's event answers like an unknown one: a door scanner learns nothing else.
    const event = await db
      .selectFrom('events')
      .select(['id', 'status'])
      .where('id', '=', path.id)
      .where('organiser_slug', '=', p.organisationSlug)
      .executeTakeFirst();
    if (!event) throw new ProblemError('not-found', 'No such event.');
    // Locked, so two scans of one code at two doors record one attendance and answer once each way.
    const registration = await db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', event.id)
      .where('check_in_code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!registration) throw new ProblemError('not-found', 'No registration for this event has this check-in code.');
    if (registration.status === 'cancelled') {
      throw new ProblemError(
        'conflict',
        `This registration was cancelled${registration.cancelled_at ? ` on ${registration.cancelled_at.toISOString()}` : ''}: the code no longer admits anyone.`,
      );
    }
    if (registration.status === 'waitlisted') {
      throw new ProblemError('conflict', 'This registration is on the waitlist: it has no seat to check in to.');
    }
    if (event.status === 'cancelled') throw new ProblemError('event-cancelled', 'This event was cancelled.');

    let checkedInAt = registration.attended_at;
    const first = checkedInAt === null;
    if (!checkedInAt) {
      const now = ctx.now();
      await db
        .updateTable('registrations')
        .set({ attended: true, attended_at: now, updated_at: now })
        .where('id', '=', registration.id)
        .execute();
      checkedInAt = now;
    }
    const total = await db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', event.id)
      .where('attended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return {
      status: 200,
      body: {
        outcome: first ? 'checked_in' : 'already_checked_in',
        registrationId: registration.id,
        eventId: event.id,
        name: registration.name,
        checkedInAt: checkedInAt.toISOString(),
        attendedTotal: Number(total.n),
      },
    };
  },
};

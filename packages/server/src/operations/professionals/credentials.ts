import type { components } from '@mahjar/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { Credential, CredentialState, DB, ProfessionalCredentialsTable } from '../../db/schema.js';
import { requireRole } from '../../http/auth.js';
import type { Handlers } from '../../http/types.js';
import { sendMail } from '../../mail/send.js';
import type { Mailer } from '../../mail.js';
import { ProblemError } from '../../problems.js';
import { inScope, reviewScope } from './admin.js';
import { namesOf } from './model.js';

type Schemas = components['schemas'];
type CredentialRow = Selectable<ProfessionalCredentialsTable>;
type Decision = Schemas['CredentialReviewInput']['decision'];

/**
 * Credential review (issue 16, item 3). The review lives in `professional_credentials` (migration
 * 0020); `professionals.credentials` carries its state as `verification`, which is what the public
 * directory, the member's profile and need matching read. Every change of state writes both in one
 * transaction, and writing the professional raises the directory's version (its triggers), so no
 * instance or cache shows a badge a decision or an expiry took away.
 */

/** decision → (states it applies to, resulting state); see reviewCredential in the contract. */
const TRANSITIONS: Record<Decision, { from: CredentialState[]; to: CredentialState }> = {
  verify: { from: ['pending', 'rejected', 'expired', 'verified'], to: 'verified' },
  reject: { from: ['pending', 'verified', 'expired'], to: 'rejected' },
};

/** How long before its last valid day a credential's holder is reminded. */
export const REMINDER_DAYS = 30;

/** `YYYY-MM-DD` of an instant, in UTC: the day an expiry date is compared with. */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

function toCredentialReview(row: CredentialRow): Schemas['CredentialReview'] {
  return {
    id: row.id,
    professionalId: row.professional_id,
    kind: row.kind,
    name: row.name,
    issuer: row.issuer,
    country: row.country,
    ...(row.year === null ? {} : { year: row.year }),
    state: row.state,
    evidence: row.evidence,
    expiresOn: row.expires_on,
    reviewer: row.reviewed_at === null ? null : { keyId: row.reviewed_by_key_id, userId: row.reviewed_by_user_id },
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    expiryReminderSentAt: row.expiry_reminder_sent_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

const sameCredential = (stated: Credential, row: CredentialRow) =>
  stated.kind === row.kind &&
  stated.name === row.name &&
  stated.issuer === row.issuer &&
  stated.country === row.country &&
  (stated.year ?? null) === row.year;

/**
 * Writes the rows' states into the professional's `credentials` (the caller holds the professional's
 * row lock). The update is what raises the directory's version.
 */
async function writeVerification(db: Kysely<DB>, professionalId: string, rows: CredentialRow[], now: Date) {
  const professional = await db
    .selectFrom('professionals')
    .select('credentials')
    .where('id', '=', professionalId)
    .executeTakeFirstOrThrow();
  const credentials = (professional.credentials as Credential[]).map((stated) => {
    const row = rows.find((r) => sameCredential(stated, r));
    return row ? { ...stated, verification: row.state } : stated;
  });
  await db
    .updateTable('professionals')
    .set({ credentials: JSON.stringify(credentials), updated_at: now })
    .where('id', '=', professionalId)
    .execute();
}

/** A professional in the reviewer's scope, locked (`404` outside it, as for an unknown id). */
async function professionalInScope(db: Kysely<DB>, scope: ReturnType<typeof reviewScope>, id: string, lock: boolean) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const q = db.selectFrom('professionals').select(['id']).where('id', '=', id).where(inScope(scope));
  return lock ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

export const credentialHandlers: Pick<Handlers, 'listProfessionalCredentials' | 'reviewCredential'> = {
  async listProfessionalCredentials({ db, principal, path }) {
    const scope = reviewScope(requireRole(principal, 'reviewer'));
    const professional = await professionalInScope(db, scope, path.id, false);
    if (!professional) throw new ProblemError('not-found', 'No profile with this id in your organisation.');
    const rows = await db
      .selectFrom('professional_credentials')
      .selectAll()
      .where('professional_id', '=', professional.id)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return { status: 200, body: { items: rows.map(toCredentialReview) } };
  },

  async reviewCredential({ db, ctx, principal, path, body }) {
    const p = requireRole(principal, 'reviewer');
    const scope = reviewScope(p);
    const now = ctx.now();
    // Bad input first: nothing is read or written for a request that cannot succeed.
    if (body.decision === 'reject' && body.expiresOn !== undefined) {
      throw new ProblemError('validation', 'expiresOn goes with a verification only.', {
        errors: [{ pointer: '/expiresOn', detail: 'is only accepted with decision "verify"' }],
      });
    }
    if (body.expiresOn !== undefined && body.expiresOn < utcDay(now)) {
      throw new ProblemError(
        'validation',
        `expiresOn (${body.expiresOn}) is in the past: the credential has expired.`,
        {
          errors: [{ pointer: '/expiresOn', detail: 'must be today or later' }],
        },
      );
    }
    if (!body.evidence.trim()) {
      throw new ProblemError('validation', 'Say what was checked.', {
        errors: [{ pointer: '/evidence', detail: 'must not be blank' }],
      });
    }
    // The professional's row first, then the credential's: the order profile edits (whose trigger
    // writes credential rows) and the expiry sweep take them in too.
    const professional = await professionalInScope(db, scope, path.id, true);
    if (!professional) throw new ProblemError('not-found', 'No profile with this id in your organisation.');
    const credential = /^[0-9a-f-]{36}$/i.test(path.credentialId)
      ? await db
          .selectFrom('professional_credentials')
          .selectAll()
          .where('id', '=', path.credentialId)
          .where('professional_id', '=', professional.id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!credential) throw new ProblemError('not-found', 'This professional states no credential with this id.');
    const transition = TRANSITIONS[body.decision];
    if (!transition.from.includes(credential.state)) {
      throw new ProblemError(
        'conflict',
        `A credential that is ${credential.state} cannot be given the decision "${body.decision}" (allowed from ${transition.from.join(', ')}).`,
      );
    }
    const expiresOn = body.decision === 'verify' ? (body.expiresOn ?? null) : credential.expires_on;
    const updated = await db
      .updateTable('professional_credentials')
      .set({
        state: transition.to,
        evidence: body.evidence,
        expires_on: expiresOn,
        reviewed_by_key_id: p.keyId,
        reviewed_by_user_id: p.userId,
        reviewed_at: now,
        // a new expiry date (a renewal) is reminded of again; the same date is not
        ...(expiresOn !== credential.expires_on ? { expiry_reminder_sent_at: null } : {}),
        updated_at: now,
      })
      .where('id', '=', credential.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('professional_credential_changes')
      .values({
        credential_id: credential.id,
        from_state: credential.state,
        to_state: transition.to,
        api_key_id: p.keyId,
        user_id: p.userId,
        evidence: body.evidence,
        expires_on: expiresOn,
        created_at: now,
      })
      .execute();
    await writeVerification(db, professional.id, [updated], now);
    return { status: 200, body: toCredentialReview(updated) };
  },
};

// ---- the sweep ----

export interface SweepResult {
  /** Credentials that passed their last valid day and are now `expired`. */
  expired: number;
  /** Reminders queued (one per credential and expiry date, ever). */
  reminded: number;
}

/** Professionals handled per transaction when expiring credentials. */
const EXPIRY_BATCH = 200;

/**
 * Expires the verified credentials whose last valid day is before `now`'s (UTC), and queues the
 * reminder for those whose last day is at most 30 days away. Safe to run on several instances at
 * once, and twice: a credential expires once (its state is checked under the professional's row
 * lock) and is reminded once (`expiry_reminder_sent_at` is set by the same statement that picks it,
 * so a concurrent sweep waits on the row and then finds it taken); the mail is queued in that
 * transaction, so a failed sweep leaves neither.
 */
export async function sweepCredentials(db: Kysely<DB>, mailer: Mailer, now: Date): Promise<SweepResult> {
  const today = utcDay(now);
  let expired = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('professional_credentials')
        .select('professional_id')
        .distinct()
        .where('state', '=', 'verified')
        .where('expires_on', '<', today)
        .orderBy('professional_id')
        .limit(EXPIRY_BATCH)
        .execute();
      if (!due.length) return { professionals: 0, credentials: 0 };
      const ids = due.map((d) => d.professional_id);
      await trx.selectFrom('professionals').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
      const rows = await trx
        .updateTable('professional_credentials')
        .set({ state: 'expired', updated_at: now })
        .where('professional_id', 'in', ids)
        .where('state', '=', 'verified')
        .where('expires_on', '<', today)
        .returningAll()
        .execute();
      if (rows.length) {
        await trx
          .insertInto('professional_credential_changes')
          .values(
            rows.map((r) => ({
              credential_id: r.id,
              from_state: 'verified' as const,
              to_state: 'expired' as const,
              expires_on: r.expires_on,
              created_at: now,
            })),
          )
          .execute();
      }
      for (const id of new Set(rows.map((r) => r.professional_id))) {
        await writeVerification(
          trx,
          id,
          rows.filter((r) => r.professional_id === id),
          now,
        );
      }
      return { professionals: due.length, credentials: rows.length };
    });
    expired += batch.credentials;
    if (batch.professionals < EXPIRY_BATCH) break;
  }

  const reminded = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('professional_credentials')
      .set({ expiry_reminder_sent_at: now })
      .where('state', '=', 'verified')
      .where('expires_on', '>=', today)
      .where('expires_on', '<=', addDays(today, REMINDER_DAYS))
      .where('expiry_reminder_sent_at', 'is', null)
      .returningAll()
      .execute();
    for (const row of rows) {
      const professional = await trx
        .selectFrom('professionals')
        .select(['email', 'locale', 'chapters', 'given_name', 'family_name', 'given_name_ar', 'family_name_ar'])
        .where('id', '=', row.professional_id)
        .executeTakeFirstOrThrow();
      // signed by the professional's (first) chapter, else by the organisation whose key verified it
      const reviewer = professional.chapters[0]
        ? undefined
        : await trx
            .selectFrom('api_keys as k')
            .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
            .select('o.slug')
            .where('k.id', '=', row.reviewed_by_key_id ?? '00000000-0000-0000-0000-000000000000')
            .executeTakeFirst();
      await sendMail(trx, mailer, {
        kind: 'credential_expiring',
        to: professional.email,
        organisation: professional.chapters[0] ?? reviewer?.slug ?? '',
        locales: [professional.locale],
        data: {
          ...namesOf(professional),
          credential: row.name,
          issuer: row.issuer,
          expiresOn: row.expires_on ?? today,
        },
      });
    }
    return rows.length;
  });
  return { expired, reminded };
}

/** The longest an instance goes without sweeping (reminders are by day; expiries wake it sooner). */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** How long after the expiry instant the sweep runs, so a timer firing a little early is not too early. */
const EXPIRY_MARGIN_MS = 100;

/**
 * When the next verified credential can expire, seen from `now`: the next UTC midnight. A credential
 * is valid through its last day (`expires_on`, a date), so every expiry, of every credential, falls on
 * a UTC midnight, including one a reviewer verifies on another instance after this one last looked:
 * waking then needs no query, and misses none.
 */
export function nextExpiryInstant(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Runs `sweepCredentials` when a server starts (a server that was down catches up at once), then at
 * the next expiry instant (`nextExpiryInstant`, just after UTC midnight), or an hour after the last
 * sweep if that comes first: a badge outlives its credential by a fraction of a second, not an hour.
 * Every instance does so (the sweep is safe to run concurrently: the expiry is decided under the
 * professional's row lock, the reminder claimed by the statement that picks it). A failed sweep is
 * logged and retried at the next wake.
 */
export class CredentialSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private intervalMs = SWEEP_INTERVAL_MS;
  private started = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly mailer: Mailer,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs = SWEEP_INTERVAL_MS): void {
    if (this.started) return;
    this.started = true;
    this.intervalMs = intervalMs;
    this.tick();
  }

  private tick(): void {
    this.timer = undefined;
    this.running = sweepCredentials(this.db, this.mailer, this.now())
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  /** The next wake, counted from the end of a sweep, so two never overlap on one instance. */
  private schedule(): void {
    if (!this.started) return;
    const now = this.now();
    const untilExpiry = nextExpiryInstant(now).getTime() - now.getTime() + EXPIRY_MARGIN_MS;
    this.timer = setTimeout(() => this.tick(), Math.max(0, Math.min(this.intervalMs, untilExpiry)));
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress, so the database can close after it. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

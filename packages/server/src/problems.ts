import type { Problem } from '@mahjar/sdk';

export const PROBLEM_BASE = 'https://mahjar.dev/problems/';

export type ProblemSlug =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'origin-not-allowed'
  | 'not-found'
  | 'conflict'
  | 'idempotency-conflict'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'event-full'
  | 'registration-closed'
  | 'event-cancelled'
  | 'campaign-closed'
  | 'duplicate-signup'
  | 'challenge-failed'
  | 'internal';

const titles: Record<ProblemSlug, [number, string]> = {
  validation: [400, 'Invalid request'],
  unauthorized: [401, 'Authentication required'],
  forbidden: [403, 'Not allowed'],
  'origin-not-allowed': [403, 'Origin not allowed'],
  'not-found': [404, 'Not found'],
  conflict: [409, 'Conflict'],
  'idempotency-conflict': [409, 'Idempotency key reused with a different request'],
  'rate-limited': [429, 'Too many requests'],
  'payload-too-large': [413, 'Request body too large'],
  'unsupported-media-type': [415, 'Unsupported media type'],
  'event-full': [409, 'Event is full'],
  'registration-closed': [409, 'Registration is closed'],
  'event-cancelled': [409, 'Event is cancelled'],
  'campaign-closed': [409, 'Campaign is closed'],
  'duplicate-signup': [409, 'Signup could not be completed'],
  'challenge-failed': [400, 'Spam check failed'],
  internal: [500, 'Internal error'],
};

export type FieldError = { pointer: string; detail: string };

/** Thrown anywhere in a handler; the error handler turns it into `application/problem+json`. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(
    slug: ProblemSlug,
    detail?: string,
    extra: { errors?: FieldError[]; status?: number; headers?: Record<string, string> } = {},
  ) {
    const [status, title] = titles[slug];
    super(detail ?? title);
    this.status = extra.status ?? status;
    this.headers = extra.headers ?? {};
    this.problem = {
      type: `${PROBLEM_BASE}${slug}`,
      title,
      status: this.status,
      ...(detail ? { detail } : {}),
      ...(extra.errors?.length ? { errors: extra.errors } : {}),
    } as Problem;
  }
}

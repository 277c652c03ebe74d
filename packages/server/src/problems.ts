import type { Problem, ProblemType } from '@mahjar/sdk';

export const PROBLEM_BASE = 'https://mahjar.dev/problems/';

/** The contract's problem types (`ProblemType`), by the last part of their URI: `validation`, `not-found`, … */
type SlugOf<T> = T extends `${typeof PROBLEM_BASE}${infer Slug}` ? Slug : never;
export type ProblemSlug = SlugOf<ProblemType>;

const titles: Record<ProblemSlug, [number, string]> = {
  validation: [400, 'Invalid request'],
  unauthorized: [401, 'Authentication required'],
  forbidden: [403, 'Not allowed'],
  'origin-not-allowed': [403, 'Origin not allowed'],
  'not-found': [404, 'Not found'],
  conflict: [409, 'Conflict'],
  'idempotency-conflict': [409, 'Idempotency key reused with a different request'],
  'rate-limited': [429, 'Too many requests'],
  'method-not-allowed': [405, 'Method not allowed'],
  'payload-too-large': [413, 'Request body too large'],
  'unsupported-media-type': [415, 'Unsupported media type'],
  'event-full': [409, 'Event is full'],
  'registration-closed': [409, 'Registration is closed'],
  'event-cancelled': [409, 'Event is cancelled'],
  'campaign-closed': [409, 'Campaign is closed'],
  'duplicate-signup': [409, 'Signup could not be completed'],
  'challenge-failed': [400, 'Spam check failed'],
  'sign-in-link-invalid': [400, 'Sign-in link not valid'],
  'need-invitation-invalid': [400, 'Invitation link not valid'],
  internal: [500, 'Internal error'],
  unavailable: [503, 'Service busy'],
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
    const errors = extra.errors?.slice(0, MAX_ERRORS).map((e) => ({
      pointer: boundedPointer(e.pointer),
      detail: printable(e.detail, 500, CONTROL),
    }));
    this.problem = {
      type: `${PROBLEM_BASE}${slug}`,
      title,
      status: this.status,
      ...(detail ? { detail: printable(detail, 2000, CONTROL_BUT_WHITESPACE) } : {}),
      ...(errors?.length ? { errors } : {}),
    } as Problem;
  }
}

/** The contract's bounds on a problem (`Problem`, `ProblemFieldError`): whatever a caller sent, the answer stays small and valid. */
const MAX_ERRORS = 100;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A field error's detail, or a problem's, within the contract's bounds (for text written after the fact). */
export const boundedFieldDetail = (text: string) => printable(text, 500, CONTROL);
export const boundedProblemDetail = (text: string) => printable(text, 2000, CONTROL_BUT_WHITESPACE);

function printable(text: string, max: number, control: RegExp): string {
  const clean = text.toWellFormed().replace(control, '\uFFFD');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).toWellFormed()}…`;
}

/** A JSON Pointer cut to 500 characters without splitting an escape (`~0`, `~1`). */
function boundedPointer(pointer: string): string {
  let out = pointer.toWellFormed();
  if (out.length <= 500) return out;
  out = out.slice(0, 500).toWellFormed();
  return out.endsWith('~') ? out.slice(0, -1) : out;
}

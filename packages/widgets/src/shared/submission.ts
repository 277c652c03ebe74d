import { newIdempotencyKey, type Problem } from '@mahjar/sdk';
import type { ReactiveControllerHost } from 'lit';

/** One request as a submission sends it: the body and the key that makes a retry of it harmless. */
export interface Attempt<Body> {
  /** What the attempt was built from: while it is unchanged, the same body goes with the same key. */
  basis: string;
  body: Body;
  key: string;
}

/** How a submission reaches the API: an SDK call answering `{ data, error }`. */
export type Send<Body, Result> = (body: Body, idempotencyKey: string) => Promise<{ data?: Result; error?: unknown }>;

export interface SubmitOptions<Body, Result> {
  /** What identifies this submission's answers (default: the body as JSON). */
  basis?: string;
  /** Builds the body of a new attempt (e.g. with a solved challenge; throws a `Problem` when it cannot); called only when `basis` changed. */
  body(): Body | Promise<Body>;
  send: Send<Body, Result>;
  /** The Idempotency-Key of every attempt of this submission (default: a new one for each new basis). */
  key?: string;
  /** A refusal that changed nothing on the server (a spent challenge): one new attempt is made. */
  retryWhen?(problem: Problem): boolean;
}

/**
 * A form's write to the API, the same way in every element (a controller: it updates its host, and
 * needs no lifecycle of its own): the same body is sent again with the
 * same `Idempotency-Key` (a double click or a retry after a lost answer is answered from the
 * server's record, never done twice), one new attempt when `retryWhen` says so, and the problem's
 * JSON pointers turned into messages at the fields.
 */
export class Submission<Field extends string = string> {
  sending = false;
  /** Why the last attempt failed. */
  problem?: Problem;
  /** Messages by field, from the element's checks or the server's pointers. */
  errors: Partial<Record<Field, string>> = {};
  /** The last attempt; an element whose submission outlives the page keeps it (see `member-signup`). */
  attempt?: Attempt<unknown>;
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Sets the field messages (`{}` clears them) and the problem shown. */
  show(errors: Partial<Record<Field, string>>, problem?: Problem): void {
    this.errors = errors;
    this.problem = problem;
    this.#host.requestUpdate();
  }

  /**
   * Sends, unless a submission is under way (then `undefined`). Answers the result, or the
   * problem after it was recorded (`problem`; `errors` from `fieldOf` and `message`).
   */
  async submit<Body, Result>(
    options: SubmitOptions<Body, Result>,
    fieldOf?: (pointer: string) => Field | undefined,
    message?: (field: Field) => string,
  ): Promise<{ result: Result } | { problem: Problem } | undefined> {
    if (this.sending) return;
    this.sending = true;
    this.show({});
    let retried = false;
    try {
      for (;;) {
        let attempt = this.attempt as Attempt<Body> | undefined;
        if (options.basis === undefined || attempt?.basis !== options.basis) {
          const body = await options.body();
          const basis = options.basis ?? JSON.stringify(body);
          if (attempt?.basis !== basis) attempt = { basis, body, key: options.key ?? newIdempotencyKey() };
        }
        this.attempt = attempt;
        const { data, error } = await options.send(attempt!.body, attempt!.key);
        if (data) return { result: data };
        if (retried || !options.retryWhen?.(error as Problem)) throw error;
        retried = true;
        this.attempt = undefined;
      }
    } catch (thrown) {
      // The API's refusal, or what `body()` threw (a challenge that could not be fetched).
      const problem = thrown as Problem;
      const errors: Partial<Record<Field, string>> = {};
      for (const { pointer } of problem.errors ?? []) {
        const field = fieldOf?.(pointer);
        if (field) errors[field] = message!(field);
      }
      this.show(errors, problem);
      return { problem };
    } finally {
      this.sending = false;
      this.#host.requestUpdate();
    }
  }
}

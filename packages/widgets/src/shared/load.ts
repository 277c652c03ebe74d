import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a load stands; the same numbers as `@lit/task`'s `TaskStatus`. */
export const LoadStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type LoadStatus = (typeof LoadStatus)[keyof typeof LoadStatus];

/** What `Load` runs, and when (the options of `@lit/task`'s `Task` that Mahjar uses). */
export interface LoadOptions<Args extends readonly unknown[], Value> {
  /** Reads the value; throws (an API `Problem`) when it cannot. */
  task(args: Args): Promise<Value>;
  /** The inputs; the task runs before an update in which one of them changed (not while `undefined`). */
  args?(): Args | undefined;
  onComplete?(value: Value): unknown;
  onError?(error: unknown): unknown;
}

/**
 * A value read for an element, with the API of `@lit/task`'s `Task` as far as the elements use it
 * (`task`, `args`, `onComplete`, `onError`; `status`, `value`, `error`, `run()`), written here
 * because the dependency did not fit the budgets (CONTRIBUTING.md, "Decisions"). Arguments are
 * compared one by one, as `Task` does. A run that a newer one replaced changes nothing. Beyond
 * `Task`: a run that failed while the browser was offline runs again once it is back online.
 */
export class Load<Args extends readonly unknown[], Value> implements ReactiveController {
  status: LoadStatus = LoadStatus.INITIAL;
  /** The last value read; kept while a newer run is pending. */
  value?: Value;
  /** Why the last run failed. */
  error?: unknown;
  /** The last run failed while the browser was offline. */
  offline = false;
  #host: ReactiveControllerHost;
  #options: LoadOptions<Args, Value>;
  #lastArgs?: Args;
  /** The run under way: an answer to an older one changes nothing. */
  #current?: object;

  constructor(host: ReactiveControllerHost, options: LoadOptions<Args, Value>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.#handleOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#handleOnline);
  }

  hostUpdate(): void {
    const args = this.#options.args?.();
    const last = this.#lastArgs;
    if (args && (!last || args.some((arg, index) => arg !== last[index]))) this.run(args);
  }

  /** Runs the task now, with `args` or the current inputs. */
  async run(args: Args = this.#options.args?.() ?? ([] as unknown as Args)): Promise<void> {
    const run = {};
    this.#current = run;
    this.#lastArgs = args;
    this.status = LoadStatus.PENDING;
    this.#host.requestUpdate();
    try {
      const value = await this.#options.task(args);
      if (run !== this.#current) return;
      this.value = value;
      this.error = undefined;
      this.offline = false;
      this.status = LoadStatus.COMPLETE;
      this.#options.onComplete?.(value);
    } catch (error) {
      if (run !== this.#current) return;
      this.error = error;
      this.offline = !navigator.onLine;
      this.status = LoadStatus.ERROR;
      this.#options.onError?.(error);
    }
    this.#host.requestUpdate();
  }

  #handleOnline = (): void => {
    if (this.offline && this.status === LoadStatus.ERROR) this.run(this.#lastArgs);
  };
}

import { ProblemError } from '../problems.js';

/**
 * Bounds how many requests of one kind work at once. Up to `max` run; the next `queue` wait
 * (first come, first served) at most `maxWaitMs`; anything beyond is answered at once with 503 and
 * Retry-After, which the SDK honours. Under a burst the server sheds load instead of queueing
 * without bound — queued requests are what made latency and memory grow.
 */
export class ConcurrencyLimit {
  #running = 0;
  readonly #waiting: Array<{ resolve: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    readonly max: number,
    readonly queue: number,
    readonly maxWaitMs: number,
    readonly what = 'This operation',
  ) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.max) this.#running++;
    else await this.#wait(); // resolves holding the slot its predecessor handed over
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #wait(): Promise<void> {
    if (this.#waiting.length >= this.queue) return Promise.reject(this.#busy());
    return new Promise<void>((resolve, reject) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(entry), 1);
          reject(this.#busy());
        }, this.maxWaitMs),
      };
      this.#waiting.push(entry);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (!next) {
      this.#running--;
      return;
    }
    clearTimeout(next.timer);
    next.resolve();
  }

  #busy(): ProblemError {
    return new ProblemError('unavailable', `${this.what} is busy; try again in a moment.`, {
      headers: { 'Retry-After': '1' },
    });
  }
}

import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/http/shed.js';
import { ProblemError } from '../../src/problems.js';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, task: () => opened.then(() => 'done') };
}

describe('ConcurrencyLimit', () => {
  it('runs up to max at once, queues the next ones in order, and sheds the rest with 503 + Retry-After', async () => {
    const limit = new ConcurrencyLimit(2, 2, 60_000, 'The directory');
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        order.push(i);
        return g.task();
      }),
    );
    const shed = await runs[4]!.catch((error: unknown) => error);
    expect(shed).toBeInstanceOf(ProblemError);
    expect((shed as ProblemError).status).toBe(503);
    expect((shed as ProblemError).headers['Retry-After']).toBe('1');
    expect(limit.running).toBe(2);
    expect(limit.waiting).toBe(2);
    expect(order).toEqual([0, 1]);

    gates[1]!.open();
    await runs[1];
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await Promise.all(runs.slice(0, 4));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(limit.running).toBe(0);
    expect(limit.waiting).toBe(0);
  });

  it('answers 503 to a request that waited longer than allowed, and frees its place', async () => {
    const limit = new ConcurrencyLimit(1, 5, 10);
    const first = gate();
    const running = limit.run(first.task);
    const waited = await limit.run(async () => 'late').catch((error: unknown) => error);
    expect((waited as ProblemError).status).toBe(503);
    expect(limit.waiting).toBe(0);
    first.open();
    await running;
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});

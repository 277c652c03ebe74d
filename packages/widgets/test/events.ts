import type { Event as MahjarEvent } from '@mahjar/sdk';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

/** An answer of the admin API, as the test runner relays it. */
export type AdminAnswer = { status: number; body: MahjarEvent & Record<string, unknown> };

/** Calls the admin API with ilma-usa's secret key (sent from the test runner, never from the page). */
export const admin = (method: string, path: string, body?: unknown) =>
  executeServerCommand<AdminAnswer, unknown>('mahjar-admin-call', { key: 'sk_demo_ilma-usa', method, path, body });

let created = 0;
/**
 * Creates an ilma-usa event and returns it: an online webinar in English named `<prefix> <n>`, in
 * `timeZone`, unless `fields` say otherwise.
 */
export async function createEvent(
  prefix: string,
  timeZone: string,
  fields: Record<string, unknown>,
): Promise<MahjarEvent> {
  const number = ++created;
  const answer = await admin('POST', '/v1/admin/events', {
    kind: 'webinar',
    title: { en: `${prefix} ${number}` },
    timeZone,
    mode: 'online',
    joinUrl: `https://meet.example.org/j/${prefix.toLowerCase().replace(/\W+/g, '-')}-${number}`,
    language: 'en',
    ...fields,
  });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
  return answer.body;
}

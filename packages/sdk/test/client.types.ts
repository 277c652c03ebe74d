/**
 * Compile-time checks of the client's types: not a test file (vitest does not run it, and the test
 * count does not include it), but part of `tsc -p tsconfig.json`, so the typecheck step fails when a
 * wrong path or body stops being an error (`@ts-expect-error` with nothing to expect is an error).
 */
import { createMahjarClient, type Problem } from '../src/index.js';

const client = createMahjarClient({ baseUrl: 'http://127.0.0.1:1' });

export async function misuse(): Promise<void> {
  // @ts-expect-error: not a path of the contract
  await client.GET('/v1/nope');
  await client.POST('/v1/campaigns/{slug}/donations', {
    params: { path: { slug: 'x' } },
    // @ts-expect-error: the body of createDonation needs an amount and an e-mail
    body: { currency: 'USD' },
  });
}

export async function errorsAreProblems(): Promise<Problem | undefined> {
  const { error } = await client.GET('/v1/taxonomies/specialties');
  return error;
}

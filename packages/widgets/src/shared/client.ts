import { createMahjarClient, type MahjarClient } from '@mahjar/sdk';

const clients = new Map<string, MahjarClient>();

/** One shared client per API base and key, for elements used without a provider. */
export function clientFor(baseUrl: string, publishableKey: string): MahjarClient {
  const id = `${baseUrl} ${publishableKey}`;
  const client = clients.get(id) ?? createMahjarClient({ baseUrl, publishableKey });
  clients.set(id, client);
  return client;
}

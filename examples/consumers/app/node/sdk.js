// @ts-check
// A plain Node script on the SDK, run on Node 20 and Node 24: node node/sdk.js <api origin> <publishable key>
import { createMahjarClient } from '@mahjar/sdk';

const [baseUrl = 'http://127.0.0.1:8787', publishableKey = ''] = process.argv.slice(2);
const client = createMahjarClient({ baseUrl, publishableKey });
const { data, error } = await client.GET('/v1/campaigns/{slug}', { params: { path: { slug: 'beirut-er-2026' } } });
if (!data) {
  console.error(error);
  process.exit(1);
}
console.log(JSON.stringify({ node: process.versions.node, title: data.title.en, currency: data.currency }));

import { openDatabase } from '../src/db/database.js';
import { explainSearch, searchProfessionals } from '../src/db/search.js';
const d = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/mahjar_bench' });
const p = JSON.parse(process.argv[2] ?? '{}');
const params = { sort: 'relevance', limit: 20, ...p } as never;
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await searchProfessionals(d.db, params); console.log('ms', (performance.now() - t).toFixed(1), 'total', r.total); }
if (process.argv[3] !== 'noplan') console.log((await explainSearch(d.db, params)).join('\n'));
await d.close();

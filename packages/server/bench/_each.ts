import { openDatabase } from '../src/db/database.js';
import { searchProfessionals } from '../src/db/search.js';
const d = await openDatabase({ url: process.env.URL ?? 'postgres://postgres@127.0.0.1:5432/mahjar_bench' });
const TEXTS = ['haddad','حداد','khoury','card','cardiology','paediatric','montreal','hadad','nadine','oncology','جراحة','sydney','al-rubaie','psych','rania khalil','chirurgie','طب الأطفال','emergency','georges saad','neuro','زينب','dubai','maalouf','نصار'];
const F = [{ country: ['US'], language: ['fr'] },{ specialty: ['cardiology','interventional-cardiology'], country: ['US','CA'] },{ offer: ['mentoring'], chapter: ['ilma-france'] },{ language: ['ar'], offer: ['telehealth','teaching'] },{ specialty: ['paediatrics'], offer: ['return_placement'] },{ country: ['AE','SA','QA','KW'], specialty: ['emergency-medicine','critical-care'] },{ chapter: ['imsa-iraq'], language: ['en'] },{ country: ['FR'], offer: ['research'] }];
const which = process.argv[2] ?? 'all';
const list: any[] = [];
if (which === 'all' || which === 'text') for (const q of TEXTS) list.push({ q });
if (which === 'all' || which === 'tf') TEXTS.forEach((q, i) => { list.push({ q, ...F[i % 8] }); list.push({ q, ...F[(i + 3) % 8] }); });
if (which === 'all' || which === 'f') for (const f of F) list.push({ ...f, sort: 'name' });
for (const p of list) {
  const ts: number[] = []; let total = 0;
  for (let i = 0; i < 4; i++) { const t = performance.now(); const r = await searchProfessionals(d.db, { sort: 'relevance', limit: 20, ...p }); ts.push(performance.now() - t); total = r.total; }
  console.log(Math.min(...ts).toFixed(1).padStart(7), String(total).padStart(6), JSON.stringify(p));
}
await d.close();

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { explainSearch } from '../src/db/search.js';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/mahjar_bench' }) }), log: (e) => { if (e.level === "error") { (globalThis as any).S = e.query.sql; } } });
try { await explainSearch(db, { sort: 'relevance', limit: 5, ...JSON.parse(process.argv[2] ?? '{}') }); } catch (e: any) { console.log(String(e), e.position, JSON.stringify((globalThis as any).S?.slice(e.position - 60, Number(e.position) + 20))); }
await db.destroy();

import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:');
const c = await i.connect();
const f = "read_csv('data-samples/generated/referrals-1M.csv', all_varchar=true)";
for (const q of [
 `select min(referral_date), max(referral_date), count(*), count(distinct pcn), count(distinct practice), count(distinct service), count(distinct link_worker) from ${f}`,
 `select pcn, count(*) n, count(distinct practice) p from ${f} group by 1 order by 2 desc limit 5`,
 `select pcn, practice, count(*) n from ${f} where pcn = (select pcn from ${f} group by 1 order by count(*) desc limit 1) group by all order by n desc limit 5`,
 `select sex, count(*) from ${f} group by 1`,
 `select age_band, count(*) from ${f} group by 1 order by 1`,
 `select imd_decile, count(*) from ${f} group by 1 order by 1`,
 `select substr(referral_date,1,4) y, count(*) from ${f} group by 1 order by 1`,
]) { const r = await c.runAndReadAll(q); console.log(r.getRowsJS().map(x=>x.map(String).join(' | ')).join('\n')); console.log('--'); }

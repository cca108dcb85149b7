import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { groupOf, vocabularies } from '../../src/lib/contract/vocabularies.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string | undefined) => {
	if (!s || !isoDate.test(s)) return undefined;
	const d = new Date(`${s}T00:00:00Z`);
	return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? undefined : s;
};

/** papaparse plus plain JavaScript: the same import checks and overview figures, by hand. */
export async function plainJsRun(
	path: string
): Promise<{ import: number; query: number; referrals: number }> {
	const t0 = performance.now();
	const text = await readFile(path, 'utf8');
	const parsed = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: 'greedy'
	});
	const seen = new Set<string>();
	const rows: {
		id: string;
		person: string;
		date: string;
		source: string;
		pcn: string;
		discharge?: string;
		first?: string;
	}[] = [];
	const sourceGroups = new Map<string, string>();
	for (const r of parsed.data) {
		const id = r.referral_id?.trim();
		const date = validDate(r.referral_date?.trim());
		if (!id || !date || seen.has(id)) continue;
		seen.add(id);
		const label = r.referral_source?.trim() ?? '';
		let group = sourceGroups.get(label);
		if (group === undefined) {
			group = label ? (groupOf(vocabularies.referral_source, label) ?? 'other') : 'unknown';
			sourceGroups.set(label, group);
		}
		rows.push({
			id,
			person: r.person_id?.trim() || `#${id}`,
			date,
			source: group,
			pcn: r.pcn?.trim() || 'unknown',
			discharge: validDate(r.discharge_date?.trim()),
			first: validDate(r.first_contact_date?.trim())
		});
	}
	const t1 = performance.now();
	const asOf = rows.reduce(
		(m, r) => [r.date, r.discharge ?? '', r.first ?? ''].reduce((a, b) => (b > a ? b : a), m),
		''
	);
	const people = new Set(rows.map((r) => r.person)).size;
	const open = rows.filter((r) => r.date <= asOf && (!r.discharge || r.discharge > asOf)).length;
	const count = (key: (r: (typeof rows)[number]) => string) => {
		const m = new Map<string, number>();
		for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
		return m;
	};
	const months = count((r) => r.date.slice(0, 7));
	const sources = count((r) => r.source);
	const pcns = count((r) => r.pcn);
	const t2 = performance.now();
	if (people < 0 || open < 0 || !months.size || !sources.size || !pcns.size)
		throw new Error('no figures');
	return { import: t1 - t0, query: t2 - t1, referrals: rows.length };
}

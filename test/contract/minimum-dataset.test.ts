import { describe, expect, it } from 'vitest';
import { minimumDataset } from '../../src/lib/contract/minimum-dataset.ts';
import { tables } from '../../src/lib/contract/tables.ts';

// The PRSB Social Prescribing Information Standard's minimum dataset: four sets of terms (NHS
// England's social prescribing evaluation toolkit, "Reporting and measurement").
describe('the national minimum dataset against the contract', () => {
	it('has the standard’s four parts, in its order', () => {
		expect(minimumDataset.map((p) => p.key)).toEqual([
			'demographics',
			'needs',
			'support',
			'outcomes'
		]);
	});

	it('names only columns the contract has, each once in a part', () => {
		for (const part of minimumDataset) {
			expect(part.columns.length, part.key).toBeGreaterThan(0);
			const names = part.columns.map((c) => `${c.table}.${c.column}`);
			expect(new Set(names).size, part.key).toBe(names.length);
			for (const { table, column } of part.columns)
				expect(
					tables[table].columns.map((c) => c.name),
					`${part.key}: ${table}.${column}`
				).toContain(column);
		}
	});

	it('says where the contract falls short: no SNOMED CT codes, no direct identifiers', () => {
		const gaps = (key: string) => minimumDataset.find((p) => p.key === key)!.gaps.join(' ');
		for (const key of ['needs', 'support', 'outcomes']) expect(gaps(key), key).toMatch(/SNOMED CT/);
		expect(gaps('demographics')).toMatch(/No direct identifiers/);
	});

	it('carries every column a figure reads for who was referred, why, what support and what changed', () => {
		const carried = new Set(
			minimumDataset.flatMap((p) => p.columns.map((c) => `${c.table}.${c.column}`))
		);
		for (const name of [
			'referrals.referral_reasons',
			'referrals.age_band',
			'referrals.sex',
			'referrals.ethnicity',
			'onward_referrals.category',
			'outcomes.measure',
			'outcomes.score'
		])
			expect(carried.has(name), name).toBe(true);
	});
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The 95th percentile (nearest rank). */
export const p95 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];

const rowsOf: Record<string, number> = {
	'100k': 100_000,
	'1M': 1_000_000,
	'2M': 2_000_000,
	'2.5M': 2_500_000,
	'5M': 5_000_000
};

/** The generated referrals file of a size ('100k', '1M', '5M': about 1 GB), made when it is missing. */
export function ensureSample(label: string): string {
	const path = `data-samples/generated/referrals-${label}.csv`;
	if (!(label in rowsOf)) throw new Error(`no sample size ${label}: ${Object.keys(rowsOf)}`);
	if (!existsSync(path)) {
		execFileSync(
			'npx',
			['tsx', 'data-samples/generate.ts', '--referrals', String(rowsOf[label]), '--out', path],
			{ stdio: 'inherit' }
		);
	}
	return path;
}

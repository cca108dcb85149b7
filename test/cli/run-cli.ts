// Shared by the command-line tests: run `sp-impact` in-process and read what it printed.
import { main } from '../../src/lib/cli/main.ts';

/** Run `sp-impact` in-process with streams that keep what is written. */
export async function cli(...argv: string[]) {
	const sink = () => {
		const chunks: string[] = [];
		return { chunks, write: (s: string) => (chunks.push(s), true) };
	};
	const out = sink();
	const err = sink();
	const code = await main(
		argv,
		out as unknown as typeof process.stdout,
		err as unknown as typeof process.stderr
	);
	return { code, stdout: out.chunks.join(''), stderr: err.chunks.join('') };
}

/** Run `sp-impact summary` and parse its JSON; fails the test with stderr when it does not exit 0. */
export async function summary(...argv: string[]) {
	const { code, stdout, stderr } = await cli('summary', ...argv);
	if (code !== 0) throw new Error(`sp-impact exited ${code}: ${stderr}`);
	return JSON.parse(stdout);
}

/** Every number in a JSON value outside its `import` section, with the path to it. */
export function numbersOutsideImport(value: unknown, path = ''): [string, number][] {
	if (typeof value === 'number') return [[path, value]];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([k, v]) =>
		path === '' && k === 'import' ? [] : numbersOutsideImport(v, `${path}.${k}`)
	);
}

// Keys whose numbers are settings or statistics (means, intervals, shares, days), not counts.
const notCounts =
	/meaningful_change|window_months|per_1000|mean|sd_change|ci95|p_value|effect_size|share|rate|median|quartiles|days/;

/** Counts of 1–7 printed outside `import`: publication mode must leave none. */
export function smallCountsOutsideImport(value: unknown): [string, number][] {
	return numbersOutsideImport(value).filter(
		([path, n]) => Number.isInteger(n) && n >= 1 && n <= 7 && !notCounts.test(path)
	);
}

// Out of core: `sp-impact` on a generated export larger than its memory limit, and on its Parquet
// export. Measurement, not a test: wall time and peak resident memory (GNU time) per step.
//
//   npx tsx test/bench/out-of-core.ts [--referrals 20000000] [--memory-limit 2GB] [--csv PATH]
//
// Writes test/bench/out/out-of-core.json. Needs /usr/bin/time (Debian's `time` package).
import { spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	statSync,
	readdirSync,
	writeFileSync
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
	options: {
		referrals: { type: 'string', default: '20000000' },
		'memory-limit': { type: 'string', default: '2GB' },
		csv: { type: 'string' }
	}
});
const n = Number(values.referrals);
const limit = values['memory-limit']!;
const csv = resolve(values.csv ?? join(root, 'data-samples', 'generated', `referrals-${n}.csv`));
const work = mkdtempSync(join(tmpdir(), 'sp-out-of-core-'));
const spill = join(work, 'spill');
const parquet = join(work, 'parquet');
mkdirSync(spill);

interface Step {
	step: string;
	seconds: number;
	peak_rss_mb: number;
	exit: number;
	load_before: number[];
}

// Run sp-impact under GNU time; stdout is kept (JSON), stderr read for the peak memory.
function run(step: string, args: string[]): Promise<Step & { stdout: string }> {
	const load_before = loadavg().map((l) => Math.round(l * 100) / 100);
	const started = performance.now();
	return new Promise((done) => {
		const child = spawn(
			'/usr/bin/time',
			['-v', 'node', join(root, 'bin', 'sp-impact.js'), ...args],
			{ cwd: root }
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('close', (exit) => {
			const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
			// DuckDB's message and the failing SQL come first; its stack trace follows.
			if (exit !== 0) console.error(`${step} failed:\n${stderr.slice(0, 4000)}`);
			done({
				step,
				seconds: Math.round((performance.now() - started) / 100) / 10,
				peak_rss_mb: Math.round(kb / 1024),
				exit: exit ?? -1,
				load_before,
				stdout
			});
		});
	});
}

const size = (path: string): number =>
	statSync(path).isDirectory()
		? readdirSync(path).reduce((s, f) => s + size(join(path, f)), 0)
		: statSync(path).size;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

if (!existsSync(csv)) {
	console.log(`generating ${n} referrals into ${csv}…`);
	await new Promise<void>((done, fail) =>
		spawn('npx', ['tsx', 'data-samples/generate.ts', '--referrals', String(n), '--out', csv], {
			cwd: root,
			stdio: 'inherit'
		}).on('close', (code) => (code === 0 ? done() : fail(new Error(`generator exited ${code}`))))
	);
}
const limits = ['--memory-limit', limit, '--temp-directory', spill];
const steps: Step[] = [];
const referrals = (stdout: string) => JSON.parse(stdout).reach?.referrals ?? null;
try {
	const fromCsv = await run('summary, CSV', ['summary', ...limits, csv]);
	steps.push(fromCsv);
	const exported = await run('export to Parquet', [
		'export',
		'--format',
		'parquet',
		'--out',
		parquet,
		...limits,
		csv
	]);
	steps.push(exported);
	const fromParquet = await run('summary, Parquet export', ['summary', ...limits, parquet]);
	steps.push(fromParquet);
	steps.push(
		await run('compare --by pcn, Parquet export', ['compare', '--by', 'pcn', ...limits, parquet])
	);
	const same = fromCsv.stdout === fromParquet.stdout;
	const result = {
		referrals_requested: n,
		referrals_counted: referrals(fromCsv.stdout),
		csv_mb: mb(size(csv)),
		parquet_mb: existsSync(parquet) ? mb(size(parquet)) : null,
		memory_limit: limit,
		cores: (await import('node:os')).cpus().length,
		summary_identical_from_csv_and_parquet: same,
		steps: steps.map(({ step, seconds, peak_rss_mb, exit, load_before }) => ({
			step,
			seconds,
			peak_rss_mb,
			exit,
			load_before
		}))
	};
	mkdirSync(join(root, 'test', 'bench', 'out'), { recursive: true });
	writeFileSync(
		join(root, 'test', 'bench', 'out', 'out-of-core.json'),
		JSON.stringify(result, null, 2)
	);
	console.log(JSON.stringify(result, null, 2));
} finally {
	rmSync(work, { recursive: true, force: true });
}

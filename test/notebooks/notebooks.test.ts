// The notebooks run headlessly (Debian's jupyter-nbconvert, Deno's kernel) against the synthetic
// sample, and every number they print under an `sp-impact` key equals what `sp-impact` prints.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../cli/run-cli.ts';

const root = resolve(import.meta.dirname, '..', '..');
const notebooks = [
	'funding-bid-figures',
	'outcomes-deep-dive',
	'compare-services',
	'data-quality-audit'
];
const deno = join(root, 'node_modules', '.bin', 'deno');

interface Cell {
	cell_type: string;
	execution_count?: number | null;
	outputs?: { output_type: string; text?: string[]; ename?: string; evalue?: string }[];
}

/** Install Debian's Jupyter when it is missing, as the browser tests install Chromium. */
function ensureJupyter(): void {
	if (existsSync('/usr/bin/jupyter-nbconvert')) return;
	console.log('Installing Debian jupyter-nbconvert and jupyter-client for the notebook tests…');
	execSync(
		'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-nbconvert jupyter-client python3-ipykernel',
		{ stdio: 'inherit' }
	);
}

// What a notebook printed: its files, and each `sp-impact … → key = value` line.
function printed(cells: Cell[]) {
	const lines = cells
		.flatMap((c) => c.outputs ?? [])
		.filter((o) => o.output_type === 'stream')
		.flatMap((o) => (o.text ?? []).join('').split('\n'));
	const filesLine = lines.find((l) => l.startsWith('Files: '));
	const checks = lines.flatMap((l) => {
		const m = /^sp-impact (.+?) → (\S+) = (.+)$/.exec(l);
		return m ? [{ command: m[1], path: m[2], value: JSON.parse(m[3]) as unknown }] : [];
	});
	return { files: JSON.parse(filesLine?.slice(7) ?? '[]') as string[], checks };
}

// The value at a dotted path (`outcomes.wemwbs.ci95`, `units.0.referrals`).
const at = (json: unknown, path: string) =>
	path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], json);

describe('notebooks', () => {
	let home: string;
	let out: string;
	beforeAll(() => {
		ensureJupyter();
		// The Deno kernel, registered in a folder the test owns (deno jupyter --install uses HOME).
		home = mkdtempSync(join(tmpdir(), 'sp-jupyter-'));
		out = join(home, 'out');
		execFileSync(deno, ['jupyter', '--install'], {
			env: { ...process.env, HOME: home },
			stdio: 'ignore'
		});
	}, 300_000);
	afterAll(() => rmSync(home, { recursive: true, force: true }));

	it.each(notebooks)('%s.ipynb is committed with its outputs and no errors', (name) => {
		const committed: { cells: Cell[] } = JSON.parse(
			readFileSync(join(root, 'notebooks', `${name}.ipynb`), 'utf8')
		);
		const code = committed.cells.filter((c) => c.cell_type === 'code');
		expect(code.every((c) => typeof c.execution_count === 'number')).toBe(true);
		expect(code.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual(
			[]
		);
		expect(printed(committed.cells).checks.length).toBeGreaterThan(3);
	});

	it.each(notebooks)(
		'%s.ipynb runs headlessly and prints the numbers sp-impact prints',
		async (name) => {
			const env: NodeJS.ProcessEnv = {
				...process.env,
				JUPYTER_PATH: join(home, '.local', 'share', 'jupyter')
			};
			delete env.SP_IMPACT_FILES;
			// nbconvert exits non-zero when a cell errors: the test fails with its message.
			execFileSync(
				'jupyter',
				[
					'nbconvert',
					'--to',
					'notebook',
					'--execute',
					'--ExecutePreprocessor.kernel_name=deno',
					'--ExecutePreprocessor.timeout=120',
					// Output that arrives after a cell's reply is still collected for this long (the
					// default, 4 s, lost the last lines of a cell's printing on a busy machine).
					'--ExecutePreprocessor.iopub_timeout=30',
					'--output-dir',
					out,
					join(root, 'notebooks', `${name}.ipynb`)
				],
				{ env, cwd: join(root, 'notebooks'), stdio: 'pipe' }
			);
			const executed: { cells: Cell[] } = JSON.parse(
				readFileSync(join(out, `${name}.ipynb`), 'utf8')
			);
			const { files, checks } = printed(executed.cells);
			expect(files.length).toBeGreaterThan(0);
			expect(checks.length).toBeGreaterThan(3);
			const paths = files.map((f) => resolve(root, f));
			const commands = [...new Set(checks.map((c) => c.command))];
			for (const command of commands) {
				const result = await cli(...command.split(' '), ...paths);
				expect(result.code, result.stderr).toBe(0);
				const json = JSON.parse(result.stdout);
				for (const c of checks.filter((k) => k.command === command))
					expect(c.value, `sp-impact ${command} → ${c.path}`).toEqual(at(json, c.path));
			}
		},
		180_000
	);
});

// The notebooks run headlessly (notebooks/run.py on Debian's jupyter-client, Deno's kernel) against the synthetic
// sample, and every number they print under an `sp-impact` key equals what `sp-impact` prints.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** Install Debian's jupyter-client and nbformat when missing, as the browser tests install Chromium. */
function ensureJupyter(): void {
	try {
		execFileSync('/usr/bin/python3', ['-c', 'import jupyter_client, nbformat'], {
			stdio: 'ignore'
		});
		return;
	} catch {
		console.log(
			'Installing Debian python3-jupyter-client and python3-nbformat for the notebook tests…'
		);
	}
	execSync(
		'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jupyter-client python3-nbformat',
		{ stdio: 'inherit' }
	);
}

// What a notebook printed: its files, and each `sp-impact … → key = value` line.
function printed(cells: Cell[]) {
	// A cell's printing may come in several stream outputs that split a line: join them first.
	const lines = cells.flatMap((c) =>
		(c.outputs ?? [])
			.filter((o) => o.output_type === 'stream')
			.map((o) => (o.text ?? []).join(''))
			.join('')
			.split('\n')
	);
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
			// The project's runner (notebooks/run.py), not `nbconvert --execute`: Deno's kernel can
			// send a cell's last lines after it reports the cell finished, and nbconvert drops them
			// (a busy CI run lost 11 of 14). It exits non-zero when a cell errors, with the error.
			execFileSync(
				'/usr/bin/python3',
				[
					join(root, 'notebooks', 'run.py'),
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

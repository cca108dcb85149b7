import type { DeclaredMeasure } from '$lib/contract/measures.ts';
import { emptyProfile, type Profile } from '$lib/contract/profile.ts';
import type { TableName } from '$lib/contract/tables.ts';
import { getDb } from '$lib/db/browser.ts';
import { isOutOfMemory } from '$lib/db/out-of-memory.ts';
import type { Sql } from '$lib/db/sql.ts';
import type { Db, Row } from '$lib/db/types.ts';
import { fromBrowserFile, type InputFile } from '$lib/ingest/input.ts';
import { installMacros, loadFiles } from '$lib/ingest/load.ts';
import { mapHeaders, type Target } from '$lib/ingest/mapping.ts';
import {
	dropIdentifierColumns,
	isUnreadable,
	prepareFile,
	uniqueName,
	type PreparedFile,
	type UnreadableFile
} from '$lib/ingest/prepare.ts';
import type { ImportReport } from '$lib/ingest/report.ts';
import { dropRawSql } from '$lib/ingest/stage.ts';
import { outOfMemoryMessage, tooLargeForTab } from '$lib/ingest/tab-limit.ts';
import { warmUp } from '$lib/ingest/warm-up.ts';

type Status = 'empty' | 'reading' | 'review' | 'loading' | 'loaded';

let engine: Promise<Db> | undefined;

/** The page's database with its macros installed: started on first call (at page mount). */
function engineReady(): Promise<Db> {
	engine ??= (async () => {
		const instance = await getDb();
		await installMacros(instance);
		return instance;
	})();
	engine.catch(() => (engine = undefined));
	return engine;
}

let warming: { stop: AbortController; done: Promise<void> } | undefined;

/**
 * Warm the engine up on a tiny export while the user chooses a file (ingest/warm-up.ts); resolves
 * when it is done or was stopped (marked `sp:warm-up-done` or `sp:warm-up-stopped`). Once only. A
 * failed warm-up costs only the time it would have saved (it is logged); the database is left as
 * it was either way.
 */
export function warmEngine(): Promise<void> {
	if (warming) return warming.done;
	const stop = new AbortController();
	const asFile = (name: string, text: string) =>
		fromBrowserFile(new File([text], name, { type: 'text/csv' }));
	// An engine that does not start rejects, as before; a warm-up that fails only says so.
	const done = engineReady().then((instance) =>
		warmUp(instance, asFile, stop.signal).then(
			() => {
				performance.mark(stop.signal.aborted ? 'sp:warm-up-stopped' : 'sp:warm-up-done');
			},
			(e: unknown) => console.error('The engine warm-up failed:', e)
		)
	);
	warming = { stop, done };
	return done;
}

// The database for the user's files: a warm-up still running stops at its next statement.
async function db() {
	const instance = await engineReady();
	if (warming) {
		warming.stop.abort();
		await warming.done.catch(() => {});
	}
	return instance;
}

/** The files the user brought, their review, and the loaded data: one per page. */
class Dataset {
	status = $state<Status>('empty');
	step = $state('');
	files = $state<PreparedFile[]>([]);
	errors = $state<UnreadableFile[]>([]);
	report = $state<ImportReport | null>(null);
	profile = $state<Profile>(emptyProfile());
	synthetic = $state(false);
	/** Bumped on every load, so figures know to query again. */
	version = $state(0);
	private inputs = new Map<number, InputFile>();

	/** Read files into raw tables and map them, ready for review. */
	async add(inputs: InputFile[], options: { synthetic?: boolean } = {}) {
		this.status = 'reading';
		this.synthetic = options.synthetic ?? false;
		performance.mark('sp:import-start');
		const instance = await db();
		for (const input of inputs) {
			const name = uniqueName(input.name, this.files);
			const chosen = this.files.reduce((n, f) => n + f.size, 0);
			const tooLarge = tooLargeForTab(name, input.size, chosen);
			if (tooLarge) {
				this.errors.push({ name, error: tooLarge });
				continue;
			}
			const prepared = await prepareFile(instance, input, {
				profile: this.profile,
				name,
				onStep: (step) => this.setStep(step)
			}).catch(async (e: unknown) => {
				if (!isOutOfMemory(e)) throw e;
				console.error(e);
				await this.setAside();
				return { name, error: outOfMemoryMessage([name], this.report !== null) };
			});
			if (isUnreadable(prepared)) this.errors.push(prepared);
			else {
				this.inputs.set(prepared.index, input);
				this.files.push(prepared);
			}
		}
		this.step = '';
		this.status = this.files.length ? 'review' : 'empty';
		performance.mark('sp:prepared');
	}

	/** Files that still hold identifier columns: nothing loads until these are dropped. */
	get blocked() {
		return this.files.filter((f) => f.identifiers.length > 0);
	}

	/** Drop a file's identifier columns and go on. */
	async dropIdentifiers(index: number) {
		const i = this.files.findIndex((f) => f.index === index);
		if (i >= 0) this.files[i] = await dropIdentifierColumns(await db(), this.files[i]);
	}

	/** Forget a file, and its raw table. */
	async remove(index: number) {
		this.files = this.files.filter((f) => f.index !== index);
		this.inputs.delete(index);
		await (await db()).exec(dropRawSql(index));
		if (this.files.length === 0) this.reset();
	}

	/** Read a workbook again from another sheet. */
	async chooseSheet(index: number, sheet: string) {
		const i = this.files.findIndex((f) => f.index === index);
		const input = this.inputs.get(index);
		if (i < 0 || !input) return;
		const instance = await db();
		const name = this.files[i].name;
		const prepared = await prepareFile(instance, input, { profile: this.profile, sheet, name });
		await instance.exec(dropRawSql(index));
		this.inputs.delete(index);
		if (isUnreadable(prepared)) {
			this.errors.push(prepared);
			this.files.splice(i, 1);
		} else {
			this.inputs.set(prepared.index, input);
			this.files[i] = prepared;
		}
	}

	/** Say which table a file holds; its columns are mapped again for that table. */
	setTable(index: number, table: TableName) {
		const file = this.files.find((f) => f.index === index);
		if (!file) return;
		const columns = mapHeaders(table, file.headers, this.profile);
		file.mapping = {
			table,
			columns: columns.map((c) =>
				this.isDropped(file, c.index) ? { ...c, target: { kind: 'ignore' } } : c
			)
		};
	}

	/** Point one source column at a canonical column, a score, or nothing. */
	setTarget(index: number, column: number, target: Target) {
		const file = this.files.find((f) => f.index === index);
		const mapped = file?.mapping.columns.find((c) => c.index === column);
		if (file && mapped && !this.isDropped(file, column)) mapped.target = target;
	}

	/** Use a saved profile: remap every file by it. */
	applyProfile(profile: Profile) {
		this.profile = profile;
		for (const file of this.files) this.setTable(file.index, file.mapping.table);
	}

	/** Assign an unmapped category label to a group (kept in the profile), and load again. */
	async assignCategory(vocabulary: string, label: string, group: string) {
		this.profile.categories[vocabulary] = {
			...this.profile.categories[vocabulary],
			[label]: group
		};
		await this.load();
	}

	/** Declare an outcome measure the registry lacks (kept in the profile), and load again. */
	async declareMeasure(measure: DeclaredMeasure) {
		const others = this.profile.measures.filter((m) => m.name !== measure.name);
		this.profile.measures = [...others, measure];
		await this.load();
	}

	/** Say how the export wrote SWEMWBS scores (raw totals, metric scores, or tell apart), and load again. */
	async setSwemwbsForm(form: Profile['swemwbs']) {
		this.profile.swemwbs = form;
		await this.load();
	}

	/** Load the reviewed files into the canonical tables and report. */
	async load() {
		if (this.blocked.length) return;
		this.status = 'loading';
		performance.mark('sp:load-start');
		try {
			const started = performance.now();
			this.report = await loadFiles(
				await db(),
				$state.snapshot(this.files) as PreparedFile[],
				$state.snapshot(this.profile) as Profile,
				(s) => this.setStep(s)
			);
			this.step = `Loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`;
			this.status = 'loaded';
			this.version++;
			performance.mark('sp:import-end');
		} catch (e) {
			// Nothing was half-loaded (loadFiles is all or nothing); the engine's words stay in the console.
			console.error(e);
			if (isOutOfMemory(e)) {
				const names = this.files.map((f) => f.name);
				await this.setAside();
				this.errors.push({
					name: 'Import',
					error: outOfMemoryMessage(names, this.report !== null)
				});
				// The dataset loaded before, if any, was rolled back to whole and stays on show.
				this.status = this.report ? 'loaded' : 'empty';
				return;
			}
			this.errors.push({
				name: 'Import',
				error: `The files could not be loaded: an internal error, not a fault in your data you can fix. ${this.report ? 'The data loaded before is unchanged.' : 'Nothing was loaded.'} Try again, or reload the page.`
			});
			this.status = 'review';
		}
	}

	/**
	 * After the engine ran out of memory: drop every listed file's raw table, so the memory is
	 * DuckDB's again and a smaller file can load in this page, and take the files off the list.
	 */
	private async setAside() {
		const instance = await db();
		for (const f of this.files) await instance.exec(dropRawSql(f.index)).catch(() => {});
		this.files = [];
		this.inputs.clear();
	}

	/** Back to an empty page. */
	reset() {
		this.files = [];
		this.errors = [];
		this.report = null;
		this.status = 'empty';
		this.synthetic = false;
	}

	// Each step is also a performance mark, so a profile shows where an import's time goes.
	private setStep(step: string) {
		this.step = step;
		performance.mark(`sp:step:${step}`);
	}

	private isDropped(file: PreparedFile, column: number) {
		return file.dropped.some((d) => d.index === column);
	}
}

/** The page's dataset. */
export const dataset = new Dataset();

/** Run a query on the page's database (metrics build the SQL; this only runs it). */
export async function query<R extends Row>(q: Sql<R>): Promise<R[]> {
	return (await db()).query<R>(q.text, q.params);
}

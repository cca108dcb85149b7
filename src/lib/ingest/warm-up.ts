// A tiny export loaded and thrown away as soon as the engine starts, while the user chooses a
// file. Chromium compiles a WebAssembly function the first time it is called, on the thread that
// calls it: the first import in a tab paid for compiling every part of DuckDB it used, in the
// middle of the import. Running the import and the Reach page's queries once on a few rows
// compiles those parts before the user's file arrives. Nothing of it is kept.
import { asOfDate, figureSetup } from '../cli/figures.ts';
import type { Db } from '../db/types.ts';
import { figureInput, pages, figure } from '../figures/catalogue/index.ts';
import { runFigures } from '../figures/catalogue/run.ts';
import { headQuery } from '../figures/catalogue/shared.ts';
import { noFilters } from '../metrics/filters.ts';
import { run } from '../metrics/run.ts';
import type { InputFile } from './input.ts';
import { dropTablesNotIn, loadFiles, tableNames } from './load.ts';
import { isUnreadable, prepareFile, type PreparedFile } from './prepare.ts';

const referrals = `referral_id,person_id,referral_date,referral_source,referral_reasons,service,pcn,practice,link_worker,first_contact_date,discharge_date,discharge_reason,contacts,age_band,sex,ethnicity,imd_decile,carer,gp_appointments_before,gp_appointments_after
W001,Q001,2024-04-02,GP,Carer support,North Links,North PCN,North Surgery,LW1,2024-04-05,2024-05-22,Declined,2,65-74,Female,White British,2,no,3,5
W002,Q002,2024-05-01,Housing association,Mental health; Loneliness,South Links,South PCN,South Surgery,LW2,2024-05-11,2024-07-25,Goals met,5,35-44,Male,Asian or Asian British,6,yes,,
W003,Q001,2024-09-03,Self-referral,Low mood,North Links,North PCN,North Surgery,LW1,,2024-10-20,Referred on,0,65-74,Female,White British,2,no,4,4
W004,Q003,2025-01-10,Practice nurse,Benefits,South Links,South PCN,Bridge Surgery,LW2,2025-01-14,,,3,85+,Not known,,10,no,12,8`;

const outcomes = `referral_id,measure,timepoint,assessed_on,score
W001,WEMWBS,baseline,2024-04-05,40
W001,WEMWBS,followup,2024-05-20,46
W002,SWEMWBS,baseline,2024-05-11,18
W002,SWEMWBS,followup,2024-07-20,21
W002,ONS4 anxiety,baseline,2024-05-11,6
W004,UCLA-3,baseline,2025-01-14,7`;

const onward = `referral_id,referred_on,organisation,category,kind,attended
W001,2024-04-05,Carers Centre,Carers support,signpost,
W002,2024-05-20,Jobcentre Plus,Employment support,referral,yes`;

const practices = `practice,pcn,list_size
North Surgery,North PCN,11200
South Surgery,South PCN,9800`;

// The warm-up's files: the four tables of the data contract, a few rows each.
const warmUpFiles: { name: string; text: string }[] = [
	{ name: 'warm-up-referrals.csv', text: referrals },
	{ name: 'warm-up-outcomes.csv', text: outcomes },
	{ name: 'warm-up-onward-referrals.csv', text: onward },
	{ name: 'warm-up-practices.csv', text: practices }
];

/** Thrown into the warm-up's statements once it is asked to stop. */
class Stopped extends Error {}

// The database with every statement refused once `signal` is aborted: the warm-up stops at its
// next statement when the user's file comes first.
function until(db: Db, signal: AbortSignal): Db {
	return new Proxy(db, {
		get(target, key) {
			const value = Reflect.get(target, key);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				if (signal.aborted) return Promise.reject(new Stopped('the warm-up was stopped'));
				return value.apply(target, args);
			};
		}
	});
}

/**
 * Load the warm-up files and run the Reach page's queries on them, then drop every table that
 * made: the database is left as it was (the macros, installed first, stay). `toInput` makes an
 * input from a file's text, as the caller's files arrive (a browser File, say). Aborting `signal`
 * stops it at its next statement; it then cleans up and resolves as if it had finished.
 */
export async function warmUp(
	db: Db,
	toInput: (name: string, text: string) => InputFile,
	signal: AbortSignal = new AbortController().signal
): Promise<void> {
	const before = await tableNames(db);
	const warm = until(db, signal);
	try {
		const files: PreparedFile[] = [];
		for (const { name, text } of warmUpFiles) {
			const prepared = await prepareFile(warm, toInput(name, text), { name });
			if (isUnreadable(prepared)) throw new Error(prepared.error);
			files.push(prepared);
		}
		await loadFiles(warm, files);
		// As the page reads its setup after a load: the latest date, then the filter options.
		const input = figureInput(noFilters, await figureSetup(warm, await asOfDate(warm)));
		await run(warm, headQuery(input));
		await runFigures(
			(q) => run(warm, q),
			pages.reach.map(({ id }) => figure(id)),
			input
		);
	} catch (e) {
		// Stopped: a file came first. A statement refused inside prepareFile comes back as its
		// error text, so the signal, not the error, says whether it was stopped.
		if (!signal.aborted) throw e;
	} finally {
		await dropTablesNotIn(db, before);
	}
}

/** A large canonical referrals CSV for benchmarks, streamed in chunks so memory stays flat. */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { referralColumns, referralFields } from './canonical.ts';
import { isoDateCache } from './dates.ts';
import { buildDraws } from './draws.ts';
import { AS_OF, FIRST_DAY, identifier, makeHistory } from './episodes.ts';
import { Rng } from './random.ts';
import { buildWorld } from './world.ts';

/** Referrals per copy of the sample organisation (20 practices in 5 PCNs). */
const REFERRALS_PER_COPY = 6_000;
const CHUNK_LINES = 20_000;

/**
 * Writes `count` referrals to `path`. The organisation is copied once per 6,000 referrals, so a
 * million referrals spread over about 3,300 practices, as an ICB-to-national extract would.
 * IDs follow generation order (person by person), not referral date.
 */
export function writeLargeReferrals(path: string, count: number, seed: number) {
	const rng = new Rng(seed);
	const world = buildWorld(Math.max(1, Math.ceil(count / REFERRALS_PER_COPY)), rng.fork(1));
	const draws = buildDraws(world);
	const iso = isoDateCache(FIRST_DAY - 100 * 366, AS_OF + 366);
	mkdirSync(dirname(path), { recursive: true });
	const fd = openSync(path, 'w');
	try {
		writeSync(fd, referralColumns.join(',') + '\n');
		let written = 0;
		let people = 0;
		let chunk: string[] = [];
		const width = Math.max(6, String(count).length);
		while (written < count) {
			const history = makeHistory(rng, draws, people);
			history[0].person.id = identifier('P', ++people, width);
			for (const episode of history) {
				if (written === count) break;
				episode.id = identifier('R', ++written, width);
				chunk.push(referralFields(episode, iso));
			}
			if (chunk.length >= CHUNK_LINES || written === count) {
				writeSync(fd, chunk.join('\n') + '\n');
				chunk = [];
			}
		}
		return { referrals: written, people, practices: world.practices.length };
	} finally {
		closeSync(fd);
	}
}

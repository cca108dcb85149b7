/** People and their referral episodes: who is referred, when, why, and what happened. */
import { ageOn, dayOf, type Day } from './dates.ts';
import { buildDraws, type Draws } from './draws.ts';
import type { ReferralStep } from './compare.ts';
import type { LabelChoice } from './labels.ts';
import { clamp, type Rng } from './random.ts';
import type { Practice, World } from './world.ts';

/** First referral date in the data. */
export const FIRST_DAY = dayOf(2022, 4, 1);
/** The date the exports were taken. */
export const AS_OF = dayOf(2025, 3, 31);

/** A referred person; attributes that do not change between episodes. */
export interface Person {
	index: number;
	id: string;
	practice: Practice;
	birthDay: Day;
	sex: LabelChoice;
	ethnicity: LabelChoice;
	imdDecile: number;
	carer: boolean;
}

/** One referral episode. */
export interface Episode {
	id: string;
	person: Person;
	sequence: number;
	referralDay: Day;
	age: number;
	source: LabelChoice;
	reasons: LabelChoice[];
	linkWorker: string;
	firstContactDay?: Day;
	dischargeDay?: Day;
	discharge?: LabelChoice;
	contacts: number;
	gpBefore?: number;
	gpAfter?: number;
	/** Latent baseline wellbeing (standard normal) and change, shared by all measures. */
	wellbeing: number;
	change: number;
}

const isWeekend = (day: Day) => {
	const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
	return dow === 0 || dow === 6;
};

/** The day itself, or the Monday after a weekend. */
const nextWeekday = (day: Day): Day => (isWeekend(day) ? nextWeekday(day + 1) : day);

/**
 * A referral day: volumes grow over the three years, dip in August and December, few at
 * weekends; a practice whose PCN has a referral step is `factor` times as likely from its date.
 */
export function drawReferralDay(rng: Rng, step?: ReferralStep): Day {
	const span = AS_OF - FIRST_DAY + 1;
	const most = 1.2 * (step?.factor ?? 1);
	for (;;) {
		const t = rng.next();
		const day = FIRST_DAY + Math.floor(t * span);
		const month = new Date(day * 86_400_000).getUTCMonth() + 1;
		const seasonal = month === 8 ? 0.85 : month === 12 ? 0.8 : 1;
		const weekend = isWeekend(day) ? 0.08 : 1;
		const stepped = step && day >= step.from ? step.factor : 1;
		if (rng.next() * most < (0.8 + 0.4 * t) * seasonal * weekend * stepped) return day;
	}
}

/** A new person registered at `practice`, first referred on `firstDay`. */
export function makePerson(
	rng: Rng,
	draws: Draws,
	index: number,
	practice: Practice,
	firstDay: Day
): Person {
	const [min, max] = draws.age.draw(rng);
	const age = rng.int(min, max);
	const birthDay = firstDay - Math.floor((age + rng.next()) * 365.25);
	const sex = draws.sex.draw(rng);
	return {
		index,
		id: '',
		practice,
		birthDay,
		sex,
		ethnicity: draws.ethnicity.draw(rng),
		imdDecile: clamp(practice.deprivation + Math.round(rng.normal() * 1.8), 1, 10),
		carer: rng.chance(sex.group === 'female' ? 0.15 : 0.09)
	};
}

/** One to three distinct reasons; carers are often referred for carer support. */
function drawReasons(rng: Rng, draws: Draws, person: Person): LabelChoice[] {
	const count = rng.chance(0.45) ? 1 : rng.chance(0.7) ? 2 : 3;
	const reasons: LabelChoice[] = [];
	while (reasons.length < count) {
		const reason = draws.reason.draw(rng);
		if (!reasons.some((r) => r.group === reason.group)) reasons.push(reason);
	}
	const hasCarer = reasons.some((r) => r.group === 'carer');
	if (person.carer && !hasCarer && reasons.length < 3 && rng.chance(0.4)) {
		reasons.push(draws.carerReason);
	}
	return reasons;
}

/** Contacts a link worker planned: 1 to 20, median about 6. */
const drawContacts = (rng: Rng) =>
	clamp(Math.round(Math.exp(Math.log(8) + 0.5 * rng.normal())), 1, 20);

const shortEpisodeGroups = new Set(['disengaged', 'declined', 'moved_away', 'deceased', 'other']);

/** Contact, discharge and contacts for an episode, closed only if discharge is by AS_OF. */
function drawCourse(rng: Rng, draws: Draws, episode: Episode): void {
	const contacted = rng.chance(0.9);
	const wait = rng.exponential(episode.person.practice.contactDays);
	const firstContact = nextWeekday(episode.referralDay + 1 + Math.floor(wait));
	if (contacted && firstContact <= AS_OF) {
		episode.firstContactDay = firstContact;
		const discharge = draws.afterContact.draw(rng);
		let contacts = drawContacts(rng);
		if (shortEpisodeGroups.has(discharge.group)) contacts = Math.min(contacts, rng.int(1, 5));
		const days = contacts * rng.int(6, 12) + Math.floor(rng.exponential(14));
		const dischargeDay = nextWeekday(firstContact + days);
		if (dischargeDay <= AS_OF) {
			episode.dischargeDay = dischargeDay;
			episode.discharge = discharge;
			episode.contacts = contacts;
		} else {
			const share = (AS_OF - firstContact) / (dischargeDay - firstContact);
			episode.contacts = Math.max(1, Math.round(contacts * share));
		}
	} else if (!contacted) {
		const dischargeDay = nextWeekday(episode.referralDay + 14 + Math.floor(rng.exponential(21)));
		if (dischargeDay <= AS_OF) {
			episode.dischargeDay = dischargeDay;
			episode.discharge = draws.withoutContact.draw(rng);
		}
	}
}

/** GP appointments in the six months before and after referral (after only once it has passed). */
function drawGpAppointments(rng: Rng, episode: Episode): void {
	if (!episode.person.practice.service.recordsGpAppointments || !rng.chance(0.85)) return;
	const rate = 5.1 * Math.exp(0.6 * rng.normal() - 0.18);
	episode.gpBefore = rng.poisson(rate);
	if (episode.referralDay + 182 <= AS_OF) episode.gpAfter = rng.poisson(rate * 0.765);
}

const changeShift: Record<string, number> = { goals_met: 0.3, disengaged: -0.3, declined: -0.3 };

/** One episode of a person, referred on `referralDay`. */
export function makeEpisode(
	rng: Rng,
	draws: Draws,
	person: Person,
	sequence: number,
	referralDay: Day
): Episode {
	const service = person.practice.service;
	const episode: Episode = {
		id: '',
		person,
		sequence,
		referralDay,
		age: Math.max(16, ageOn(person.birthDay, referralDay)),
		source: draws.source.draw(rng),
		reasons: drawReasons(rng, draws, person),
		linkWorker: rng.pick(service.linkWorkers),
		contacts: 0,
		wellbeing: rng.normal(),
		change: 0
	};
	drawCourse(rng, draws, episode);
	drawGpAppointments(rng, episode);
	episode.change = rng.normal() + (changeShift[episode.discharge?.group ?? ''] ?? 0);
	return episode;
}

/** A person's episodes: some are re-referred after an earlier discharge. */
export function makeHistory(rng: Rng, draws: Draws, index: number): Episode[] {
	const practice = draws.practice.draw(rng);
	const first = drawReferralDay(rng, practice.referralStep);
	const person = makePerson(rng, draws, index, practice, first);
	const episodes = [makeEpisode(rng, draws, person, 1, first)];
	for (;;) {
		const last = episodes[episodes.length - 1];
		if (last.dischargeDay === undefined || episodes.length >= 4 || !rng.chance(0.24)) break;
		const next = nextWeekday(last.dischargeDay + 14 + Math.floor(rng.exponential(200)));
		if (next > AS_OF) break;
		episodes.push(makeEpisode(rng, draws, person, episodes.length + 1, next));
	}
	return episodes;
}

/** Zero-padded identifiers with a prefix, e.g. R000123. */
export const identifier = (prefix: string, n: number, width = 6) =>
	prefix + String(n).padStart(width, '0');

/** All episodes of `people` people, ordered by referral date, with IDs assigned in that order. */
export function makeEpisodes(rng: Rng, world: World, people: number): Episode[] {
	const draws = buildDraws(world);
	const histories = Array.from({ length: people }, (_, i) => makeHistory(rng, draws, i));
	histories.sort(
		(a, b) => a[0].referralDay - b[0].referralDay || a[0].person.index - b[0].person.index
	);
	histories.forEach((h, i) => (h[0].person.id = identifier('P', i + 1)));
	const episodes = histories.flat();
	episodes.sort(
		(a, b) =>
			a.referralDay - b.referralDay || a.person.index - b.person.index || a.sequence - b.sequence
	);
	episodes.forEach((e, i) => (e.id = identifier('R', i + 1)));
	return episodes;
}

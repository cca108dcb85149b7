/** The fictional services, PCNs, practices and link workers the referrals belong to. */
import { contactDaysOf, referralStepOf, type ReferralStep } from './compare.ts';
import type { Rng } from './random.ts';

/** One fictional GP practice. */
export interface Practice {
	name: string;
	code: string;
	pcn: string;
	service: Service;
	listSize: number;
	/** Referrals per registered patient, relative to the average practice. */
	rateFactor: number;
	/** The typical IMD decile of its patients (1 = most deprived). */
	deprivation: number;
	/** Mean days from referral to first contact in its PCN. */
	contactDays: number;
	/** A step up in its PCN's new referrals, if any (see compare.ts). */
	referralStep?: ReferralStep;
}

/** One social prescribing service and what it records. */
export interface Service {
	name: string;
	pcns: string[];
	linkWorkers: string[];
	measures: MeasureSet;
	recordsGpAppointments: boolean;
}

/** The outcome measures a service uses. */
export type MeasureSet = 'wemwbs_ucla' | 'swemwbs_ons4' | 'ons4_ucla';

/** The whole organisation. */
export interface World {
	services: Service[];
	practices: Practice[];
}

type PracticeSeed = [name: string, listSize: number, rateFactor: number, deprivation: number];

// Names are invented; ’, – and é are there on purpose, to exercise Windows-1252 exports.
const pcnSeeds: { pcn: string; service: number; practices: PracticeSeed[] }[] = [
	{
		pcn: 'Northside PCN',
		service: 0,
		practices: [
			['St Mary’s Surgery', 11_200, 1.2, 2],
			['Northgate Medical Centre', 9_800, 1.0, 2],
			['Belvédère Medical Centre', 7_400, 0.9, 3],
			['Kingsway Surgery', 5_600, 1.3, 1]
		]
	},
	{
		pcn: 'Millbrook PCN',
		service: 0,
		practices: [
			['Millbrook Health Centre', 14_800, 0.8, 4],
			['Ashgrove Surgery', 6_200, 1.1, 3],
			['Weavers Lane – Hillside Surgery', 4_300, 1.4, 2],
			['Canal Street Practice', 8_900, 0.9, 3]
		]
	},
	{
		pcn: 'Riverside PCN',
		service: 1,
		practices: [
			['Riverside Medical Practice', 17_600, 1.0, 3],
			['Bridge Street Surgery', 10_400, 0.8, 4],
			['Quayside Health Centre', 12_300, 1.2, 2],
			['Willow Bank Surgery', 6_800, 0.7, 6]
		]
	},
	{
		pcn: 'Harbour PCN',
		service: 1,
		practices: [
			['Harbour View Surgery', 9_100, 1.1, 2],
			['Lighthouse Medical Group', 15_200, 0.9, 3],
			['Anchor Lane Practice', 5_100, 1.2, 1],
			['Seacroft Surgery', 7_700, 1.0, 4]
		]
	},
	{
		pcn: 'Eastfield PCN',
		service: 2,
		practices: [
			['Eastfield Health Centre', 13_500, 0.8, 6],
			['Orchard Surgery', 8_200, 1.0, 5],
			['Elm Tree Practice', 6_600, 0.7, 7],
			['Greenhill Medical Centre', 10_900, 0.9, 5]
		]
	}
];

const serviceSeeds: { name: string; measures: MeasureSet; gp: boolean; workers: number }[] = [
	{ name: 'Northside Connect', measures: 'wemwbs_ucla', gp: true, workers: 4 },
	{ name: 'Riverside Social Prescribing', measures: 'swemwbs_ons4', gp: false, workers: 5 },
	{ name: 'Eastfield Community Links', measures: 'ons4_ucla', gp: true, workers: 3 }
];

/** A pseudonymous link worker code, LW01, LW02, … (wider when there are more than 99). */
const linkWorkerCode = (n: number, width: number) => `LW${String(n).padStart(width, '0')}`;

/** A fictional ODS-like practice code (Z is not a real practice prefix). */
const practiceCode = (n: number) => `Z${String(90_100 + n)}`;

/**
 * The organisation, repeated `copies` times for large benchmark files (copy 2 onwards gets a
 * number after each name), so group-by cardinality grows with the data as it would nationally.
 */
export function buildWorld(copies = 1, rng?: Rng): World {
	const services: Service[] = [];
	const practices: Practice[] = [];
	let workers = 0;
	const perCopy = serviceSeeds.reduce((sum, s) => sum + s.workers, 0);
	const width = Math.max(2, String(perCopy * copies).length);
	for (let copy = 0; copy < copies; copy++) {
		const suffix = copy === 0 ? '' : ` ${copy + 1}`;
		const copyServices = serviceSeeds.map((s) => {
			const linkWorkers = Array.from({ length: s.workers }, () => linkWorkerCode(++workers, width));
			const service: Service = {
				name: s.name + suffix,
				pcns: [],
				linkWorkers,
				measures: s.measures,
				recordsGpAppointments: s.gp
			};
			return service;
		});
		for (const seed of pcnSeeds) {
			const service = copyServices[seed.service];
			const pcn = seed.pcn + suffix;
			service.pcns.push(pcn);
			for (const [name, listSize, rateFactor, deprivation] of seed.practices) {
				const jitter = copy === 0 || !rng ? 1 : 0.8 + rng.next() * 0.4;
				practices.push({
					name: name + suffix,
					code: practiceCode(practices.length + 1),
					pcn,
					service,
					listSize: Math.round((listSize * jitter) / 10) * 10,
					rateFactor,
					deprivation,
					contactDays: contactDaysOf(seed.pcn),
					referralStep: referralStepOf(seed.pcn)
				});
			}
		}
		services.push(...copyServices);
	}
	return { services, practices };
}

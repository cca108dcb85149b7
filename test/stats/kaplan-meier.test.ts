import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	kaplanMeier,
	shareBy,
	stepList,
	survivalAt,
	survivalQuantile,
	survivalQuantileEstimate,
	survivalQuantiles,
	type KmInput
} from '../../src/lib/stats/kaplan-meier.ts';

// Reference values from R 4.2.2, survival 3.5-3, for each dataset's time and status:
//   fit <- survfit(Surv(time, status) ~ 1, conf.type = 'log', conf.int = level)
//   summary(fit, censored = TRUE); quantile(fit, c(.25, .5, .75))
// printed with sprintf('%.15g'). Where S = 0 R has std.err NaN and limits NA (null here);
// kaplanMeier() reports stdErr NaN and limits 0 there.

// R's NaN std.err and NA limits where S = 0 print as null.
type Step = [number, number, number, number, number, number | null, number | null, number | null];
type Quantile = [number, number | null, number | null, number | null];
interface Dataset {
	name: string;
	time: number[];
	status: number[];
	level: number;
	steps: Step[];
	quantiles: Quantile[];
}

/** Individual records (time[i], status[i]) as the GROUP BY time rows kaplanMeier() takes. */
function toRows(time: number[], status: number[]): KmInput[] {
	const rows = new Map<number, KmInput>();
	time.forEach((t, i) => {
		const row = rows.get(t) ?? { time: t, events: 0, censored: 0 };
		if (status[i] === 1) row.events++;
		else row.censored++;
		rows.set(t, row);
	});
	return [...rows.values()];
}

const datasets: Dataset[] = [
	{
		name: 'aml, Maintained group',
		// survival::aml, subset = x == 'Maintained'
		time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
		status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[9, 11, 1, 0, 0.909090909090909, 0.0866784172041448, 0.754133845081525, 1],
			[13, 10, 1, 1, 0.818181818181818, 0.116291299830333, 0.619248987399364, 1],
			[18, 8, 1, 0, 0.715909090909091, 0.139664970557228, 0.488426287422128, 1],
			[23, 7, 1, 0, 0.613636363636364, 0.152632331027312, 0.37686705950168, 0.999157600228473],
			[28, 6, 0, 1, 0.613636363636364, 0.152632331027312, 0.37686705950168, 0.999157600228473],
			[31, 5, 1, 0, 0.490909090909091, 0.164193267221136, 0.254859951199317, 0.945584955200429],
			[34, 4, 1, 0, 0.368181818181818, 0.162668885827095, 0.154877117897191, 0.875260678143908],
			[45, 3, 0, 1, 0.368181818181818, 0.162668885827095, 0.154877117897191, 0.875260678143908],
			[48, 2, 1, 0, 0.184090909090909, 0.153492745786294, 0.0359178984891853, 0.943525769474552],
			[161, 1, 0, 1, 0.184090909090909, 0.153492745786294, 0.0359178984891853, 0.943525769474552]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 18, 13, null],
			[0.5, 31, 18, null],
			[0.75, 48, 34, null]
		]
	},
	{
		name: 'aml, whole set',
		// survival::aml
		time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
		status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[5, 23, 2, 0, 0.91304347826087, 0.0587533847558414, 0.804854797782958, 1],
			[8, 21, 2, 0, 0.826086956521739, 0.0790341964475118, 0.684839468071899, 0.996466605022982],
			[9, 19, 1, 0, 0.782608695652174, 0.0860061487037983, 0.630957910599588, 0.970708759207681],
			[12, 18, 1, 0, 0.739130434782609, 0.0915605371517001, 0.579799217968031, 0.942246527231519],
			[13, 17, 1, 1, 0.695652173913043, 0.0959438755421514, 0.530878341628212, 0.911568450100481],
			[16, 15, 0, 1, 0.695652173913043, 0.0959438755421514, 0.530878341628212, 0.911568450100481],
			[18, 14, 1, 0, 0.645962732919255, 0.101142675175285, 0.475257724705514, 0.877982262316863],
			[23, 13, 2, 0, 0.546583850931677, 0.107250641740122, 0.372078087249211, 0.80293335280237],
			[27, 11, 1, 0, 0.496894409937888, 0.108401780788683, 0.324016545689816, 0.762010637765041],
			[28, 10, 0, 1, 0.496894409937888, 0.108401780788683, 0.324016545689816, 0.762010637765041],
			[30, 9, 1, 0, 0.44168391994479, 0.109518069977657, 0.271675995392292, 0.718078477474975],
			[31, 8, 1, 0, 0.386473429951691, 0.108858801494864, 0.222515297746886, 0.671242442973631],
			[33, 7, 1, 0, 0.331262939958592, 0.106390972887551, 0.176520182580705, 0.621657726531294],
			[34, 6, 1, 0, 0.276052449965493, 0.101983376090492, 0.133822195629273, 0.569449296311515],
			[43, 5, 1, 0, 0.220841959972395, 0.0953674384864344, 0.0947332405633126, 0.514826379784336],
			[45, 4, 1, 1, 0.165631469979296, 0.0860352084085751, 0.0598407178100809, 0.458446770885507],
			[48, 2, 1, 0, 0.082815734989648, 0.0726618005035283, 0.0148346082548472, 0.462327406565294],
			[161, 1, 0, 1, 0.082815734989648, 0.0726618005035283, 0.0148346082548472, 0.462327406565294]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 12, 8, 30],
			[0.5, 27, 18, 48],
			[0.75, 43, 31, null]
		]
	},
	{
		name: 'lung, first 40 rows',
		// survival::lung[1:40, ], status - 1
		time: [
			306, 455, 1010, 210, 883, 1022, 310, 361, 218, 166, 170, 654, 728, 71, 567, 144, 613, 707, 61,
			88, 301, 81, 624, 371, 394, 520, 574, 118, 390, 12, 473, 26, 533, 107, 53, 122, 814, 965, 93,
			731
		],
		status: [
			1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
			1, 1, 1, 1, 1, 1, 0, 1, 1
		],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[12, 40, 1, 0, 0.975, 0.0246855220726644, 0.927798108727978, 1],
			[26, 39, 1, 0, 0.95, 0.0344601218802255, 0.884804413157851, 1],
			[53, 38, 1, 0, 0.925, 0.0416458281223942, 0.84687340944188, 1],
			[61, 37, 1, 0, 0.9, 0.0474341649025257, 0.811671410405463, 0.997940779502597],
			[71, 36, 1, 0, 0.875, 0.0522912516583797, 0.778285664634367, 0.983732625166217],
			[81, 35, 1, 0, 0.85, 0.0564579489531811, 0.746244544029642, 0.968181282905702],
			[88, 34, 1, 0, 0.825, 0.0600780742034896, 0.715266406015525, 0.95156852646205],
			[93, 33, 1, 0, 0.8, 0.0632455532033676, 0.685167250375447, 0.934078503678193],
			[107, 32, 1, 0, 0.775, 0.0660255632312213, 0.65581931620794, 0.915839142209042],
			[118, 31, 1, 0, 0.75, 0.0684653196881457, 0.627129960173383, 0.896943274476131],
			[122, 30, 1, 0, 0.725, 0.0706001062322147, 0.599029847976793, 0.877460450051502],
			[144, 29, 1, 0, 0.7, 0.0724568837309472, 0.571465885506425, 0.857444009218099],
			[166, 28, 1, 0, 0.675, 0.0740565662179931, 0.544396758578093, 0.836935548973592],
			[170, 27, 1, 0, 0.65, 0.0754155156449918, 0.517790000647464, 0.815967862399216],
			[210, 26, 1, 0, 0.625, 0.0765465544619743, 0.491620002739209, 0.794566937519864],
			[218, 25, 1, 0, 0.6, 0.0774596669241483, 0.46586663064962, 0.772753351099656],
			[301, 24, 1, 0, 0.575, 0.0781624910043174, 0.440514249491331, 0.750543257980366],
			[306, 23, 1, 0, 0.55, 0.0786606636127613, 0.415551032185233, 0.727949100280804],
			[310, 22, 1, 0, 0.525, 0.0789580584867687, 0.390968473969122, 0.704980115664692],
			[361, 21, 1, 0, 0.5, 0.0790569415042094, 0.366761063271133, 0.681642696120072],
			[371, 20, 1, 0, 0.475, 0.0789580584867687, 0.3429260778114, 0.657940630937048],
			[390, 19, 1, 0, 0.45, 0.0786606636127613, 0.319463487741419, 0.633875255766028],
			[394, 18, 1, 0, 0.425, 0.0781624910043174, 0.296375957549849, 0.609445521469532],
			[455, 17, 1, 0, 0.4, 0.0774596669241483, 0.273668947074592, 0.584647990611772],
			[473, 16, 1, 0, 0.375, 0.0765465544619743, 0.251350920647023, 0.559476765145739],
			[520, 15, 1, 0, 0.35, 0.0754155156449917, 0.22943368356151, 0.533923345946534],
			[533, 14, 1, 0, 0.325, 0.0740565662179931, 0.207932878511254, 0.507976423720231],
			[567, 13, 1, 0, 0.3, 0.0724568837309472, 0.18686869407724, 0.481621603042827],
			[574, 12, 1, 0, 0.275, 0.0706001062322147, 0.166266867351003, 0.454841070893272],
			[613, 11, 1, 0, 0.25, 0.0684653196881457, 0.146160111472964, 0.427613248034236],
			[624, 10, 1, 0, 0.225, 0.0660255632312212, 0.126590181745598, 0.399912531145098],
			[654, 9, 1, 0, 0.2, 0.0632455532033675, 0.107610942025418, 0.371709412139073],
			[707, 8, 1, 0, 0.175, 0.0600780742034895, 0.0892930723021798, 0.342971735773194],
			[728, 7, 1, 0, 0.15, 0.056457948953181, 0.0717316196838147, 0.313669203332889],
			[731, 6, 1, 0, 0.125, 0.0522912516583797, 0.0550588150077032, 0.283787437085486],
			[814, 5, 1, 0, 0.0999999999999999, 0.0474341649025257, 0.0394675035168505, 0.253373005863685],
			[883, 4, 1, 0, 0.0749999999999999, 0.0416458281223942, 0.0252585270548182, 0.222697071281795],
			[965, 3, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.0252585270548182, 0.222697071281795],
			[
				1010, 2, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.0252585270548182, 0.222697071281795
			],
			[1022, 1, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.0252585270548182, 0.222697071281795]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 120, 81, 306],
			[0.5, 366, 210, 567],
			[0.75, 618.5, 520, 883]
		]
	},
	{
		name: 'lung, first 40 rows, 90% limits',
		// survival::lung[1:40, ], status - 1, conf.int = 0.9
		time: [
			306, 455, 1010, 210, 883, 1022, 310, 361, 218, 166, 170, 654, 728, 71, 567, 144, 613, 707, 61,
			88, 301, 81, 624, 371, 394, 520, 574, 118, 390, 12, 473, 26, 533, 107, 53, 122, 814, 965, 93,
			731
		],
		status: [
			1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
			1, 1, 1, 1, 1, 1, 0, 1, 1
		],
		level: 0.9,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[12, 40, 1, 0, 0.975, 0.0246855220726644, 0.935229796238799, 1],
			[26, 39, 1, 0, 0.95, 0.0344601218802255, 0.894975973382255, 1],
			[53, 38, 1, 0, 0.925, 0.0416458281223942, 0.85897368522042, 0.996101527581068],
			[61, 37, 1, 0, 0.9, 0.0474341649025257, 0.825264024922519, 0.981504070865136],
			[71, 36, 1, 0, 0.875, 0.0522912516583797, 0.793080778354679, 0.965380855136045],
			[81, 35, 1, 0, 0.85, 0.0564579489531811, 0.762028026536692, 0.94812785729635],
			[88, 34, 1, 0, 0.825, 0.0600780742034896, 0.731869344297538, 0.929981567479474],
			[93, 33, 1, 0, 0.8, 0.0632455532033676, 0.702450285476706, 0.911096504951486],
			[107, 32, 1, 0, 0.775, 0.0660255632312213, 0.673663627199426, 0.891579975153082],
			[118, 31, 1, 0, 0.75, 0.0684653196881457, 0.645431638950336, 0.871509802207392],
			[122, 30, 1, 0, 0.725, 0.0706001062322147, 0.617696169855739, 0.85094424354737],
			[144, 29, 1, 0, 0.7, 0.0724568837309472, 0.590412715014551, 0.829927925905057],
			[166, 28, 1, 0, 0.675, 0.0740565662179931, 0.563546672001837, 0.808495591645539],
			[170, 27, 1, 0, 0.65, 0.0754155156449918, 0.537070880424557, 0.786674562705787],
			[210, 26, 1, 0, 0.625, 0.0765465544619743, 0.510963952854581, 0.764486413997918],
			[218, 25, 1, 0, 0.6, 0.0774596669241483, 0.48520911602737, 0.741948137634934],
			[301, 24, 1, 0, 0.575, 0.0781624910043174, 0.45979339456004, 0.719072966057642],
			[306, 23, 1, 0, 0.55, 0.0786606636127613, 0.434707033728643, 0.695870957976791],
			[310, 22, 1, 0, 0.525, 0.0789580584867687, 0.409943096058518, 0.672349413004031],
			[361, 21, 1, 0, 0.5, 0.0790569415042094, 0.385497190286176, 0.648513157292822],
			[371, 20, 1, 0, 0.475, 0.0789580584867687, 0.361367306885613, 0.624364727248055],
			[390, 19, 1, 0, 0.45, 0.0786606636127613, 0.337553745349979, 0.5999044679242],
			[394, 18, 1, 0, 0.425, 0.0781624910043174, 0.314059126935637, 0.575130555072252],
			[455, 17, 1, 0, 0.4, 0.0774596669241483, 0.290888494085378, 0.550038943627101],
			[473, 16, 1, 0, 0.375, 0.0765465544619743, 0.268049505465295, 0.524623239859724],
			[520, 15, 1, 0, 0.35, 0.0754155156449917, 0.245552744746785, 0.498874488763391],
			[533, 14, 1, 0, 0.325, 0.0740565662179931, 0.223412173609057, 0.472780861909658],
			[567, 13, 1, 0, 0.3, 0.0724568837309472, 0.201645777492267, 0.446327223506832],
			[574, 12, 1, 0, 0.275, 0.0706001062322147, 0.180276480744493, 0.41949454353496],
			[613, 11, 1, 0, 0.25, 0.0684653196881457, 0.159333453853295, 0.392259117520583],
			[624, 10, 1, 0, 0.225, 0.0660255632312212, 0.138854014519611, 0.364591547281839],
			[654, 9, 1, 0, 0.2, 0.0632455532033675, 0.118886466974829, 0.336455452145524],
			[707, 8, 1, 0, 0.175, 0.0600780742034895, 0.0994944960703358, 0.307805971280564],
			[728, 7, 1, 0, 0.15, 0.056457948953181, 0.0807642873886189, 0.278588479233838],
			[731, 6, 1, 0, 0.125, 0.0522912516583797, 0.0628167713615535, 0.248739304191032],
			[814, 5, 1, 0, 0.0999999999999999, 0.0474341649025257, 0.0458303989818468, 0.218195787559278],
			[883, 4, 1, 0, 0.0749999999999999, 0.0416458281223942, 0.03008833517942, 0.186949526002602],
			[965, 3, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.03008833517942, 0.186949526002602],
			[1010, 2, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.03008833517942, 0.186949526002602],
			[1022, 1, 0, 1, 0.0749999999999999, 0.0416458281223942, 0.03008833517942, 0.186949526002602]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 120, 88, 218],
			[0.5, 366, 218, 520],
			[0.75, 618.5, 520, 731]
		]
	},
	{
		name: 'S exactly 0.75, 0.5 and 0.25 over intervals (midpoint rule)',
		// hand-made: S is exactly 0.75, 0.5 and 0.25 over intervals
		time: [1, 1, 2, 2, 3, 3, 5, 5],
		status: [1, 1, 1, 1, 0, 0, 1, 0],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[1, 8, 2, 0, 0.75, 0.153093108923949, 0.502701841294047, 1],
			[2, 6, 2, 0, 0.5, 0.176776695296637, 0.250048821862805, 0.999804750678524],
			[3, 4, 0, 2, 0.5, 0.176776695296637, 0.250048821862805, 0.999804750678524],
			[5, 2, 1, 1, 0.25, 0.197642353760524, 0.0530891904104973, 1]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 1.5, 1, null],
			[0.5, 3.5, 2, null],
			[0.75, 5, 5, null]
		]
	},
	{
		name: 'S stays at 0.5 to the last time',
		// hand-made: S is 0.5 from t = 2 to the last time
		time: [1, 2, 3, 4],
		status: [1, 1, 0, 0],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[1, 4, 1, 0, 0.75, 0.21650635094611, 0.425932268497982, 1],
			[2, 3, 1, 0, 0.5, 0.25, 0.187658928706588, 1],
			[3, 2, 0, 1, 0.5, 0.25, 0.187658928706588, 1],
			[4, 1, 0, 1, 0.5, 0.25, 0.187658928706588, 1]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 1.5, 1, null],
			[0.5, 3, 1, null],
			[0.75, null, 2, null]
		]
	},
	{
		name: 'median not reached',
		// hand-made: few events
		time: [2, 3, 3, 5, 7, 7, 8, 10, 12, 12],
		status: [1, 0, 1, 0, 1, 0, 0, 0, 0, 0],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[2, 10, 1, 0, 0.9, 0.0948683298050514, 0.732011642743993, 1],
			[3, 9, 1, 1, 0.8, 0.126491106406735, 0.586817701233814, 1],
			[5, 7, 0, 1, 0.8, 0.126491106406735, 0.586817701233814, 1],
			[7, 6, 1, 1, 0.666666666666667, 0.161015297179883, 0.415263764616089, 1],
			[8, 4, 0, 1, 0.666666666666667, 0.161015297179883, 0.415263764616089, 1],
			[10, 3, 0, 1, 0.666666666666667, 0.161015297179883, 0.415263764616089, 1],
			[12, 2, 0, 2, 0.666666666666667, 0.161015297179883, 0.415263764616089, 1]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 7, 2, null],
			[0.5, null, 7, null],
			[0.75, null, null, null]
		]
	},
	{
		name: 'events at time 0, last observation an event (S reaches 0)',
		// hand-made: events at time 0; the last record is an event
		time: [0, 0, 1, 2, 3, 3, 3, 4, 6, 7],
		status: [1, 0, 1, 0, 1, 1, 0, 1, 0, 1],
		level: 0.95,
		// time, n.risk, n.event, n.censor, surv, std.err, lower, upper
		steps: [
			[0, 10, 1, 1, 0.9, 0.0948683298050514, 0.732011642743993, 1],
			[1, 8, 1, 0, 0.7875, 0.134032995004961, 0.564125231513673, 1],
			[2, 7, 0, 1, 0.7875, 0.134032995004961, 0.564125231513673, 1],
			[3, 6, 2, 1, 0.525, 0.175935002202518, 0.272213401674124, 1],
			[4, 3, 1, 0, 0.35, 0.184861058936465, 0.124304008536837, 0.985487125008503],
			[6, 2, 0, 1, 0.35, 0.184861058936465, 0.124304008536837, 0.985487125008503],
			[7, 1, 1, 0, 0, null, null, null]
		],
		// p, quantile, lower, upper
		quantiles: [
			[0.25, 3, 0, null],
			[0.5, 4, 3, null],
			[0.75, 7, 4, null]
		]
	}
];

const tolerance = 1e-10;

describe.each(datasets)('$name', ({ time, status, level, steps, quantiles }) => {
	const curve = kaplanMeier(toRows(time, status), level);

	it('has R’s totals', () => {
		expect(curve.n).toBe(time.length);
		expect(curve.events).toBe(status.filter((s) => s === 1).length);
		expect(curve.censored).toBe(status.filter((s) => s === 0).length);
		expect(curve.level).toBe(level);
	});

	it('matches R at every step', () => {
		expect(stepList(curve).map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual(
			steps.map((s) => s.slice(0, 4))
		);
		stepList(curve).forEach((step, i) => {
			const [, , , , survival, stdErr, lower, upper] = steps[i];
			expect(Math.abs(step.survival - survival)).toBeLessThan(tolerance);
			if (survival === 0) {
				// R: std.err NaN, limits NA; here NaN and 0.
				expect(step.stdErr).toBeNaN();
				expect([step.lower, step.upper, stdErr, lower, upper]).toEqual([0, 0, null, null, null]);
				return;
			}
			expect(Math.abs(step.stdErr - stdErr!)).toBeLessThan(tolerance);
			expect(Math.abs(step.lower - lower!)).toBeLessThan(tolerance);
			expect(Math.abs(step.upper - upper!)).toBeLessThan(tolerance);
		});
	});

	it.each(quantiles)('matches R’s quantile for p = %s', (p, estimate, lower, upper) => {
		expect(survivalQuantile(curve, p)).toEqual({ estimate, lower, upper });
	});

	it.each(quantiles)('gives R’s estimate alone for p = %s', (p, estimate) => {
		expect(survivalQuantileEstimate(curve, p)).toBe(estimate);
	});

	it('gives R’s quantiles all at once, in the order asked', () => {
		const ps = quantiles.map(([p]) => p).reverse();
		expect(survivalQuantiles(curve, ps)).toEqual(
			quantiles.map(([, estimate, lower, upper]) => ({ estimate, lower, upper })).reverse()
		);
	});

	it('gives S(t) and 1 − S(t) between and at the step times', () => {
		expect(survivalAt(curve, steps[0][0] - 1)).toBe(1);
		expect(shareBy(curve, steps[0][0] - 1)).toEqual({ share: 0, lower: 0, upper: 0 });
		for (const [time, , , , survival, , lower, upper] of steps) {
			expect(Math.abs(survivalAt(curve, time) - survival)).toBeLessThan(tolerance);
			expect(Math.abs(survivalAt(curve, time + 0.5) - survival)).toBeLessThan(tolerance);
			const share = shareBy(curve, time + 0.5);
			expect(Math.abs(share.share - (1 - survival))).toBeLessThan(tolerance);
			expect(Math.abs(share.lower - (1 - (upper ?? 0)))).toBeLessThan(tolerance);
			expect(Math.abs(share.upper - (1 - (lower ?? 0)))).toBeLessThan(tolerance);
		}
	});
});

describe('survivalQuantileEstimate', () => {
	// Compare's medians per unit and month read the estimate alone; it must be the estimate of
	// survivalQuantile() for any curve: ties, censoring only, S reaching 0, flat stretches at 1 − p.
	const rows = fc.array(
		fc.record({
			time: fc.integer({ min: 0, max: 40 }),
			events: fc.integer({ min: 0, max: 4 }),
			censored: fc.integer({ min: 0, max: 3 })
		}),
		{ maxLength: 30 }
	);
	const p = fc.constantFrom(0.25, 0.5, 0.75, 1, 0.1, 1 / 3);
	it('is survivalQuantile().estimate for any rows and p', () => {
		fc.assert(
			fc.property(rows, p, (r, q) => {
				const curve = kaplanMeier(r);
				expect(survivalQuantileEstimate(curve, q)).toBe(survivalQuantile(curve, q).estimate);
			}),
			{ numRuns: 500 }
		);
	});
	it('refuses p outside (0, 1]', () => {
		const curve = kaplanMeier([{ time: 1, events: 1, censored: 0 }]);
		expect(() => survivalQuantileEstimate(curve, 0)).toThrow('invalid probability');
		expect(() => survivalQuantileEstimate(curve, 1.5)).toThrow('invalid probability');
	});
});

describe('kaplanMeier input', () => {
	const clean = kaplanMeier(toRows([3, 1, 3, 1, 2, 5, 3], [1, 0, 0, 1, 1, 0, 1]));

	it('takes rows in any order, sums duplicate times and ignores empty rows', () => {
		const messy: KmInput[] = [
			{ time: 5, events: 0, censored: 1 },
			{ time: 3, events: 1, censored: 0 },
			{ time: 4, events: 0, censored: 0 },
			{ time: 1, events: 1, censored: 1 },
			{ time: 3, events: 1, censored: 1 },
			{ time: 2, events: 1, censored: 0 }
		];
		expect(kaplanMeier(messy)).toEqual(clean);
	});

	it('gives the same curve from rows already one per time in order, as the queries give them', () => {
		const byDay = stepList(clean).map(({ time, events, censored }) => ({ time, events, censored }));
		expect(byDay.map((r) => r.time)).toEqual([1, 2, 3, 5]);
		expect(kaplanMeier(byDay)).toEqual(clean);
		// An empty row between them is skipped; a repeated time is summed as before.
		const withEmpty = [
			...byDay.slice(0, 2),
			{ time: 2.5, events: 0, censored: 0 },
			...byDay.slice(2)
		];
		expect(kaplanMeier(withEmpty)).toEqual(clean);
		const [first, ...rest] = byDay;
		const split = [{ ...first, censored: 0 }, { ...first, events: 0 }, ...rest];
		expect(kaplanMeier(split)).toEqual(clean);
	});

	it('counts subjects censored at an event time as at risk then', () => {
		// 4 at risk at t = 3 (2 events, 1 censored then, 1 later): S = (6/7)(4/5)(2/4).
		const step = stepList(clean).find((s) => s.time === 3)!;
		expect(step).toMatchObject({ atRisk: 4, events: 2, censored: 1 });
		expect(step.survival).toBeCloseTo((6 / 7) * (4 / 5) * (2 / 4), 15);
	});

	it('gives an empty curve for no rows', () => {
		const curve = kaplanMeier([{ time: 1, events: 0, censored: 0 }]);
		expect(curve).toMatchObject({ n: 0, events: 0, censored: 0, level: 0.95 });
		expect(stepList(curve)).toEqual([]);
		expect(survivalQuantile(curve, 0.5)).toEqual({ estimate: null, lower: null, upper: null });
		expect(survivalAt(curve, 10)).toBe(1);
		expect(shareBy(curve, 10)).toEqual({ share: 0, lower: 0, upper: 0 });
	});

	it.each<{ name: string; run: () => unknown; message: string }>([
		{ name: 'level 1', run: () => kaplanMeier([], 1), message: 'invalid level: 1' },
		{ name: 'level 95', run: () => kaplanMeier([], 95), message: 'invalid level: 95' },
		{
			name: 'negative count',
			run: () => kaplanMeier([{ time: 1, events: -1, censored: 0 }]),
			message: 'invalid count'
		},
		{
			name: 'NaN time',
			run: () => kaplanMeier([{ time: NaN, events: 1, censored: 0 }]),
			message: 'invalid time'
		},
		{ name: 'p = 0', run: () => survivalQuantile(clean, 0), message: 'invalid probability: 0' },
		{ name: 'p = 50', run: () => survivalQuantile(clean, 50), message: 'invalid probability' },
		{ name: 'NaN t', run: () => survivalAt(clean, NaN), message: 'invalid time: NaN' }
	])('throws on $name', ({ run, message }) => {
		expect(run).toThrow(message);
	});
});

describe('survivalQuantile regressions', () => {
	// R 4.2.2, survival 3.5-3: quantile(survfit(Surv(time, status) ~ 1), 0.1) with
	// time = c(28, 8, 12, 9, 8, 6, 21, 6, 10), status = c(1, 1, 0, 1, 1, 1, 1, 1, 1).
	// The upper limit rises again after t = 10 (0.840 → 0.882 at t = 21); approx() inside
	// quantile.survfit sorts by 1 − upper, so R answers 21, not 10 (the first upper ≤ 0.9).
	it('follows R where the upper pointwise curve rises again', () => {
		const curve = kaplanMeier(toRows([28, 8, 12, 9, 8, 6, 21, 6, 10], [1, 1, 0, 1, 1, 1, 1, 1, 1]));
		expect(survivalQuantile(curve, 0.1)).toEqual({ estimate: 6, lower: 6, upper: 21 });
	});
});

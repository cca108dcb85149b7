// The special-cause rules of NHSRplotthedots 0.2.2 (R/ptd_calculate_point_type.R), ported
// function by function so that its unit tests port as input → output pairs. Vectors hold
// 1 / 0 flags or −1 / 0 / 1 sides, as in R.

export type SpcRule = 'outside_limits' | 'trend' | 'two_in_three' | 'shift';
/** A rule that fired at a point, and its side: 1 above / increasing, −1 below / decreasing. */
export interface Fired {
	rule: SpcRule;
	direction: 1 | -1;
}

// R pads vectors with zeros and reads past their ends as zeros (or NA, which fails the test).
const at = (v: number[], i: number): number => v[i] ?? 0;

/** 1 at the 7th and later points of a run of 7 on one side of the mean (ptd_seven_point_one_side_mean). */
export function sevenPointOneSideMean(relativeToMean: number[]): number[] {
	return relativeToMean.map((side, i) => {
		if (side === 0 || i < 6) return 0;
		for (let j = 1; j <= 6; j++) if (relativeToMean[i - j] !== side) return 0;
		return 1;
	});
}

/** 1 at a flagged point and the 6 before it (ptd_part_of_seven_trend; also used for shifts). */
export function partOfSevenTrend(flags: number[]): number[] {
	return flags.map((_, i) => {
		for (let j = 0; j <= 6; j++) if (Math.abs(at(flags, i + j)) === 1) return 1;
		return 0;
	});
}

/** 1 (−1) at the 7th point of 7 each strictly higher (lower) than the one before (ptd_seven_point_trend). */
export function sevenPointTrend(y: number[]): number[] {
	return y.map((_, i) => {
		if (i < 6) return 0;
		let up = true;
		let down = true;
		for (let j = i - 5; j <= i; j++) {
			const d = Math.sign(y[j] - y[j - 1]);
			if (d !== 1) up = false;
			if (d !== -1) down = false;
		}
		return up ? 1 : down ? -1 : 0;
	});
}

/** 1 at each point in a window of 3 with ≥ 2 flagged and all 3 on one side (ptd_two_in_three). */
export function twoInThree(flags: number[], relativeToMean: number[]): number[] {
	// Windows starting 2 before, 1 before and at the point.
	return flags.map((_, i) => {
		for (let start = i - 2; start <= i; start++) {
			let count = 0;
			let side = 0;
			for (let j = start; j < start + 3; j++) {
				count += at(flags, j);
				side += at(relativeToMean, j);
			}
			if (count >= 2 && Math.abs(side) === 3) return 1;
		}
		return 0;
	});
}

/** 1 where a point is in a two-in-three window and itself flagged (ptd_part_of_two_in_three). */
export function partOfTwoInThree(windows: number[], flags: number[]): number[] {
	return windows.map((w, i) => (w === 1 && Math.abs(flags[i]) === 1 ? 1 : 0));
}

/** Every rule that fired at each point, in NHSRplotthedots' order (its case_when in ptd_special_cause_type). */
export function firedRules(
	y: number[],
	relativeToMean: number[],
	parts: { outside: number[]; trend: number[]; twoInThree: number[]; shift: number[] }
): Fired[][] {
	const n = y.length;
	const sdy = y.slice(1).map((v, i) => Math.sign(v - y[i]));
	const side = (i: number): 1 | -1 => (relativeToMean[i] > 0 ? 1 : -1);
	return y.map((_, i) => {
		const fired: Fired[] = [];
		// R: "Above UCL" when relative_to_mean == 1, else "Below LCL".
		if (parts.outside[i]) fired.push({ rule: 'outside_limits', direction: side(i) });
		if (parts.trend[i]) {
			// A point in a trend takes the sign of the step after it when the next point is in the
			// trend too, else of the step before; R names anything but +1 "Decreasing".
			const right = Boolean(at(parts.trend, i + 1));
			const d = right ? sdy[Math.min(i, n - 2)] : i === 0 ? 0 : sdy[i - 1];
			fired.push({ rule: 'trend', direction: d === 1 ? 1 : -1 });
		}
		if (parts.twoInThree[i]) fired.push({ rule: 'two_in_three', direction: side(i) });
		if (parts.shift[i]) fired.push({ rule: 'shift', direction: side(i) });
		return fired;
	});
}

/** The rules at each point, computed from the values, their sides and the limit flags. */
export function specialCauses(
	y: number[],
	relativeToMean: number[],
	closeToLimits: number[],
	outsideLimits: number[]
): Fired[][] {
	return firedRules(y, relativeToMean, {
		outside: outsideLimits,
		trend: partOfSevenTrend(sevenPointTrend(y)),
		twoInThree: partOfTwoInThree(twoInThree(closeToLimits, relativeToMean), closeToLimits),
		shift: partOfSevenTrend(sevenPointOneSideMean(relativeToMean))
	});
}

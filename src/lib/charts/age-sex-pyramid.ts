import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { colourFor } from './palette.ts';

/** People in an age band of one sex ('female', 'male' or others), null when suppressed. */
export interface PyramidRow {
	age_band: string;
	sex: string;
	people: number | null;
}

/** The sexes the pyramid draws, left then right; others are reported in the table. */
const pyramidSexes = ['female', 'male'];

const sideName = (sex: string) => (sex === 'female' ? 'Female' : 'Male');

/** People by age band and sex as a population pyramid: female to the left, male to the right, oldest at the top. */
export function ageSexPyramidChart(
	rows: PyramidRow[],
	options: { width?: number; ageBands: string[] }
) {
	const drawn = rows.filter((r) => pyramidSexes.includes(r.sex));
	// Female bars grow leftwards, so their values are negated; axes and tips show them unsigned.
	const signed = (d: PyramidRow) => (d.sex === 'female' ? -(d.people ?? 0) : (d.people ?? 0));
	const extent = Math.max(1, ...drawn.map((r) => r.people ?? 0));
	return {
		...defaults,
		width: options.width,
		height: Math.max(140, options.ageBands.length * 24 + 70),
		marginTop: 28,
		marginRight: 24,
		marginLeft: 64,
		x: {
			grid: true,
			label: 'People',
			labelAnchor: 'center' as const,
			labelArrow: 'none' as const,
			domain: [-extent, extent],
			nice: true,
			tickFormat: (d: number) => formatCount(Math.abs(d))
		},
		y: { label: null, domain: [...options.ageBands].reverse() },
		marks: [
			Plot.barX(
				drawn.filter((r) => r.people != null),
				{
					x: signed,
					y: 'age_band',
					fill: (d: PyramidRow) => colourFor(d.sex, pyramidSexes),
					title: (d: PyramidRow) =>
						`${sideName(d.sex)}, ${d.age_band}\nPeople: ${formatCount(d.people)}`,
					tip: true
				}
			),
			Plot.text(
				drawn.filter((r) => r.people == null && r.sex === 'female'),
				{ x: 0, y: 'age_band', text: () => '*', textAnchor: 'end', dx: -4 }
			),
			Plot.text(
				drawn.filter((r) => r.people == null && r.sex === 'male'),
				{ x: 0, y: 'age_band', text: () => '*', textAnchor: 'start', dx: 4 }
			),
			Plot.ruleX([0]),
			Plot.text(pyramidSexes, {
				x: (sex: string) => (sex === 'female' ? -extent / 2 : extent / 2),
				text: sideName,
				frameAnchor: 'top',
				lineAnchor: 'bottom',
				dy: -8,
				fontWeight: 'bold'
			})
		]
	};
}

// Outcome scores after the outcomes table is complete: each label resolved to a measure of the
// registry by alias, SWEMWBS raw totals converted to metric scores, and scores outside their
// measure's range kept out (value NULL) and listed as issues. `score` keeps what the file said.
import { allMeasures, measureAliases, swemwbsMetric, type Measure } from '../contract/measures.ts';
import type { Profile } from '../contract/profile.ts';
import { literal } from '../db/sql.ts';

const lit = (v: string) => literal(v).text;
const num = (n: number) => String(n);

/** The measures of a load, as a table the metrics read: the registry plus declared measures. */
function measuresTableSql(list: Measure[]): string {
	const rows = list.map(
		(m, i) =>
			`(${i}, ${lit(m.key)}, ${lit(m.name)}, ${lit(m.short ?? m.name)}, ${num(m.min)}, ${num(m.max)}, ${lit(m.better)}, ${
				m.meaningfulChange === null ? 'NULL' : num(m.meaningfulChange)
			}, ${lit(JSON.stringify(m.bands))}, ${m.conversion ? lit(m.conversion) : 'NULL'}, ${
				m.advice ? lit(JSON.stringify(m.advice)) : 'NULL'
			})`
	);
	const aliases = [...measureAliases(list)].map(([alias, key]) => `(${lit(alias)}, ${lit(key)})`);
	const metric = Object.entries(swemwbsMetric).map(([raw, m]) => `(${raw}, ${m})`);
	return `CREATE OR REPLACE TABLE outcome_measures (ord INTEGER, key VARCHAR, name VARCHAR, short VARCHAR, min DOUBLE, max DOUBLE,
  better VARCHAR, meaningful_change DOUBLE, bands VARCHAR, conversion VARCHAR, advice VARCHAR);
INSERT INTO outcome_measures VALUES ${rows.join(', ')};
CREATE OR REPLACE TEMP TABLE measure_aliases (alias VARCHAR, key VARCHAR);
INSERT INTO measure_aliases VALUES ${aliases.join(', ')};
CREATE OR REPLACE TEMP TABLE swemwbs_metric (raw DOUBLE, metric DOUBLE);
INSERT INTO swemwbs_metric VALUES ${metric.join(', ')};`;
}

/**
 * How each file wrote each converted measure: `metric` when the profile says so, the label says
 * "metric", or any score is not a whole number (a raw total always is); otherwise `raw`.
 */
function formsSql(setting: Profile['swemwbs']): string {
	const metric =
		setting === 'metric'
			? 'true'
			: setting === 'raw'
				? 'false'
				: `bool_or(o.score <> floor(o.score)) OR bool_or(contains(sp_key(o.measure), 'metric'))`;
	return `CREATE OR REPLACE TEMP TABLE score_forms AS
SELECT o._file, o.measure, a.key, coalesce(${metric}, false) AS metric, count(*)::INTEGER AS scores
FROM outcomes o JOIN measure_aliases a ON a.alias = sp_key(o.measure)
JOIN outcome_measures m ON m.key = a.key WHERE m.conversion IS NOT NULL GROUP BY ALL;`;
}

// Numbers in messages as people write them: 70, not 70.0.
const numberTextSql = `CREATE OR REPLACE MACRO sp_number_text(x) AS
  CASE WHEN x = floor(x) AND abs(x) < 1e15 THEN CAST(CAST(x AS BIGINT) AS VARCHAR) ELSE CAST(x AS VARCHAR) END;`;

/** Resolve, convert and check every score; then list what was kept out. */
export function measuresSql(profile?: Profile): string {
	const list = allMeasures(profile?.measures ?? []);
	return `${numberTextSql}
${measuresTableSql(list)}
${formsSql(profile?.swemwbs ?? 'auto')}
-- Each wide-form score's header and text as the file wrote them, for the issues below.
CREATE OR REPLACE TEMP TABLE score_headers AS
SELECT DISTINCT _file, _row, measure, timepoint, _header, score FROM stage_scores;
CREATE OR REPLACE TABLE outcomes AS
SELECT o.* REPLACE (a.key AS measure_key, CASE
    WHEN a.key IS NULL OR o.score IS NULL THEN NULL
    WHEN m.conversion = 'swemwbs' AND NOT f.metric THEN c.metric
    WHEN o.score BETWEEN m.min AND m.max THEN o.score END AS value)
FROM outcomes o
LEFT JOIN measure_aliases a ON a.alias = sp_key(o.measure)
LEFT JOIN outcome_measures m ON m.key = a.key
LEFT JOIN score_forms f ON f._file = o._file AND f.measure = o.measure
LEFT JOIN swemwbs_metric c ON c.raw = o.score;
INSERT INTO import_issues
SELECT o._file, o._row, coalesce(s._header, h.header, 'measure'), 'measure', o.measure,
  'not a measure the dashboard knows; declare it (range, direction, meaningful change) to include it'
FROM outcomes o
LEFT JOIN score_headers s
  ON s._file = o._file AND s._row = o._row AND s.measure = o.measure AND s.timepoint = o.timepoint
LEFT JOIN import_headers h ON h._file = o._file AND h.field = 'measure'
WHERE o.measure_key IS NULL;
INSERT INTO import_issues
SELECT o._file, o._row, coalesce(s._header, h.header, 'score'), 'score', coalesce(s.score, sp_number_text(o.score)),
  CASE WHEN m.conversion = 'swemwbs' AND NOT f.metric
    THEN 'not a raw ' || upper(m.key) || ' total (whole numbers ' || sp_number_text(m.min) || '–' || sp_number_text(m.max) || '); left out of the outcome figures'
    ELSE 'outside the range of ' || m.name || ' (' || sp_number_text(m.min) || '–' || sp_number_text(m.max) || '); left out of the outcome figures' END
FROM outcomes o JOIN outcome_measures m ON m.key = o.measure_key
LEFT JOIN score_forms f ON f._file = o._file AND f.measure = o.measure
LEFT JOIN score_headers s
  ON s._file = o._file AND s._row = o._row AND s.measure = o.measure AND s.timepoint = o.timepoint
LEFT JOIN import_headers h ON h._file = o._file AND h.field = 'score'
WHERE o.score IS NOT NULL AND o.value IS NULL;
DROP TABLE score_headers;`;
}

/** Each measure label a file holds: the measure it was read as, and how (for the import report). */
export const measuresFoundSql = `SELECT o._file AS file, o.measure AS label, o.measure_key AS measure,
  m.name, CASE WHEN m.conversion IS NULL THEN NULL WHEN f.metric THEN 'metric' ELSE 'raw' END AS form,
  count(*)::INTEGER AS scores, count(o.value)::INTEGER AS valid
FROM outcomes o LEFT JOIN outcome_measures m ON m.key = o.measure_key
LEFT JOIN score_forms f ON f._file = o._file AND f.measure = o.measure
GROUP BY ALL ORDER BY file, label`;

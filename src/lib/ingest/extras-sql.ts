/** Wide-form scores of loaded referral rows become outcome rows; unreadable scores are issues. */
export const scoresSql = `
INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, _file, _row)
SELECT s.referral_id, s.measure, s.timepoint, NULL, sp_number(s.score), s._file, s._row
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
ORDER BY s._order, s._row, s._header;
INSERT INTO import_issues SELECT s._file, s._row, s._header, 'score', s.score, 'not a number'
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
WHERE sp_number(s.score) IS NULL;`;

/**
 * The reason labels a load holds (from the few distinct reason texts), with their standard group.
 * Run while the lists table of the referrals still exists.
 */
export const reasonLabelsSql = `
CREATE OR REPLACE TEMP TABLE reason_labels AS
SELECT d.reason, k.grp FROM (SELECT DISTINCT unnest(items) AS reason FROM lists_referrals) d
LEFT JOIN sp_categories k ON k.vocabulary = 'referral_reason' AND k.key = sp_key(d.reason);`;

/** One row per reason a referral gives, with its standard group (other when unknown). */
export const reasonsSql = `
INSERT INTO referral_reasons
SELECT x.referral_id, x.reason, coalesce(l.grp, 'other')
FROM (SELECT referral_id, unnest(referral_reasons) AS reason FROM referrals) x
JOIN reason_labels l USING (reason);`;

/** How many reason labels no synonym matched: when none, the per-row issue pass is skipped. */
export const unknownReasonsSql = `SELECT count(*)::INTEGER AS n FROM reason_labels WHERE grp IS NULL`;

/** Each use of an unknown reason label, as an issue on its row. */
export const reasonIssuesSql = `
INSERT INTO import_issues
SELECT x._file, x._row, coalesce(h.header, 'referral_reasons'), 'referral_reasons', x.reason,
  'label not in the standard list; counted as other'
FROM (SELECT _file, _row, unnest(referral_reasons) AS reason FROM referrals) x
JOIN (SELECT reason FROM reason_labels WHERE grp IS NULL) u USING (reason)
LEFT JOIN (SELECT _file, header FROM import_headers WHERE field = 'referral_reasons') h ON h._file = x._file;`;

/**
 * Mark the referrals of people referred more than once, and number them once: `person_no` (one
 * integer per such person, in person order) and `person_order` (each of their referrals' place by referral date,
 * then referral ID). Counting people is then a plain count for everyone else and a distinct count
 * of integers over these rows, and a person's latest referral the one with the largest
 * `person_order`: both keep figures fast (issue 13).
 */
export const repeatPeopleSql = `CREATE OR REPLACE TEMP TABLE repeat_people AS
SELECT person_key, (row_number() OVER (ORDER BY person_key))::INTEGER AS person_no
FROM (SELECT person_key FROM referrals GROUP BY person_key HAVING count(*) > 1);
UPDATE referrals SET repeat_person = true, person_no = o.person_no, person_order = o.k FROM (
  SELECT r._file, r._row, p.person_no,
    (row_number() OVER (PARTITION BY p.person_no ORDER BY r.referral_date, r.referral_id))::INTEGER AS k
  FROM referrals r JOIN repeat_people p USING (person_key)) o
WHERE referrals._file = o._file AND referrals._row = o._row;
DROP TABLE repeat_people;`;

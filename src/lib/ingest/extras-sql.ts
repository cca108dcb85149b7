/** Wide-form scores of loaded referral rows become outcome rows; unreadable scores are issues. */
export const scoresSql = `
INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, measure_key, _file, _row)
SELECT s.referral_id, s.measure, s.timepoint, NULL, sp_number(s.score), sp_slug(s.measure), s._file, s._row
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
ORDER BY s._order, s._row, s._header;
INSERT INTO import_issues SELECT s._file, s._row, s._header, 'score', s.score, 'not a number'
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
WHERE sp_number(s.score) IS NULL;`;

/**
 * One row per reason a referral gives, with its standard group; unknown labels are issues.
 * Labels are looked up once each (a few dozen), not once per row.
 */
export const reasonsSql = `
CREATE OR REPLACE TEMP TABLE reason_rows AS
SELECT referral_id, _file, _row, unnest(referral_reasons) AS reason FROM referrals;
CREATE OR REPLACE TEMP TABLE reason_labels AS
SELECT d.reason, k.grp FROM (SELECT DISTINCT reason FROM reason_rows) d
LEFT JOIN sp_categories k ON k.vocabulary = 'referral_reason' AND k.key = sp_key(d.reason);
INSERT INTO referral_reasons
SELECT r.referral_id, r.reason, coalesce(l.grp, 'other') FROM reason_rows r JOIN reason_labels l USING (reason);
INSERT INTO import_issues
SELECT r._file, r._row, coalesce(h.header, 'referral_reasons'), 'referral_reasons', r.reason,
  'label not in the standard list; counted as other'
FROM reason_rows r JOIN reason_labels l USING (reason)
LEFT JOIN (SELECT _file, header FROM import_headers WHERE field = 'referral_reasons') h ON h._file = r._file
WHERE l.grp IS NULL;
DROP TABLE reason_rows;
DROP TABLE reason_labels;`;

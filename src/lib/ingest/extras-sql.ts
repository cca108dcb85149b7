/** Wide-form scores of loaded referral rows become outcome rows; unreadable scores are issues. */
export const scoresSql = `
INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, measure_key, _file, _row)
SELECT s.referral_id, s.measure, s.timepoint, NULL, sp_number(s.score), sp_slug(s.measure), s._file, s._row
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
ORDER BY s._order, s._row, s._header;
INSERT INTO import_issues SELECT s._file, s._row, s._header, 'score', s.score, 'not a number'
FROM stage_scores s SEMI JOIN referrals r ON r._file = s._file AND r._row = s._row
WHERE sp_number(s.score) IS NULL;`;

/** One row per reason a referral gives, with its standard group; unknown labels are issues. */
export const reasonsSql = `
INSERT INTO referral_reasons
SELECT x.referral_id, x.reason, coalesce(k.grp, 'other')
FROM (SELECT referral_id, unnest(referral_reasons) AS reason FROM referrals) x
LEFT JOIN sp_categories k ON k.vocabulary = 'referral_reason' AND k.key = sp_key(x.reason);
INSERT INTO import_issues
SELECT x._file, x._row, coalesce(h.header, 'referral_reasons'), 'referral_reasons', x.reason,
  'label not in the standard list; counted as other'
FROM (SELECT _file, _row, unnest(referral_reasons) AS reason FROM referrals) x
LEFT JOIN (SELECT _file, header FROM import_headers WHERE field = 'referral_reasons') h ON h._file = x._file
WHERE NOT EXISTS (SELECT 1 FROM sp_categories k WHERE k.vocabulary = 'referral_reason' AND k.key = sp_key(x.reason));`;

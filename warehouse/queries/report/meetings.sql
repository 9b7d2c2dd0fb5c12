-- Meetings with their best copy and number of reports, newest first.
-- Parameters: since, until (DATE or NULL), country (VARCHAR or NULL: either side),
-- pair (two VARCHARs, sorted, or NULLs), kind (VARCHAR or NULL), limit (INTEGER).
SELECT m.meeting_id, m.event_date, m.country_a, m.country_b, m.kind, m.location,
       array_to_string(m.participants, ', ') AS participants, m.confidence, m.story_id,
       b.title, b.url,
       (SELECT count(DISTINCT r.article_id) FROM meeting_reports r
        WHERE r.meeting_id = m.meeting_id) AS reports
FROM meetings m
LEFT JOIN articles b ON b.article_id = m.best_article_id
WHERE (CAST($1 AS DATE) IS NULL OR m.event_date >= $1)
  AND (CAST($2 AS DATE) IS NULL OR m.event_date <= $2)
  AND (CAST($3 AS VARCHAR) IS NULL OR $3 IN (m.country_a, m.country_b))
  AND (CAST($4 AS VARCHAR) IS NULL OR (m.country_a = $4 AND m.country_b = $5))
  AND (CAST($6 AS VARCHAR) IS NULL OR m.kind = $6)
ORDER BY m.event_date DESC, m.country_a, m.country_b
LIMIT $7;

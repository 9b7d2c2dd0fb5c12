-- Meetings with their best copy and number of reports, newest first (the page's few are
-- chosen on the meetings table alone, then joined).
-- Parameters: since, until (DATE or NULL), country (VARCHAR or NULL: either side),
-- pair (two VARCHARs, sorted, or NULLs), kind (VARCHAR or NULL), limit (INTEGER).
WITH chosen AS (
    SELECT *
    FROM meetings m
    WHERE (CAST($1 AS DATE) IS NULL OR m.event_date >= $1)
      AND (CAST($2 AS DATE) IS NULL OR m.event_date <= $2)
      AND (CAST($3 AS VARCHAR) IS NULL OR $3 IN (m.country_a, m.country_b))
      AND (CAST($4 AS VARCHAR) IS NULL OR (m.country_a = $4 AND m.country_b = $5))
      AND (CAST($6 AS VARCHAR) IS NULL OR m.kind = $6)
    ORDER BY m.event_date DESC, m.country_a, m.country_b
    LIMIT $7
),
reports AS (
    SELECT meeting_id, count(DISTINCT article_id) AS reports
    FROM meeting_reports
    WHERE meeting_id IN (SELECT meeting_id FROM chosen)
    GROUP BY meeting_id
)
SELECT c.meeting_id, c.event_date, c.country_a, c.country_b, c.kind, c.location,
       array_to_string(c.participants, ', ') AS participants, c.confidence, c.story_id,
       b.title, b.url, coalesce(r.reports, 0) AS reports
FROM chosen c
LEFT JOIN articles b ON b.article_id = c.best_article_id
LEFT JOIN reports r USING (meeting_id)
ORDER BY c.event_date DESC, c.country_a, c.country_b;

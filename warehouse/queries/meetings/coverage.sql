-- Meetings with their coverage.
SELECT m.event_date AS date,
       m.country_a || '-' || m.country_b AS pair,
       m.kind,
       m.location,
       array_to_string(m.participants, ', ') AS participants,
       round(m.confidence, 2) AS conf,
       count(DISTINCT a.source_id) AS sources
FROM meetings m
LEFT JOIN meeting_reports r USING (meeting_id)
LEFT JOIN articles a ON a.article_id = r.article_id
GROUP BY ALL
ORDER BY m.event_date, pair;

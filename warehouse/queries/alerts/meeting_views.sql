-- Meetings as the alert stage sees them: best copy, source and article counts, first report's
-- publication. Parameter: meeting ids (VARCHAR[]).
SELECT m.meeting_id, m.country_a, m.country_b, m.kind, m.event_date, m.location,
       m.participants, m.confidence, b.title, b.url,
       count(DISTINCT a.source_id) AS source_count, count(DISTINCT a.article_id) AS article_count,
       min(a.published_at) AS published_at
FROM meetings m
LEFT JOIN articles b ON b.article_id = m.best_article_id
LEFT JOIN meeting_reports r ON r.meeting_id = m.meeting_id
LEFT JOIN articles a ON a.article_id = r.article_id
WHERE m.meeting_id IN (SELECT unnest(?))
GROUP BY ALL
ORDER BY m.event_date, m.country_a, m.country_b;

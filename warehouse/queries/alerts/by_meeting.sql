-- Alerted meetings, one row each, with their channels' delivery counted. Parameters: since (DATE), status (VARCHAR or NULL).
SELECT m.country_a || '-' || m.country_b AS pair, m.kind, m.event_date, m.location,
       count(*) FILTER (WHERE a.status = 'sent') AS sent,
       count(*) FILTER (WHERE a.status = 'failed') AS failed,
       count(*) FILTER (WHERE a.status = 'pending') AS pending,
       count(*) AS channels,
       b.title, b.url, min(a.created_at) AS created_at
FROM alerts a
JOIN meetings m USING (meeting_id)
LEFT JOIN articles b ON b.article_id = m.best_article_id
WHERE CAST(a.created_at AS DATE) >= $1
GROUP BY m.meeting_id, pair, m.kind, m.event_date, m.location, b.title, b.url
HAVING CAST($2 AS VARCHAR) IS NULL OR count(*) FILTER (WHERE a.status = $2) > 0
ORDER BY min(a.created_at), m.event_date, pair;

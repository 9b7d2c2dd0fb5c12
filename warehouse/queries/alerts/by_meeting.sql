-- Alerted meetings and stories, one row each (a story alert shows its saved query as pair), with their channels' delivery counted. Parameters: since (DATE), status (VARCHAR or NULL).
SELECT coalesce(m.country_a || '-' || m.country_b, '@' || any_value(a.query)) AS pair,
       coalesce(m.kind, any_value(a.kind)) AS kind, m.event_date, m.location,
       count(*) FILTER (WHERE a.status = 'sent') AS sent,
       count(*) FILTER (WHERE a.status = 'failed') AS failed,
       count(*) FILTER (WHERE a.status = 'pending') AS pending,
       count(*) FILTER (WHERE a.status = 'skipped') AS skipped,
       count(*) AS channels,
       b.title, b.url, min(a.created_at) AS created_at
FROM alerts a
LEFT JOIN meetings m USING (meeting_id)
LEFT JOIN stories s ON s.story_id = a.story_id
LEFT JOIN articles b ON b.article_id = coalesce(m.best_article_id, s.best_article_id)
WHERE CAST(a.created_at AS DATE) >= $1
GROUP BY a.meeting_id, a.story_id, m.country_a, m.country_b, m.kind, m.event_date, m.location,
         b.title, b.url
HAVING CAST($2 AS VARCHAR) IS NULL OR count(*) FILTER (WHERE a.status = $2) > 0
ORDER BY min(a.created_at), m.event_date, pair;

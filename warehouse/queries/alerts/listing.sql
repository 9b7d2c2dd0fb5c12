-- Alerts and their delivery state (meeting alerts and story alerts; a skipped one says why). Parameters: since (DATE), status (VARCHAR or NULL).
SELECT a.created_at, a.status, a.channel, a.attempts,
       m.country_a || '-' || m.country_b AS pair, coalesce(m.kind, a.kind) AS kind,
       m.event_date, m.location, '@' || a.query AS query,
       b.title, b.url, a.sent_at, a.last_error, a.skip_reason
FROM alerts a
LEFT JOIN meetings m USING (meeting_id)
LEFT JOIN stories s ON s.story_id = a.story_id
LEFT JOIN articles b ON b.article_id = coalesce(m.best_article_id, s.best_article_id)
WHERE CAST(a.created_at AS DATE) >= $1
  AND (CAST($2 AS VARCHAR) IS NULL OR a.status = $2)
ORDER BY a.created_at, m.event_date, pair, a.channel;

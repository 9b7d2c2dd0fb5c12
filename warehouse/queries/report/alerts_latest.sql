-- The latest alerted meetings, each with every channel's delivery state.
-- Parameters: since (DATE or NULL: alerts created on or after it), status (VARCHAR or NULL), limit (INTEGER).
SELECT m.meeting_id, m.country_a, m.country_b, m.kind, m.event_date, m.location,
       b.title, b.url, m.story_id,
       max(a.created_at) AS created_at,
       list(struct_pack(channel := a.channel, status := a.status, attempts := a.attempts,
                        sent_at := a.sent_at, last_error := a.last_error)
            ORDER BY a.channel) AS deliveries
FROM alerts a
JOIN meetings m USING (meeting_id)
LEFT JOIN articles b ON b.article_id = m.best_article_id
WHERE (CAST($1 AS DATE) IS NULL OR CAST(a.created_at AS DATE) >= $1)
  AND (CAST($2 AS VARCHAR) IS NULL OR a.status = $2)
GROUP BY ALL
ORDER BY created_at DESC, m.event_date DESC, m.country_a, m.country_b
LIMIT $3;

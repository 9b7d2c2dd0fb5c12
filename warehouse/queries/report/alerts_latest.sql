-- The latest alerts, one row per alerted meeting (or new story matching a saved query),
-- each with every channel's delivery state.
-- Parameters: since (DATE or NULL: alerts created on or after it), status (VARCHAR or NULL), limit (INTEGER).
SELECT coalesce(a.meeting_id, 'story:' || a.story_id || ':' || a.query) AS alert_key,
       m.country_a, m.country_b, coalesce(m.kind, a.kind) AS kind, m.event_date, m.location,
       a.query, b.title, b.url, coalesce(m.story_id, a.story_id) AS story_id,
       max(a.created_at) AS created_at,
       list(struct_pack(channel := a.channel, status := a.status, attempts := a.attempts,
                        sent_at := a.sent_at, last_error := a.last_error)
            ORDER BY a.channel) AS deliveries
FROM alerts a
LEFT JOIN meetings m USING (meeting_id)
LEFT JOIN stories s ON s.story_id = a.story_id
LEFT JOIN articles b ON b.article_id = coalesce(m.best_article_id, s.best_article_id)
WHERE (CAST($1 AS DATE) IS NULL OR CAST(a.created_at AS DATE) >= $1)
  AND (CAST($2 AS VARCHAR) IS NULL OR a.status = $2)
GROUP BY ALL
ORDER BY created_at DESC, m.event_date DESC NULLS LAST, m.country_a, m.country_b, a.query
LIMIT $3;

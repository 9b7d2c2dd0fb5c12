-- Alerts waiting to be sent whose next attempt is due (meeting and story alerts). Parameter: now (TIMESTAMPTZ).
SELECT alert_id, meeting_id, channel, attempts, coalesce(kind, 'meeting') AS kind, story_id, query
FROM alerts
WHERE status = 'pending' AND coalesce(next_attempt_at, created_at) <= ?
ORDER BY created_at, alert_id;

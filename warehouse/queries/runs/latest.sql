-- The last runs, newest first. Parameters: limit.
SELECT run_id, started_at, finished_at, status, sources, fetched, fetch_errors, articles_new,
       articles_updated, stories_new, meetings_new, alerts_sent, alerts_failed,
       epoch(finished_at) - epoch(started_at) AS duration_s
FROM runs
ORDER BY started_at DESC
LIMIT ?;

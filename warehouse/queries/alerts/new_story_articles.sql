-- The articles of the stories new to story alerts: first seen since the start of the
-- oldest run after the last completed one (this run, or also runs killed before their
-- alert step). Parameter: this run's id (VARCHAR).
WITH last_completed AS (
    SELECT max(started_at) AS at FROM runs WHERE status = 'completed' AND run_id <> $1
), window_start AS (
    SELECT min(r.started_at) AS at
    FROM runs r, last_completed c
    WHERE c.at IS NULL OR r.started_at > c.at
)
SELECT a.story_id, a.article_id
FROM stories s
JOIN articles a USING (story_id)
JOIN window_start w ON s.first_seen_at >= w.at
ORDER BY s.first_seen_at, a.story_id, a.article_id;

-- Articles whose current version has not been through meeting detection (the work queue).
SELECT article_id, story_id, version, title, text,
       coalesce(published_at, first_seen_at) AS published_at, dateline
FROM articles
WHERE detected_version IS DISTINCT FROM version
ORDER BY article_id;

-- The most republished stories: how many sources carried each.
SELECT story_id, title, sources, articles, first_seen_at, best_url, event_id
FROM story_coverage
WHERE articles > 1
ORDER BY sources DESC, articles DESC, first_seen_at;

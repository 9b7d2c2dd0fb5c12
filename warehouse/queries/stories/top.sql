-- Stories covered by the most sources, with their event. Parameter: limit (INTEGER).
SELECT story_id, title, sources, articles, event_id, first_seen_at, best_url
FROM story_coverage
ORDER BY sources DESC, articles DESC, first_seen_at, story_id
LIMIT ?;

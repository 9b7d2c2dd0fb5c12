-- Stories covered by the most sources. Parameter: limit (INTEGER).
SELECT story_id, title, sources, articles, first_seen_at, best_url
FROM story_coverage
ORDER BY sources DESC, articles DESC, first_seen_at, story_id
LIMIT ?;

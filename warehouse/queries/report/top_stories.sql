-- The stories carried by the most sources, first published on or after a day.
-- Parameters: since (DATE or NULL), limit (INTEGER).
SELECT c.story_id, c.title, c.sources, c.articles, c.best_url, c.best_agency,
       coalesce(b.published_at, c.first_seen_at) AS published_at
FROM story_coverage c
LEFT JOIN stories s USING (story_id)
LEFT JOIN articles b ON b.article_id = s.best_article_id
WHERE CAST($1 AS DATE) IS NULL OR coalesce(b.published_at, c.first_seen_at) >= $1
ORDER BY c.sources DESC, c.articles DESC, published_at DESC, c.story_id
LIMIT $2;

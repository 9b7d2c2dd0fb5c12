-- One story's row and its best copy. Parameter: story id (VARCHAR).
SELECT s.story_id, s.title, s.article_count, s.source_count, s.first_seen_at, s.last_seen_at,
       s.best_article_id, b.url AS best_url, b.agency AS best_agency, b.published_at
FROM stories s
LEFT JOIN articles b ON b.article_id = s.best_article_id
WHERE s.story_id = $1;

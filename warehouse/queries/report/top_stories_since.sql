-- The stories carried by the most sources among those with a copy published on or after a day.
-- Parameters: since (DATE), limit (INTEGER).
WITH recent AS (
    SELECT DISTINCT story_id FROM articles
    WHERE coalesce(published_at, first_seen_at) >= $1
),
top AS (
    SELECT s.story_id, s.title, s.source_count AS sources, s.article_count AS articles,
           s.best_article_id, s.first_seen_at
    FROM stories s
    JOIN recent USING (story_id)
    ORDER BY sources DESC, articles DESC, s.last_seen_at DESC, s.story_id
    LIMIT $2
)
SELECT t.story_id, t.title, t.sources, t.articles, b.url AS best_url, b.agency AS best_agency,
       coalesce(b.published_at, t.first_seen_at) AS published_at
FROM top t
LEFT JOIN articles b ON b.article_id = t.best_article_id
ORDER BY t.sources DESC, t.articles DESC, published_at DESC, t.story_id;

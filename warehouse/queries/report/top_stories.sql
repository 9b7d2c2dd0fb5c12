-- The stories carried by the most sources (ranked on the stories table alone, then the best
-- copy of the few chosen: a join of every story with its copy costs seconds on 1M articles).
-- Parameter: limit (INTEGER).
WITH top AS (
    SELECT story_id, title, source_count AS sources, article_count AS articles,
           best_article_id, first_seen_at
    FROM stories
    ORDER BY sources DESC, articles DESC, last_seen_at DESC, story_id
    LIMIT $1
)
SELECT t.story_id, t.title, t.sources, t.articles, b.url AS best_url, b.agency AS best_agency,
       coalesce(b.published_at, t.first_seen_at) AS published_at
FROM top t
LEFT JOIN articles b ON b.article_id = t.best_article_id
ORDER BY t.sources DESC, t.articles DESC, published_at DESC, t.story_id;

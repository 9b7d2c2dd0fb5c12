-- Recompute story rows (title, counts, best copy) from their articles. Parameter: story ids (VARCHAR[]).
-- The best copy: the originating agency's own, then any copy naming an agency, then the earliest.
INSERT OR REPLACE INTO stories
    (story_id, title, first_seen_at, last_seen_at, article_count, source_count, best_article_id)
SELECT story_id,
       arg_min(title, rank_key) AS title,
       min(first_seen_at) AS first_seen_at,
       max(last_seen_at) AS last_seen_at,
       count(*) AS article_count,
       count(DISTINCT source_id) AS source_count,
       arg_min(article_id, rank_key) AS best_article_id
FROM (
    SELECT a.*,
           struct_pack(
               own := CASE WHEN a.agency IS NOT NULL AND a.agency = s.agency THEN 0 ELSE 1 END,
               origin := CASE WHEN a.agency IS NOT NULL THEN 0 ELSE 1 END,
               t := coalesce(a.published_at, a.first_seen_at),
               id := a.article_id) AS rank_key
    FROM articles a LEFT JOIN sources s ON s.source_id = a.source_id
    WHERE a.story_id IN (SELECT unnest(?))
)
GROUP BY story_id;

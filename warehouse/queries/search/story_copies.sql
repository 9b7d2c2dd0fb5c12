-- Every copy of these stories, earliest first. Parameter: story ids (VARCHAR[]).
SELECT story_id, article_id, source_id AS source, agency,
       coalesce(published_at, first_seen_at) AS published, title, url
FROM articles
WHERE story_id IN (SELECT unnest(?))
ORDER BY story_id, published, article_id;

-- The next page of index documents, by article id (a rebuild reads the warehouse in pages). Parameters: the last id read, page size.
SELECT a.article_id, a.story_id, a.version, a.title, a.text, a.agency,
       a.source_id AS source, a.language,
       coalesce(a.published_at, a.first_seen_at) AS published,
       coalesce(list(c.country ORDER BY c.country) FILTER (WHERE c.country IS NOT NULL), []) AS countries
FROM (SELECT * FROM articles WHERE article_id > ? ORDER BY article_id LIMIT ?) a
LEFT JOIN article_countries c USING (article_id)
GROUP BY ALL
ORDER BY a.article_id;

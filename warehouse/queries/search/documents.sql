-- The search index's view of these articles: current version, its countries, a date for every article. Parameter: article ids (VARCHAR[]).
SELECT a.article_id, a.story_id, a.version, a.title, a.text, a.agency,
       a.source_id AS source, a.language,
       coalesce(a.published_at, a.first_seen_at) AS published,
       coalesce(list(c.country ORDER BY c.country) FILTER (WHERE c.country IS NOT NULL), []) AS countries
FROM articles a
LEFT JOIN article_countries c USING (article_id)
WHERE a.article_id IN (SELECT unnest(?))
GROUP BY ALL
ORDER BY a.article_id;

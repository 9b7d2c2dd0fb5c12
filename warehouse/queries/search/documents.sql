-- The search index's view of these articles: current version, its countries, a date for every article. Parameter: article ids (VARCHAR[]).
SELECT a.article_id, a.story_id, a.version, a.title, a.text, a.agency,
       a.source_id AS source, a.language,
       coalesce(a.published_at, a.first_seen_at) AS published,
       coalesce(c.countries, []) AS countries
FROM articles a
LEFT JOIN (
    SELECT article_id, list(country ORDER BY country) AS countries
    FROM article_countries
    WHERE article_id IN (SELECT unnest($1))
    GROUP BY article_id
) c USING (article_id)
WHERE a.article_id IN (SELECT unnest($1));

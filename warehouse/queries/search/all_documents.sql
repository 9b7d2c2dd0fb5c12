-- Every article as the search index holds it (a rebuild streams this, unordered).
SELECT a.article_id, a.story_id, a.version, a.title, a.text, a.agency,
       a.source_id AS source, a.language,
       coalesce(a.published_at, a.first_seen_at) AS published,
       coalesce(c.countries, []) AS countries
FROM articles a
LEFT JOIN (
    SELECT article_id, list(country ORDER BY country) AS countries
    FROM article_countries
    GROUP BY article_id
) c USING (article_id);

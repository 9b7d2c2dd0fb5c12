-- Articles mentioning each of the most mentioned countries, per week (article_countries holds
-- one row per article and country, so a plain count counts articles).
-- Parameters: since (DATE or NULL), countries (INTEGER: how many).
WITH top AS (
    SELECT country FROM article_countries
    GROUP BY country
    ORDER BY count(*) DESC, country
    LIMIT $2
)
SELECT date_trunc('week', CAST(coalesce(a.published_at, a.first_seen_at) AS DATE)) AS week,
       c.country, count(*) AS articles
FROM article_countries c
JOIN articles a USING (article_id)
WHERE c.country IN (SELECT country FROM top)
  AND (CAST($1 AS DATE) IS NULL OR coalesce(a.published_at, a.first_seen_at) >= $1)
GROUP BY ALL
ORDER BY week, c.country;

-- Articles mentioning each of the most mentioned countries, per week.
-- Parameters: since (DATE or NULL), countries (INTEGER: how many).
WITH weekly AS (
    SELECT date_trunc('week', day) AS week, country, sum(articles) AS articles
    FROM country_mentions_daily
    WHERE CAST($1 AS DATE) IS NULL OR day >= $1
    GROUP BY ALL
),
top AS (
    SELECT country FROM weekly GROUP BY country ORDER BY sum(articles) DESC, country LIMIT $2
)
SELECT week, country, articles
FROM weekly
WHERE country IN (SELECT country FROM top)
ORDER BY week, country;

-- Meetings per day, pair and kind for the pairs that met most (a timeline stays readable).
-- Parameters: since (DATE or NULL), pairs (INTEGER: how many pairs).
WITH chosen AS (
    SELECT country_a, country_b, kind, event_date,
           any_value(coalesce(b.title, '')) AS title, count(*) AS meetings
    FROM meetings m
    LEFT JOIN articles b ON b.article_id = m.best_article_id
    WHERE CAST($1 AS DATE) IS NULL OR event_date >= $1
    GROUP BY ALL
),
top AS (
    SELECT country_a, country_b FROM chosen
    GROUP BY ALL
    ORDER BY sum(meetings) DESC, country_a, country_b
    LIMIT $2
)
SELECT c.event_date, c.country_a || '-' || c.country_b AS pair, c.kind, c.title, c.meetings
FROM chosen c
JOIN top USING (country_a, country_b)
ORDER BY c.event_date, pair, c.kind;

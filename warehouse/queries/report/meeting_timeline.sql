-- Meetings per day (per week when they span more than half a year), pair and kind,
-- for the pairs that met most: a timeline stays readable and small.
-- Parameters: since (DATE or NULL), pairs (INTEGER: how many pairs).
WITH chosen AS (
    SELECT country_a, country_b, kind, event_date
    FROM meetings
    WHERE CAST($1 AS DATE) IS NULL OR event_date >= $1
),
top AS (
    SELECT country_a, country_b FROM chosen
    GROUP BY ALL
    ORDER BY count(*) DESC, country_a, country_b
    LIMIT $2
),
span AS (SELECT max(event_date) - min(event_date) > 183 AS weekly FROM chosen)
SELECT CASE WHEN span.weekly THEN CAST(date_trunc('week', c.event_date) AS DATE)
            ELSE c.event_date END AS event_date,
       span.weekly,
       c.country_a || '-' || c.country_b AS pair, c.kind, count(*) AS meetings
FROM chosen c
JOIN top USING (country_a, country_b)
CROSS JOIN span
GROUP BY ALL
ORDER BY 1, pair, c.kind;

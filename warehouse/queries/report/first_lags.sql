-- Who reports first: each republisher's lag (minutes) behind the originating agency's own copy,
-- per site and agency; negative when the republisher was earlier. Parameter: since (DATE or NULL).
WITH copies AS (
    SELECT a.story_id, a.source_id, a.agency,
           coalesce(a.published_at, a.first_seen_at) AS seen,
           coalesce(a.agency = s.agency, false) AS own
    FROM articles a
    JOIN sources s USING (source_id)
    WHERE a.agency IS NOT NULL
      AND (CAST($1 AS DATE) IS NULL OR coalesce(a.published_at, a.first_seen_at) >= $1)
),
origins AS (
    SELECT story_id, agency, min(seen) AS origin_at, any_value(source_id) AS origin_site
    FROM copies
    WHERE own
    GROUP BY ALL
),
lags AS (
    SELECT c.source_id AS site, c.agency,
           date_diff('second', o.origin_at, c.seen) / 60.0 AS lag_minutes
    FROM copies c
    JOIN origins o USING (story_id, agency)
    WHERE NOT c.own AND c.source_id <> o.origin_site
)
SELECT site, agency, count(*) AS copies,
       quantile_cont(lag_minutes, 0.5) AS median,
       quantile_cont(lag_minutes, 0.25) AS q1,
       quantile_cont(lag_minutes, 0.75) AS q3,
       min(lag_minutes) AS low,
       max(lag_minutes) AS high,
       count(*) FILTER (WHERE lag_minutes < 0) AS earlier
FROM lags
GROUP BY ALL
ORDER BY agency, median, site;

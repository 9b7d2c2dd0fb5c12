-- Distinct stories with a copy dated in each period (the denominator of attention --share). Parameters: day|week|month, since, until (NULL: open).
SELECT CAST(date_trunc($1, coalesce(published_at, first_seen_at)) AS DATE) AS period,
       count(DISTINCT story_id) AS stories
FROM articles
WHERE ($2 IS NULL OR coalesce(published_at, first_seen_at) >= $2)
  AND ($3 IS NULL OR coalesce(published_at, first_seen_at) < $3)
GROUP BY ALL
ORDER BY period;

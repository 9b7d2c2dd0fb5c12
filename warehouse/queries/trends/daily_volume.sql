-- Articles per day and source.
-- Counted straight from articles (daily_articles also splits by agency, summed away here).
SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day, source_id AS source, sum(1) AS articles
FROM articles
GROUP BY ALL
ORDER BY day, source;

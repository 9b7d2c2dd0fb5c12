-- The UTC days these articles are dated on (what the summaries group them by). Parameter: article ids (VARCHAR[]).
SELECT DISTINCT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day
FROM articles
WHERE article_id IN (SELECT unnest(?));

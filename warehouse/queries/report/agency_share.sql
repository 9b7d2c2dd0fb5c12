-- Articles per week and originating agency. Parameter: since (DATE or NULL).
SELECT date_trunc('week', day) AS week, agency, sum(articles) AS articles
FROM daily_articles
WHERE CAST($1 AS DATE) IS NULL OR day >= $1
GROUP BY ALL
ORDER BY week, agency;

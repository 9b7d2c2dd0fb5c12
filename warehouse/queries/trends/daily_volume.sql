-- Articles per day and source.
SELECT day, source, sum(articles) AS articles
FROM daily_articles
GROUP BY ALL
ORDER BY day, source;

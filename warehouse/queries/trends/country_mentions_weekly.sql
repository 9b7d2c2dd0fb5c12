-- Countries mentioned per week: articles and distinct stories.
SELECT date_trunc('week', day) AS week, country, sum(articles) AS articles, sum(stories) AS stories
FROM country_mentions_daily
GROUP BY ALL
ORDER BY week, stories DESC, country;

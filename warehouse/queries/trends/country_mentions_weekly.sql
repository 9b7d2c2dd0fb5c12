-- Countries mentioned per week: articles and distinct stories.
-- Stories are counted distinct per day and summed over the week, as country_mentions_daily does.
-- Read from summary_country_days (migration 006: per day and country, kept by the load and
-- detection), a few thousand rows instead of a join of every article with its countries.
SELECT date_trunc('week', day) AS week, country, sum(articles) AS articles, sum(stories) AS stories
FROM summary_country_days
GROUP BY ALL
ORDER BY week, stories DESC, country;

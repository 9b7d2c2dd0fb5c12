-- Articles per week by originating agency and country mentioned ("how often did Xinhua cover Belarus per week").
-- One grouping by week: a week's count is the sum of its days' counts.
SELECT date_trunc('week', CAST(coalesce(a.published_at, a.first_seen_at) AS DATE)) AS week,
       coalesce(a.agency, '(unknown)') AS agency, c.country, sum(1) AS articles
FROM articles a JOIN article_countries c USING (article_id)
GROUP BY ALL
ORDER BY week, articles DESC, agency, country;

-- Articles per week by originating agency and country mentioned ("how often did Xinhua cover Belarus per week").
SELECT date_trunc('week', day) AS week, agency, country, sum(articles) AS articles
FROM (
    SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
           coalesce(a.agency, '(unknown)') AS agency, c.country, count(*) AS articles
    FROM articles a JOIN article_countries c USING (article_id)
    GROUP BY ALL
)
GROUP BY ALL
ORDER BY week, articles DESC, agency, country;

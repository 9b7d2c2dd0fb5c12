-- Countries mentioned per week: articles and distinct stories.
-- Stories are counted distinct per day and summed over the week, as country_mentions_daily does;
-- an article mentions a country once (primary key), so articles per day are plain row counts.
-- Grouping by story first spares the two distinct counts of the view (half the CPU at 1M articles).
SELECT date_trunc('week', day) AS week, country, sum(articles) AS articles, sum(stories) AS stories
FROM (
    SELECT day, country, sum(copies) AS articles, count(story_id) AS stories
    FROM (
        SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
               c.country, a.story_id, count(*) AS copies
        FROM article_countries c JOIN articles a USING (article_id)
        GROUP BY ALL
    )
    GROUP BY ALL
)
GROUP BY ALL
ORDER BY week, stories DESC, country;

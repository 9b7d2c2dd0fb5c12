-- Articles per week by originating agency and country mentioned ("how often did Xinhua cover Belarus per week").
-- Read from summary_agency_country_days (migration 006: per day, agency and country, kept by the
-- load and detection); a week's count is the sum of its days' counts.
SELECT date_trunc('week', day) AS week, agency, country, sum(articles) AS articles
FROM summary_agency_country_days
GROUP BY ALL
ORDER BY week, articles DESC, agency, country;

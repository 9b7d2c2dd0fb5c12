-- Every day an article is dated on or a summary holds a row for: rebuilding refreshes them all.
SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day FROM articles
UNION
SELECT period FROM summary_stories WHERE unit = 'day'
UNION
SELECT day FROM summary_country_days
UNION
SELECT day FROM summary_agency_country_days;

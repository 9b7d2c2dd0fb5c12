-- Rows of each summary that differ from a recomputation (wirewatch check): both ways, so 0 when equal.
SELECT 'summary_stories' AS summary, count(*) AS rows FROM (
    (SELECT * FROM summary_stories EXCEPT ALL SELECT * FROM summary_stories_of(NULL, NULL))
    UNION ALL
    (SELECT * FROM summary_stories_of(NULL, NULL) EXCEPT ALL SELECT * FROM summary_stories)
)
UNION ALL
SELECT 'summary_country_days', count(*) FROM (
    (SELECT * FROM summary_country_days EXCEPT ALL SELECT * FROM summary_country_days_of(NULL, NULL))
    UNION ALL
    (SELECT * FROM summary_country_days_of(NULL, NULL) EXCEPT ALL SELECT * FROM summary_country_days)
)
UNION ALL
SELECT 'summary_agency_country_days', count(*) FROM (
    (SELECT * FROM summary_agency_country_days
     EXCEPT ALL SELECT * FROM summary_agency_country_days_of(NULL, NULL))
    UNION ALL
    (SELECT * FROM summary_agency_country_days_of(NULL, NULL)
     EXCEPT ALL SELECT * FROM summary_agency_country_days)
);

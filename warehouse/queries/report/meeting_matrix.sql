-- Held meetings (in person or by call) per country pair. Parameter: since (DATE or NULL).
SELECT country_a, country_b, count(*) AS meetings
FROM meetings
WHERE kind IN ('in_person', 'call')
  AND (CAST($1 AS DATE) IS NULL OR event_date >= $1)
GROUP BY ALL
ORDER BY meetings DESC, country_a, country_b;

-- Country pairs that met most, per quarter (in person and by phone).
SELECT date_trunc('quarter', event_date) AS quarter, country_a, country_b,
       count(*) AS meetings,
       count(*) FILTER (WHERE kind = 'in_person') AS in_person,
       count(*) FILTER (WHERE kind = 'call') AS calls
FROM meetings
WHERE kind IN ('in_person', 'call')
GROUP BY ALL
ORDER BY quarter, meetings DESC, country_a, country_b;

-- Every report of these meetings, with what choosing the best report needs. Parameter: meeting ids (VARCHAR[]).
-- own is 0 when the article is its originating agency's own copy; t is when it was published (or first seen).
SELECT r.*, a.first_seen_at, coalesce(a.published_at, a.first_seen_at) AS t,
       CASE WHEN a.agency IS NOT NULL AND a.agency = s.agency THEN 0 ELSE 1 END AS own
FROM meeting_reports r JOIN articles a USING (article_id)
LEFT JOIN sources s ON s.source_id = a.source_id
WHERE r.meeting_id IN (SELECT unnest(?));

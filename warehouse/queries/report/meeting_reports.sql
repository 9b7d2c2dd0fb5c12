-- Every copy that reported each meeting. Parameter: meeting ids (VARCHAR[]).
SELECT r.meeting_id, r.article_id, r.story_id, a.source_id, a.agency, a.title, a.url,
       a.published_at
FROM meeting_reports r
JOIN articles a USING (article_id)
WHERE r.meeting_id IN (SELECT unnest($1))
ORDER BY r.meeting_id, a.published_at NULLS LAST, a.source_id;

-- Every copy of the given stories, earliest first; `origin` marks the originating agency's own copy.
-- Parameter: story ids (VARCHAR[]).
SELECT a.story_id, a.article_id, a.source_id, s.publisher, a.agency, a.title, a.url,
       a.published_at, a.version, a.language,
       coalesce(a.agency = s.agency, false) AS origin
FROM articles a
LEFT JOIN sources s USING (source_id)
WHERE a.story_id IN (SELECT unnest($1))
ORDER BY a.story_id, coalesce(a.published_at, a.first_seen_at), a.source_id, a.article_id;

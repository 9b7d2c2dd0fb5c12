-- Stories without an event yet, with their first article (the story id is its id),
-- oldest first. No parameters.
SELECT s.story_id,
       a.title,
       a.text,
       coalesce(a.published_at, a.first_seen_at) AS published_at
FROM stories s
JOIN articles a ON a.article_id = s.story_id
WHERE s.story_id NOT IN (SELECT story_id FROM story_events)
ORDER BY coalesce(a.published_at, a.first_seen_at), s.story_id;

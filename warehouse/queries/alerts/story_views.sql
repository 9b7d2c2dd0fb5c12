-- New stories as story alerts show them: the best copy, its agency and date, the spread.
-- Parameter: story ids (VARCHAR[]).
SELECT s.story_id, b.title, b.url, b.agency, b.published_at, s.first_seen_at,
       s.source_count, s.article_count
FROM stories s
LEFT JOIN articles b ON b.article_id = s.best_article_id
WHERE s.story_id IN (SELECT unnest(?))
ORDER BY s.first_seen_at, s.story_id;

-- The most republished stories: how many sources carried each (the top 1,000), with their event.
-- A trend is read by a person: the top 1,000 is more than anyone reads, and at 1M articles the
-- full list was 200k rows. The top is picked from stories alone, then only those rows fetch
-- their best copy's link and event; story_id breaks ties so the cut is the same on every run.
SELECT s.story_id, s.title, s.source_count AS sources, s.article_count AS articles,
       s.first_seen_at, b.url AS best_url, e.event_id
FROM (
    SELECT story_id, title, source_count, article_count, first_seen_at, best_article_id
    FROM stories
    WHERE article_count > 1
    ORDER BY source_count DESC, article_count DESC, first_seen_at, story_id
    LIMIT 1000
) s
LEFT JOIN articles b ON b.article_id = s.best_article_id
LEFT JOIN story_events e ON e.story_id = s.story_id
ORDER BY sources DESC, articles DESC, first_seen_at, story_id;

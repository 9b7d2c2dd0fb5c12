-- Link of each matching copy and the size of its story. Parameter: article ids (VARCHAR[]).
SELECT a.article_id, a.url, s.article_count AS copies, s.source_count AS sources
FROM articles a JOIN stories s USING (story_id)
WHERE a.article_id IN (SELECT unnest(?));

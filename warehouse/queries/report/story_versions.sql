-- Every stored version of every copy of one story, with its text. Parameter: story id (VARCHAR).
SELECT v.article_id, v.version, v.title, v.text, v.updated_at, v.seen_at
FROM article_versions v
JOIN articles a USING (article_id)
WHERE a.story_id = $1
ORDER BY v.article_id, v.version;

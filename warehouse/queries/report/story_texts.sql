-- The current title and text of every copy of one story. Parameter: story id (VARCHAR).
SELECT article_id, version, title, text, last_seen_at AS seen_at
FROM articles
WHERE story_id = $1;

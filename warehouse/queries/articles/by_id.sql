-- The stored state of these articles. Parameter: article ids (VARCHAR[]).
SELECT article_id, version, content_sha256, first_seen_at, story_id, duplicate_of, source_id
FROM articles
WHERE article_id IN (SELECT unnest(?));

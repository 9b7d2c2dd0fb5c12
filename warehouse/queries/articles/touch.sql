-- Seen again, unchanged. Parameters: last_seen_at, article ids (VARCHAR[]).
UPDATE articles SET last_seen_at = ? WHERE article_id IN (SELECT unnest(?));

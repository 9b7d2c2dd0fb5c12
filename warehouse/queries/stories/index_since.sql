-- The near-duplicate index entries seen since a time. Parameter: since (TIMESTAMPTZ).
SELECT * FROM story_index WHERE seen_at >= ?;

-- How many near-duplicate index entries were last seen before a time. Parameter: before (TIMESTAMPTZ).
SELECT count(*) FROM story_index WHERE seen_at < ?;

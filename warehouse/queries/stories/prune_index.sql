-- Drop near-duplicate index entries last seen before a time. Parameter: before (TIMESTAMPTZ).
DELETE FROM story_index WHERE seen_at < ?;

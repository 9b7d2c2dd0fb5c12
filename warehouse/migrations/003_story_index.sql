-- The persisted near-duplicate index of wirewatch.dedupe.StoryIndex: one row per
-- article, written from StoryIndex.to_rows() and read back with from_rows().
-- Only the last Defaults.story_window_days of rows are loaded (by seen_at):
-- republished copies arrive within days, and older look-alikes are other events.
CREATE TABLE IF NOT EXISTS story_index (
    article_id      VARCHAR PRIMARY KEY,
    story_id        VARCHAR NOT NULL,
    duplicate_of    VARCHAR,                -- earlier article with the same canonical URL or content hash
    canonical_url   VARCHAR NOT NULL,       -- '' when the item had no URL
    content_sha256  VARCHAR NOT NULL,
    published_at    TIMESTAMPTZ,
    source          VARCHAR NOT NULL,
    sketch_version  INTEGER,                -- wirewatch.dedupe.sketch.SKETCH_VERSION; NULL: no sketch
    shingle_count   INTEGER NOT NULL,       -- distinct word 4-grams of the cleaned body
    minhash         BLOB,                   -- MINHASH_BINS little-endian uint32 (one-permutation MinHash)
    anchors         BLOB,                   -- little-endian uint64 anchor shingle hashes
    numbers         VARCHAR NOT NULL,       -- space-separated numbers in the body
    dates           VARCHAR NOT NULL,       -- space-separated MM-DD dates mentioned
    weekdays        SMALLINT NOT NULL,      -- bit i: weekday i (Monday = 0) mentioned
    dateline_city   VARCHAR,
    dateline_date   VARCHAR,                -- MM-DD
    seen_at         TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
CREATE INDEX IF NOT EXISTS story_index_seen_at ON story_index (seen_at);

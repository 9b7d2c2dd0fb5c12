-- New near-duplicate index entries. Rows: the relation batch.
INSERT OR REPLACE INTO story_index BY NAME SELECT * FROM batch;

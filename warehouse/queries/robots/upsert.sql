-- Store robots.txt answers (the newest per URL wins). Rows: the relation batch.
INSERT OR REPLACE INTO robots_cache BY NAME SELECT * FROM batch;

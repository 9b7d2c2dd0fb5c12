-- New articles and new versions of stored ones. Rows: the relation batch.
INSERT OR REPLACE INTO articles BY NAME SELECT * FROM batch;

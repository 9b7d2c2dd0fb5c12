-- Every version of every article, kept. Rows: the relation batch.
INSERT OR IGNORE INTO article_versions BY NAME SELECT * FROM batch;

-- Every URL seen for an article; the first mapping of a URL wins. Rows: the relation batch.
INSERT OR IGNORE INTO article_urls BY NAME SELECT * FROM batch;

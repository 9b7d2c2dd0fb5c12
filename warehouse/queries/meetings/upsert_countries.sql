-- The countries each article mentions. Rows: the relation batch.
INSERT OR REPLACE INTO article_countries BY NAME SELECT * FROM batch;

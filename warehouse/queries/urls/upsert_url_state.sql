-- Remember validators and whether each URL is done with. Rows: the relation batch.
INSERT OR REPLACE INTO url_state BY NAME SELECT * FROM batch;

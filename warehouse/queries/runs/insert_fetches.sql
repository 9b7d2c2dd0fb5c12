-- Store fetch attempts; one already stored (a rerun of the same batch) is kept. Rows: the relation batch.
INSERT OR IGNORE INTO fetches BY NAME SELECT * FROM batch;

-- Queue alerts; one already queued (same meeting and channel) is kept as it is. Rows: the relation batch.
INSERT OR IGNORE INTO alerts BY NAME SELECT * FROM batch;

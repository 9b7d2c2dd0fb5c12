-- Store health rows (wirewatch.health.advance). Rows: the relation batch, one per (source_id, feed).
INSERT OR REPLACE INTO source_health BY NAME SELECT * FROM batch;

-- Upsert the configured sources. Rows: the relation batch (source_id, name, publisher, language, agency).
INSERT OR REPLACE INTO sources BY NAME SELECT * FROM batch;

-- The learned per-site templates. Rows: the relation batch.
INSERT OR REPLACE INTO site_templates BY NAME SELECT * FROM batch;

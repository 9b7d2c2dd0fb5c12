-- Meetings as their best report tells them. Rows: the relation batch.
INSERT OR REPLACE INTO meetings BY NAME SELECT * FROM batch;

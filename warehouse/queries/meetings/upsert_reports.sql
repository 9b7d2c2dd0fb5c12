-- Which article reported which meeting. Rows: the relation batch.
INSERT OR REPLACE INTO meeting_reports BY NAME SELECT * FROM batch;

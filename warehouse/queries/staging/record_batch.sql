-- Record a staged batch as loaded, in the transaction that loads its rows. Parameters: batch_id, run_id, pages, records, loaded_at.
INSERT INTO staged_batches (batch_id, run_id, pages, records, loaded_at) VALUES (?, ?, ?, ?, ?);

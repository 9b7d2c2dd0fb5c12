-- Whether a staged batch is in the ledger already. Parameters: batch_id.
SELECT count(*) FROM staged_batches WHERE batch_id = ?;

-- The ledger of staged batches loaded (wirewatch.run.staging): a worker writes its
-- fetched and extracted pages as one Parquet file, and the loader records the
-- batch here in the same transaction as its rows, so a batch loaded twice (a
-- retried loader, a file left behind by a loader killed after its commit)
-- changes nothing the second time.
CREATE TABLE IF NOT EXISTS staged_batches (
    batch_id   VARCHAR PRIMARY KEY,       -- wirewatch.ids: a hash of run id and batch number
    run_id     VARCHAR NOT NULL,          -- the run whose worker staged it
    pages      INTEGER NOT NULL,          -- extracted page results in the batch
    records    INTEGER NOT NULL,          -- fetch attempts in the batch
    loaded_at  TIMESTAMPTZ NOT NULL
);

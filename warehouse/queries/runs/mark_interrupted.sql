-- Runs still marked running were killed: the caller holds the run lock, so none is alive.
UPDATE runs SET status = 'interrupted' WHERE status = 'running';

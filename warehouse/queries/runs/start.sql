-- Record a run as started. Parameters: run_id, started_at, status, sources.
INSERT OR REPLACE INTO runs (run_id, started_at, status, sources) VALUES (?, ?, ?, ?);

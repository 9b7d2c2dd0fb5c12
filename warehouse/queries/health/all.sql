-- Every source and listing health row.
SELECT source_id AS source, feed, kind, consecutive_failures, last_attempt_at, last_success_at, last_outcome,
       last_error, last_error_at, next_attempt_at, last_run_id
FROM source_health
ORDER BY source_id, feed;

-- Store a run's final counts and status. Parameters: the columns in order, the summary JSON, then run_id.
UPDATE runs SET finished_at = ?, status = ?, sources = ?, discovered = ?, skipped_known = ?,
       fetched = ?, fetch_errors = ?, extracted = ?, extract_errors = ?, articles_new = ?,
       articles_updated = ?, articles_unchanged = ?, stories_new = ?, meetings_new = ?,
       alerts_created = ?, alerts_sent = ?, alerts_failed = ?, summary = ?
WHERE run_id = ?;

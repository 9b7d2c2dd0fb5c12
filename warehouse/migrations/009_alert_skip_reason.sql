-- An alert a rule matched on an item older than the rule's max_age_days (alerts.yaml) is
-- recorded with status 'skipped' and says why here; it is never sent, and a rerun finds it
-- recorded and does not queue it again. Numbered 009: 006 to 008 are other branches'.
ALTER TABLE alerts ADD COLUMN skip_reason VARCHAR;

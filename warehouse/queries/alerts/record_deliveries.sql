-- Write delivery outcomes back to the outbox. Rows: the relation batch
-- (alert_id, status, attempts, sent_at, last_error, next_attempt_at).
UPDATE alerts SET status = d.status, attempts = d.attempts,
       sent_at = coalesce(d.sent_at, alerts.sent_at),
       last_error = d.last_error, next_attempt_at = d.next_attempt_at
FROM batch d
WHERE alerts.alert_id = d.alert_id;

-- How many alerts the outbox holds: to send or sent (queued), and recorded as skipped.
SELECT count(*) FILTER (WHERE status <> 'skipped') AS queued,
       count(*) FILTER (WHERE status = 'skipped') AS skipped
FROM alerts;

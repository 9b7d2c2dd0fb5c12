-- How many alerts wait to be sent (pending) and how many were given up on (failed).
SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) FILTER (WHERE status = 'failed') AS failed
FROM alerts;

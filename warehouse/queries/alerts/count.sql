-- How many alerts the outbox holds.
SELECT count(*) FROM alerts;

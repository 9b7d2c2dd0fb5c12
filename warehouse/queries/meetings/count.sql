-- How many meetings the warehouse holds.
SELECT count(*) FROM meetings;

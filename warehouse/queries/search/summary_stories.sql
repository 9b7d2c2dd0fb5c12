-- Distinct stories with a copy dated in each whole period, from summary_stories (migration 006). Parameters: day|week|month, first period start, end (period starts before it; NULL: open).
SELECT period, stories
FROM summary_stories
WHERE unit = $1 AND ($2 IS NULL OR period >= $2) AND ($3 IS NULL OR period < $3)
ORDER BY period;

-- Recompute summary_stories for these periods (after clear_stories). Parameters: day, week and
-- month starts (DATE[] each), then the time range [lo, hi) that covers every one of them.
INSERT INTO summary_stories
SELECT * FROM summary_stories_of($4, $5)
WHERE (unit = 'day' AND period IN (SELECT unnest($1)))
   OR (unit = 'week' AND period IN (SELECT unnest($2)))
   OR (unit = 'month' AND period IN (SELECT unnest($3)));

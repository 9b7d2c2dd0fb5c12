-- Drop the summary_stories rows of these periods. Parameters: day, week and month starts (DATE[] each).
DELETE FROM summary_stories
WHERE (unit = 'day' AND period IN (SELECT unnest($1)))
   OR (unit = 'week' AND period IN (SELECT unnest($2)))
   OR (unit = 'month' AND period IN (SELECT unnest($3)));

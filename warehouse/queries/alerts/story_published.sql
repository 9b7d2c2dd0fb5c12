-- When each story was first published: its earliest copy's date (rules' max_age_days).
-- Parameter: story ids (VARCHAR[]).
SELECT story_id, min(published_at) AS published_at
FROM articles
WHERE story_id IN (SELECT unnest(?))
GROUP BY story_id;

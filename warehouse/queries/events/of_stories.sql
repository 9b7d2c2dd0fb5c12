-- The stored event rows of some stories. Parameter: story ids (VARCHAR[]).
SELECT story_id, event_id, published_at, terms, weights
FROM story_events
WHERE story_id IN (SELECT unnest(?))
ORDER BY story_id;

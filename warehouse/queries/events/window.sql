-- The stored stories of every event that lies wholly within a time window [start, end]
-- (new stories' times widened by the event gap: the only events they may join). An
-- event spans at most the gap, so only rows within a gap of the window need reading.
-- Parameters: start - gap, end + gap, start, end (TIMESTAMPTZ).
WITH near AS (
    SELECT * FROM story_events WHERE published_at BETWEEN ? AND ?
),
reachable AS (
    SELECT event_id
    FROM near
    GROUP BY event_id
    HAVING min(published_at) >= ? AND max(published_at) <= ?
)
SELECT story_id, event_id, published_at, terms, weights
FROM near
WHERE event_id IN (SELECT event_id FROM reachable)
ORDER BY story_id;

-- Per source: when its newest article was first seen, and its usual gap between new articles
-- (seconds) over the articles first seen in the last ? days. Parameters: now, days.
SELECT source_id,
       max(first_seen_at) AS last_new_article,
       count(*) AS articles,
       CASE WHEN count(*) > 1
            THEN epoch(max(first_seen_at)) - epoch(min(first_seen_at)) END / (count(*) - 1) AS usual_gap_s
FROM articles
WHERE first_seen_at >= CAST(? AS TIMESTAMPTZ) - to_days(CAST(? AS INTEGER))
GROUP BY source_id;

-- robots.txt answers fetched since a time. Parameters: the oldest fetched_at still fresh.
SELECT robots_url, status_code, body, fetched_at FROM robots_cache WHERE fetched_at >= ?;

-- Articles already stored with this text, per source. Parameter: content hashes (VARCHAR[]).
SELECT content_sha256, source_id, min(article_id) AS article_id
FROM articles
WHERE content_sha256 IN (SELECT unnest(?))
GROUP BY ALL;

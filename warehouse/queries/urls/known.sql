-- What the warehouse remembers about the URLs of some sources. Parameter: source ids (VARCHAR[]).
SELECT url, etag, last_modified, source_updated, loaded
FROM url_state
WHERE source_id IN (SELECT unnest(?));

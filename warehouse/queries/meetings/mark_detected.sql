-- Record the version detection ran on. Rows: the relation batch (article_id, version).
UPDATE articles SET detected_version = s.version
FROM batch s
WHERE articles.article_id = s.article_id;

-- Every stored version, with its text, of the given copies (those past version 1).
-- Parameter: article ids (VARCHAR[]).
SELECT article_id, version, title, text, updated_at, seen_at
FROM article_versions
WHERE article_id IN (SELECT unnest($1))
ORDER BY article_id, version;

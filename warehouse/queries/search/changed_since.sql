-- Articles with a version loaded at or after a moment (their text, and the countries detected in it, may be new). Parameter: the moment.
SELECT DISTINCT article_id FROM article_versions WHERE seen_at >= ? ORDER BY article_id;

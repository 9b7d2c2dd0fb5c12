-- The current version of every article: what the search index must hold.
SELECT article_id, version FROM articles;

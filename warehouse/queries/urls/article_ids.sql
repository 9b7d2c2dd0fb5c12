-- The article each of these URLs already maps to. Parameter: urls (VARCHAR[]).
SELECT url, article_id FROM article_urls WHERE url IN (SELECT unnest(?));

-- Forget the countries these articles mention (detection runs again on them). Parameter: article ids (VARCHAR[]).
DELETE FROM article_countries WHERE article_id IN (SELECT unnest(?));

-- The meetings these articles reported so far. Parameter: article ids (VARCHAR[]).
SELECT meeting_id FROM meeting_reports WHERE article_id IN (SELECT unnest(?));

-- Forget what these articles reported (detection runs again on them). Parameter: article ids (VARCHAR[]).
DELETE FROM meeting_reports WHERE article_id IN (SELECT unnest(?));

-- Trend views. Recreated on every migrate, so editing
-- this file is enough to change a view.

CREATE OR REPLACE VIEW daily_articles AS
SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day,
       source_id AS source,
       coalesce(agency, '(unknown)') AS agency,
       count(*) AS articles
FROM articles
GROUP BY ALL;

CREATE OR REPLACE VIEW country_mentions_daily AS
SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
       c.country,
       count(DISTINCT a.article_id) AS articles,
       count(DISTINCT a.story_id) AS stories
FROM article_countries c
JOIN articles a USING (article_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW meeting_pairs_monthly AS
SELECT date_trunc('month', event_date) AS month,
       country_a,
       country_b,
       count(*) AS meetings
FROM meetings
WHERE kind IN ('in_person', 'call')
GROUP BY ALL;

CREATE OR REPLACE VIEW story_coverage AS
SELECT s.story_id,
       s.title,
       s.source_count AS sources,
       s.article_count AS articles,
       s.first_seen_at,
       s.last_seen_at,
       b.url AS best_url,
       b.agency AS best_agency,
       e.event_id
FROM stories s
LEFT JOIN story_events e ON e.story_id = s.story_id
LEFT JOIN articles b ON b.article_id = s.best_article_id;

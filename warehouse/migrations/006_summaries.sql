-- Small summaries that the weekly trends and attention --share read instead of a
-- million articles. Each is a pure function of articles and article_countries,
-- defined once below as a table macro over a time range [lo, hi) of
-- coalesce(published_at, first_seen_at) (NULL: open). The transaction that writes
-- their inputs (the load: articles; detection: article_countries) recomputes the
-- days it touched (warehouse/queries/summary/), so a killed run leaves them exact;
-- `wirewatch check` compares them with the macros, `wirewatch reindex` rebuilds them.
-- Days are UTC dates (every connection sets TimeZone UTC); weeks start on Monday.

-- Distinct stories with a copy dated in each day, week and month.
CREATE TABLE IF NOT EXISTS summary_stories (
    unit     VARCHAR NOT NULL,   -- day, week or month
    period   DATE NOT NULL,      -- the first day of the period
    stories  BIGINT NOT NULL,
    PRIMARY KEY (unit, period)
);

-- Per day and country mentioned: articles, and distinct stories (country_mentions_weekly).
CREATE TABLE IF NOT EXISTS summary_country_days (
    day       DATE NOT NULL,
    country   VARCHAR NOT NULL,
    articles  BIGINT NOT NULL,
    stories   BIGINT NOT NULL,
    PRIMARY KEY (day, country)
);

-- Per day, originating agency ('(unknown)' when none) and country mentioned: articles
-- (agency_country_weekly).
CREATE TABLE IF NOT EXISTS summary_agency_country_days (
    day       DATE NOT NULL,
    agency    VARCHAR NOT NULL,
    country   VARCHAR NOT NULL,
    articles  BIGINT NOT NULL,
    PRIMARY KEY (day, agency, country)
);

CREATE OR REPLACE MACRO summary_stories_of(lo, hi) AS TABLE
WITH dated AS (
    SELECT CAST(coalesce(published_at, first_seen_at) AS DATE) AS day, story_id
    FROM articles
    WHERE (lo IS NULL OR coalesce(published_at, first_seen_at) >= lo)
      AND (hi IS NULL OR coalesce(published_at, first_seen_at) < hi)
)
SELECT 'day' AS unit, day AS period, count(DISTINCT story_id) AS stories FROM dated GROUP BY day
UNION ALL
SELECT 'week', CAST(date_trunc('week', day) AS DATE), count(DISTINCT story_id) FROM dated GROUP BY 2
UNION ALL
SELECT 'month', CAST(date_trunc('month', day) AS DATE), count(DISTINCT story_id) FROM dated GROUP BY 2;

CREATE OR REPLACE MACRO summary_country_days_of(lo, hi) AS TABLE
SELECT day, country, count(*) AS articles, count(DISTINCT story_id) AS stories
FROM (
    SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day, c.country, a.story_id
    FROM articles a JOIN article_countries c USING (article_id)
    WHERE (lo IS NULL OR coalesce(a.published_at, a.first_seen_at) >= lo)
      AND (hi IS NULL OR coalesce(a.published_at, a.first_seen_at) < hi)
)
GROUP BY day, country;

CREATE OR REPLACE MACRO summary_agency_country_days_of(lo, hi) AS TABLE
SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
       coalesce(a.agency, '(unknown)') AS agency, c.country, count(*) AS articles
FROM articles a JOIN article_countries c USING (article_id)
WHERE (lo IS NULL OR coalesce(a.published_at, a.first_seen_at) >= lo)
  AND (hi IS NULL OR coalesce(a.published_at, a.first_seen_at) < hi)
GROUP BY ALL;

INSERT INTO summary_stories SELECT * FROM summary_stories_of(NULL, NULL);
INSERT INTO summary_country_days SELECT * FROM summary_country_days_of(NULL, NULL);
INSERT INTO summary_agency_country_days SELECT * FROM summary_agency_country_days_of(NULL, NULL);

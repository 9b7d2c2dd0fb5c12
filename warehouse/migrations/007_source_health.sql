-- Source health across runs (wirewatch.health): one row per source (feed = '') and one per
-- listing URL (feed, sitemap or section, credentials masked). Written by the load step in the
-- transaction that stores the listing fetches it is computed from, so it commits with them.
CREATE TABLE source_health (
    source_id             VARCHAR NOT NULL,
    feed                  VARCHAR NOT NULL,       -- '' for the source as a whole
    kind                  VARCHAR NOT NULL,       -- source, feed, sitemap or section
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    last_attempt_at       TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    last_outcome          VARCHAR,                -- fetches.outcome of the last attempt
    last_error            VARCHAR,                -- kept after a recovery: what went wrong last
    last_error_at         TIMESTAMPTZ,
    next_attempt_at       TIMESTAMPTZ,            -- a run starting earlier leaves the listing alone
    last_run_id           VARCHAR,                -- the run whose observation is in (applied once)
    PRIMARY KEY (source_id, feed)
);

-- robots.txt answers reused across runs for robots_ttl_seconds (config/defaults.yaml).
-- Only answers that decide something are kept: a body (rules) or a 4xx (no robots.txt,
-- all allowed); a robots.txt that failed is asked again by the next run.
CREATE TABLE robots_cache (
    robots_url   VARCHAR PRIMARY KEY,             -- scheme://host[:port]/robots.txt
    status_code  INTEGER NOT NULL,
    body         VARCHAR,                         -- NULL for a 4xx
    fetched_at   TIMESTAMPTZ NOT NULL
);

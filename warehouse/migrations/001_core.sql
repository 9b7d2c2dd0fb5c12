-- The core tables (runs, fetches, urls, articles, versions, stories, meetings,
-- alerts). Ids are deterministic hashes so that a rerun after a crash converges on the same rows.

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY,      -- the source's name in sources.yaml
    name        VARCHAR NOT NULL,
    publisher   VARCHAR,
    language    VARCHAR,
    agency      VARCHAR                   -- set when the source is itself an originating agency
);

CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    status              VARCHAR NOT NULL,  -- running, completed, failed
    sources             INTEGER DEFAULT 0,
    discovered          INTEGER DEFAULT 0,
    skipped_known       INTEGER DEFAULT 0,
    fetched             INTEGER DEFAULT 0,
    fetch_errors        INTEGER DEFAULT 0,
    extracted           INTEGER DEFAULT 0,
    extract_errors      INTEGER DEFAULT 0,
    articles_new        INTEGER DEFAULT 0,
    articles_updated    INTEGER DEFAULT 0,
    articles_unchanged  INTEGER DEFAULT 0,
    stories_new         INTEGER DEFAULT 0,
    meetings_new        INTEGER DEFAULT 0,
    alerts_created      INTEGER DEFAULT 0,
    alerts_sent         INTEGER DEFAULT 0,
    alerts_failed       INTEGER DEFAULT 0,
    summary             JSON               -- the full RunSummary, outcomes included
);

CREATE TABLE fetches (
    fetch_id        VARCHAR PRIMARY KEY,
    run_id          VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    status_code     INTEGER,
    outcome         VARCHAR NOT NULL,
    error           VARCHAR,
    bytes           BIGINT,
    content_sha256  VARCHAR,
    kind            VARCHAR,               -- article, feed, sitemap, section, robots
    final_url       VARCHAR
);

-- What we remember about every URL we fetched: conditional-GET validators and
-- whether it is done with (loaded, or failed for good at this version).
CREATE TABLE url_state (
    url             VARCHAR PRIMARY KEY,
    source_id       VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    etag            VARCHAR,
    last_modified   VARCHAR,
    source_updated  TIMESTAMPTZ,
    loaded          BOOLEAN NOT NULL DEFAULT false,
    article_id      VARCHAR,
    last_outcome    VARCHAR,
    last_fetched_at TIMESTAMPTZ
);

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,  -- hash of canonical_url
    source_id         VARCHAR NOT NULL,
    url               VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    site              VARCHAR,
    title             VARCHAR,
    text              VARCHAR,
    caption           VARCHAR,
    agency            VARCHAR,
    dateline          VARCHAR,
    published_at      TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ,
    language          VARCHAR,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    last_seen_at      TIMESTAMPTZ NOT NULL,
    version           INTEGER NOT NULL,
    content_sha256    VARCHAR NOT NULL,
    story_id          VARCHAR NOT NULL,
    duplicate_of      VARCHAR,               -- an earlier article with the same content
    detected_version  INTEGER                -- the version meeting detection last ran on
);

CREATE TABLE article_versions (
    article_id      VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    title           VARCHAR,
    text            VARCHAR,
    updated_at      TIMESTAMPTZ,
    seen_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_urls (
    url            VARCHAR PRIMARY KEY,      -- every URL seen for an article
    article_id     VARCHAR NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE stories (
    story_id         VARCHAR PRIMARY KEY,
    title            VARCHAR,
    first_seen_at    TIMESTAMPTZ NOT NULL,
    last_seen_at     TIMESTAMPTZ NOT NULL,
    article_count    INTEGER NOT NULL,
    source_count     INTEGER NOT NULL,
    best_article_id  VARCHAR                 -- earliest copy, originating agency first
);

CREATE TABLE article_countries (
    article_id  VARCHAR NOT NULL,
    country     VARCHAR NOT NULL,            -- ISO 3166-1 alpha-2
    PRIMARY KEY (article_id, country)
);

CREATE TABLE meetings (
    meeting_id       VARCHAR PRIMARY KEY,    -- hash of (country_a, country_b, event_date)
    story_id         VARCHAR NOT NULL,       -- the story of the best report
    country_a        VARCHAR NOT NULL,
    country_b        VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,       -- in_person, call, announced
    event_date       DATE NOT NULL,
    location         VARCHAR,
    participants     VARCHAR[],
    confidence       DOUBLE NOT NULL,
    first_seen_at    TIMESTAMPTZ NOT NULL,
    best_article_id  VARCHAR,
    CHECK (country_a < country_b)
);

-- Which articles (and so stories) reported which meeting.
CREATE TABLE meeting_reports (
    meeting_id   VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL,
    story_id     VARCHAR NOT NULL,
    country_a    VARCHAR NOT NULL,
    country_b    VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    event_date   DATE NOT NULL,
    location     VARCHAR,
    participants VARCHAR[],
    confidence   DOUBLE NOT NULL,
    PRIMARY KEY (meeting_id, article_id)
);

CREATE TABLE alerts (
    alert_id         VARCHAR PRIMARY KEY,    -- hash of (meeting_id, channel)
    meeting_id       VARCHAR NOT NULL,
    channel          VARCHAR NOT NULL,
    rule             VARCHAR,
    status           VARCHAR NOT NULL,       -- pending, sent, failed (gave up after max attempts)
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ,
    last_error       VARCHAR,
    next_attempt_at  TIMESTAMPTZ
);

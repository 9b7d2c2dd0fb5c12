-- Boilerplate learned per publishing host (wirewatch.extract.BoilerplateModel).
-- One row per (host, line) with the number of distinct pages of that host the
-- line appeared on; the row with line_hash = '' holds the host's page count.
-- Load: SELECT host, line_hash, line, pages, is_template, last_seen_at FROM site_templates
--       -> BoilerplateModel.from_rows(rows)
-- Save: BoilerplateModel.to_rows() -> INSERT ... ON CONFLICT (host, line_hash) DO UPDATE
CREATE TABLE IF NOT EXISTS site_templates (
    host          VARCHAR     NOT NULL,
    line_hash     VARCHAR     NOT NULL,  -- blake2b of the case- and space-folded line; '' = host row
    line          VARCHAR,               -- the line as first seen (NULL on the host row)
    pages         INTEGER     NOT NULL,  -- distinct pages of the host with this line (host row: all pages)
    is_template   BOOLEAN     NOT NULL DEFAULT FALSE,  -- sticky: learned as template
    last_seen_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (host, line_hash)
);

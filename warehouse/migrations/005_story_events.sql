-- Each story's event (wirewatch.dedupe.EventIndex): independent write-ups of one
-- happening share an event_id. One row per story, written when the story is
-- first loaded and never changed, so an event id is stable across runs. The
-- terms are what later stories are compared with (EventIndex.to_rows/from_rows).
CREATE TABLE IF NOT EXISTS story_events (
    story_id      VARCHAR PRIMARY KEY,
    event_id      VARCHAR NOT NULL,       -- wirewatch.ids.event_id_for(the event's first story)
    published_at  TIMESTAMPTZ,            -- the story's first article (first seen when undated)
    terms         VARCHAR[] NOT NULL,     -- the story's weighted words (wirewatch.dedupe.story_terms)
    weights       DOUBLE[] NOT NULL
);
CREATE INDEX IF NOT EXISTS story_events_event ON story_events (event_id);
CREATE INDEX IF NOT EXISTS story_events_published ON story_events (published_at);

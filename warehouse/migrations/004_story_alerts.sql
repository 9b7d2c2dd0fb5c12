-- Story alerts share the outbox with meeting alerts: a new story matching a saved
-- query (queries.yaml) named by a `kind: story` rule (alerts.yaml) queues one row per
-- story and channel, with kind 'story', its story_id and the saved query's name.
-- alert_id is then a hash of (story_id, channel); meeting rows keep theirs.
ALTER TABLE alerts ALTER COLUMN meeting_id DROP NOT NULL;
ALTER TABLE alerts ADD COLUMN kind VARCHAR DEFAULT 'meeting';   -- meeting or story
ALTER TABLE alerts ADD COLUMN story_id VARCHAR;                 -- kind story: the story
ALTER TABLE alerts ADD COLUMN query VARCHAR;                    -- kind story: the saved query's name

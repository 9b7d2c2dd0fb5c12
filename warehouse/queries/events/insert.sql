-- New story events; a story that has one keeps it (ids never change). Rows: the relation batch.
INSERT INTO story_events BY NAME SELECT * FROM batch ON CONFLICT (story_id) DO NOTHING;

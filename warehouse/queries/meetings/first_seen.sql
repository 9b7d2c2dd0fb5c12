-- When these meetings were first seen. Parameter: meeting ids (VARCHAR[]).
SELECT meeting_id, first_seen_at FROM meetings WHERE meeting_id IN (SELECT unnest(?));

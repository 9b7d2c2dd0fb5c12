-- Drop the unsent alerts of these meetings (they are going); sent ones stay on record. Parameter: meeting ids (VARCHAR[]).
DELETE FROM alerts WHERE meeting_id IN (SELECT unnest(?)) AND status <> 'sent';

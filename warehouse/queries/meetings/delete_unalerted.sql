-- Drop meetings no article reports any more, unless an alert went out for them. Parameter: meeting ids (VARCHAR[]).
DELETE FROM meetings
WHERE meeting_id IN (SELECT unnest(?))
  AND meeting_id NOT IN (SELECT meeting_id FROM alerts);

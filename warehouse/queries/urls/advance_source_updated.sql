-- A page that answered 304 after its listing said it changed: keep its validators, remember
-- the listing's date so later runs skip it until the date moves again. Rows: the relation batch.
UPDATE url_state
SET source_updated = b.source_updated
FROM batch b
WHERE url_state.url = b.url
  AND (url_state.source_updated IS NULL OR b.source_updated > url_state.source_updated);

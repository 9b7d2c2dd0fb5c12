-- Every registered source, in name order.
SELECT source_id FROM sources ORDER BY source_id;

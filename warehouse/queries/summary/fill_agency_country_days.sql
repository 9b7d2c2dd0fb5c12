-- Recompute summary_agency_country_days for these days (after clearing them). Parameters: days (DATE[]), the range [lo, hi) covering them.
INSERT INTO summary_agency_country_days
SELECT * FROM summary_agency_country_days_of($2, $3) WHERE day IN (SELECT unnest($1));

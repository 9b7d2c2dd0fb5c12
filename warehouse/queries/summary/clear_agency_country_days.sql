-- Drop summary_agency_country_days rows of these days. Parameter: days (DATE[]).
DELETE FROM summary_agency_country_days WHERE day IN (SELECT unnest($1));

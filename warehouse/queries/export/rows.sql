-- Every row of one table or view, by name (a bound parameter, never spliced). Parameter: name (VARCHAR).
SELECT * FROM query_table(?);

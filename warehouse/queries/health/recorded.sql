-- 1 when the warehouse has the source_health table (migration 007), else 0.
SELECT count(*) FROM duckdb_tables() WHERE table_name = 'source_health';

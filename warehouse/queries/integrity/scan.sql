-- Read every value of one table, so DuckDB verifies the checksum of each of its blocks.
-- A hash of each column: count(*) or min/max could be answered from statistics without reading.
SELECT bit_xor(hash(COLUMNS(*))) FROM query_table(?);

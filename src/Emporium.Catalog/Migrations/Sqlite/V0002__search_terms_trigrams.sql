-- PostgreSQL adds a pg_trgm index on the search vocabulary in this version (ADR 0012). SQLite has no
-- trigram index: typo correction keeps looking up each one-edit variant by primary key, which gives
-- the same neighbours. Nothing to change here; the script keeps both engines' versions in step.
SELECT 1;

-- Typo correction finds an unknown word's one-edit neighbours in the vocabulary through a trigram index
-- instead of looking up each of its one-edit variants by key (ADR 0012). pg_trgm ships with PostgreSQL
-- (contrib) and is a trusted extension: the database owner may create it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX ix_catalog_search_terms_trgm ON catalog_search_terms USING gin (term gin_trgm_ops);

-- The ASP.NET Core Data Protection key ring behind sign-in cookies, bearer tokens and flash-sale purchase
-- tokens. The embedded deployment keeps its keys in {DataDirectory}/keys and does not use this table
-- (ADR 0010); it exists on both engines so the schema is the same and the repository works on either.
-- One row per XML element the key manager stores: a key ('key-{guid}') or a revocation.

CREATE TABLE accounts_data_protection_keys (
    -- the name the key manager gives the element, unique: storing one name twice keeps the first
    friendly_name TEXT    NOT NULL PRIMARY KEY,
    -- the element as the key manager wrote it (the key material inside is not encrypted at rest)
    xml           TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

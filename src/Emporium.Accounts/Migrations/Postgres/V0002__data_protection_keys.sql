-- The ASP.NET Core Data Protection key ring behind sign-in cookies, bearer tokens and flash-sale purchase
-- tokens, shared by every instance of a scale-out deployment (ADR 0010). One row per XML element the key
-- manager stores: a key ('key-{guid}') or a revocation. Rows are only added: an expired key stays so
-- that what it protected can still be read until that expires too.

CREATE TABLE accounts_data_protection_keys (
    -- the name the key manager gives the element, unique: storing one name twice keeps the first
    friendly_name text   NOT NULL PRIMARY KEY,
    -- the element as the key manager wrote it (the key material inside is not encrypted at rest)
    xml           text   NOT NULL,
    created_at    bigint NOT NULL
);

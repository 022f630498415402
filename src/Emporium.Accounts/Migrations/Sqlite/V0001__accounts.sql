-- Accounts: users, their roles and their addresses. Ids are opaque text ('usr_…', 'adr_…').
-- Timestamps are Unix milliseconds (UTC), as in every module.

CREATE TABLE accounts_users (
    id               TEXT    NOT NULL PRIMARY KEY,
    -- as the user typed it (trimmed), for display and mail
    email            TEXT    NOT NULL,
    -- trimmed, Unicode-normalised, lower-case: uniqueness is case-insensitive on both engines
    email_normalized TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    -- ASP.NET Core Identity's PasswordHasher format (PBKDF2, salt and parameters inside)
    password_hash    TEXT    NOT NULL,
    created_at       INTEGER NOT NULL
);

CREATE TABLE accounts_user_roles (
    user_id TEXT NOT NULL REFERENCES accounts_users (id),
    role    TEXT NOT NULL CHECK (role IN ('customer', 'seller', 'admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE accounts_addresses (
    id          TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES accounts_users (id),
    name        TEXT    NOT NULL,
    line1       TEXT    NOT NULL,
    line2       TEXT,
    city        TEXT    NOT NULL,
    region      TEXT,
    postal_code TEXT    NOT NULL,
    -- ISO 3166-1 alpha-2
    country     TEXT    NOT NULL CHECK (length(country) = 2),
    created_at  INTEGER NOT NULL
);

CREATE INDEX ix_accounts_addresses_user ON accounts_addresses (user_id, created_at);

-- Accounts: users, their roles and their addresses. Ids are opaque text ('usr_…', 'adr_…').
-- Timestamps are Unix milliseconds (UTC), as in every module.

CREATE TABLE accounts_users (
    id               text   NOT NULL PRIMARY KEY,
    -- as the user typed it (trimmed), for display and mail
    email            text   NOT NULL,
    -- trimmed, Unicode-normalised, lower-case: uniqueness is case-insensitive on both engines
    email_normalized text   NOT NULL UNIQUE,
    name             text   NOT NULL,
    -- ASP.NET Core Identity's PasswordHasher format (PBKDF2, salt and parameters inside)
    password_hash    text   NOT NULL,
    created_at       bigint NOT NULL
);

CREATE TABLE accounts_user_roles (
    user_id text NOT NULL REFERENCES accounts_users (id),
    role    text NOT NULL CHECK (role IN ('customer', 'seller', 'admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE accounts_addresses (
    id          text   NOT NULL PRIMARY KEY,
    user_id     text   NOT NULL REFERENCES accounts_users (id),
    name        text   NOT NULL,
    line1       text   NOT NULL,
    line2       text,
    city        text   NOT NULL,
    region      text,
    postal_code text   NOT NULL,
    -- ISO 3166-1 alpha-2
    country     text   NOT NULL CHECK (length(country) = 2),
    created_at  bigint NOT NULL
);

CREATE INDEX ix_accounts_addresses_user ON accounts_addresses (user_id, created_at);

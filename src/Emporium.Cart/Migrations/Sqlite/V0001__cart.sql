-- Carts: a guest's (known by the cart id in its cookie or X-Cart-Id header) or a signed-in user's.
-- Timestamps are Unix milliseconds (UTC) so both engines sort and compare them the same way.
-- SKU ids are the catalog's opaque ids: no foreign key across modules.

CREATE TABLE cart_carts (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_kind TEXT    NOT NULL CHECK (owner_kind IN ('guest', 'user')),
    -- the cart id itself for a guest, the user id for a user
    owner_id   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

-- One cart per owner: concurrent first writes for one user meet here (INSERT … ON CONFLICT).
CREATE UNIQUE INDEX ux_cart_carts_owner ON cart_carts (owner_kind, owner_id);
CREATE INDEX ix_cart_carts_expires_at ON cart_carts (expires_at);

CREATE TABLE cart_lines (
    cart_id           TEXT    NOT NULL REFERENCES cart_carts (id) ON DELETE CASCADE,
    sku_id            TEXT    NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    -- the unit price when the line was added, to point out a change since
    unit_price_amount INTEGER NOT NULL CHECK (unit_price_amount >= 0),
    currency          TEXT    NOT NULL,
    added_at          INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (cart_id, sku_id)
);

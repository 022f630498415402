-- Carts: a guest's (known by the cart id in its cookie or X-Cart-Id header) or a signed-in user's.
-- Timestamps are Unix milliseconds (UTC) so both engines sort and compare them the same way.
-- SKU ids are the catalog's opaque ids: no foreign key across modules.

CREATE TABLE cart_carts (
    id         text   NOT NULL PRIMARY KEY,
    owner_kind text   NOT NULL CHECK (owner_kind IN ('guest', 'user')),
    -- the cart id itself for a guest, the user id for a user
    owner_id   text   NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    expires_at bigint NOT NULL
);

-- One cart per owner: concurrent first writes for one user meet here (INSERT … ON CONFLICT).
CREATE UNIQUE INDEX ux_cart_carts_owner ON cart_carts (owner_kind, owner_id);
CREATE INDEX ix_cart_carts_expires_at ON cart_carts (expires_at);

CREATE TABLE cart_lines (
    cart_id           text    NOT NULL REFERENCES cart_carts (id) ON DELETE CASCADE,
    sku_id            text    NOT NULL,
    quantity          integer NOT NULL CHECK (quantity > 0),
    -- the unit price when the line was added, to point out a change since
    unit_price_amount bigint  NOT NULL CHECK (unit_price_amount >= 0),
    currency          text    NOT NULL,
    added_at          bigint  NOT NULL,
    updated_at        bigint  NOT NULL,
    PRIMARY KEY (cart_id, sku_id)
);

-- Orders: each order is an append-only stream of events (orders_events); orders_orders is the
-- projection of that stream that queries read (its status is the fold of the events, its version the
-- number of events), with the order's lines beside it. Every change appends its events, updates the
-- projection and enqueues its integration events in one transaction.
-- Timestamps are Unix milliseconds (UTC); money is integer minor units of the order's currency.
-- User, SKU, product, seller, payment and reservation ids belong to other modules: no foreign keys.

CREATE TABLE orders_orders (
    order_id         TEXT    NOT NULL PRIMARY KEY,
    user_id          TEXT    NOT NULL,
    -- one order per checkout: a retried checkout finds its order instead of making a second
    checkout_id      TEXT    NOT NULL UNIQUE,
    status           TEXT    NOT NULL CHECK (status IN ('placed', 'paid', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
    currency         TEXT    NOT NULL CHECK (length(currency) = 3),
    subtotal         INTEGER NOT NULL CHECK (subtotal >= 0),
    shipping         INTEGER NOT NULL CHECK (shipping >= 0),
    tax              INTEGER NOT NULL CHECK (tax >= 0),
    total            INTEGER NOT NULL,
    -- JSON: name, line1, line2, city, region, postalCode, country, phone
    shipping_address TEXT    NOT NULL,
    payment_id       TEXT    NOT NULL,
    reservation_id   TEXT    NOT NULL,
    -- a fingerprint of the placing request: placing the same order id again must ask for the same
    request          TEXT    NOT NULL,
    placed_at        INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    -- the number of events: a change expects the version it read (UPDATE … WHERE version = @expected)
    version          INTEGER NOT NULL CHECK (version >= 1),
    CONSTRAINT ck_orders_orders_total CHECK (total = subtotal + shipping + tax)
);

-- A buyer's orders, newest first.
CREATE INDEX ix_orders_orders_user ON orders_orders (user_id, placed_at DESC, order_id DESC);

CREATE TABLE orders_lines (
    order_id    TEXT    NOT NULL REFERENCES orders_orders (order_id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    sku_id      TEXT    NOT NULL,
    product_id  TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    seller_id   TEXT    NOT NULL,
    -- JSON object: the variant's attributes (size, colour) as they were when ordered
    attributes  TEXT    NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    line_total  INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT ck_orders_lines_total CHECK (line_total = unit_price * quantity)
);

-- The log. (order_id, seq) is the key, so two writers that both read version n cannot both append n + 1.
CREATE TABLE orders_events (
    order_id    TEXT    NOT NULL REFERENCES orders_orders (order_id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    type        TEXT    NOT NULL CHECK (type IN ('placed', 'paid', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
    -- JSON: the event's own fields (carrier and tracking number, reason, the placed order's summary)
    payload     TEXT    NOT NULL,
    -- a user id, 'checkout', 'system', or 'staff:' and a staff user id
    actor       TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    PRIMARY KEY (order_id, seq)
);

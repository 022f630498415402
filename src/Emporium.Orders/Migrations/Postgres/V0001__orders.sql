-- Orders: each order is an append-only stream of events (orders_events); orders_orders is the
-- projection of that stream that queries read (its status is the fold of the events, its version the
-- number of events), with the order's lines beside it. Every change appends its events, updates the
-- projection and enqueues its integration events in one transaction.
-- Timestamps are Unix milliseconds (UTC); money is integer minor units of the order's currency.
-- User, SKU, product, seller, payment and reservation ids belong to other modules: no foreign keys.

CREATE TABLE orders_orders (
    order_id         text    NOT NULL PRIMARY KEY,
    user_id          text    NOT NULL,
    -- one order per checkout: a retried checkout finds its order instead of making a second
    checkout_id      text    NOT NULL UNIQUE,
    status           text    NOT NULL CHECK (status IN ('placed', 'paid', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
    currency         text    NOT NULL CHECK (length(currency) = 3),
    subtotal         bigint  NOT NULL CHECK (subtotal >= 0),
    shipping         bigint  NOT NULL CHECK (shipping >= 0),
    tax              bigint  NOT NULL CHECK (tax >= 0),
    total            bigint  NOT NULL,
    -- JSON: name, line1, line2, city, region, postalCode, country, phone
    shipping_address text    NOT NULL,
    payment_id       text    NOT NULL,
    reservation_id   text    NOT NULL,
    -- a fingerprint of the placing request: placing the same order id again must ask for the same
    request          text    NOT NULL,
    placed_at        bigint  NOT NULL,
    updated_at       bigint  NOT NULL,
    -- the number of events: a change expects the version it read (UPDATE … WHERE version = @expected)
    version          integer NOT NULL CHECK (version >= 1),
    CONSTRAINT ck_orders_orders_total CHECK (total = subtotal + shipping + tax)
);

-- A buyer's orders, newest first.
CREATE INDEX ix_orders_orders_user ON orders_orders (user_id, placed_at DESC, order_id DESC);

CREATE TABLE orders_lines (
    order_id    text    NOT NULL REFERENCES orders_orders (order_id),
    line_no     integer NOT NULL CHECK (line_no >= 1),
    sku_id      text    NOT NULL,
    product_id  text    NOT NULL,
    title       text    NOT NULL,
    seller_id   text    NOT NULL,
    -- JSON object: the variant's attributes (size, colour) as they were when ordered
    attributes  text    NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  bigint  NOT NULL CHECK (unit_price >= 0),
    line_total  bigint  NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT ck_orders_lines_total CHECK (line_total = unit_price * quantity)
);

-- The log. (order_id, seq) is the key, so two writers that both read version n cannot both append n + 1.
CREATE TABLE orders_events (
    order_id    text    NOT NULL REFERENCES orders_orders (order_id),
    seq         integer NOT NULL CHECK (seq >= 1),
    type        text    NOT NULL CHECK (type IN ('placed', 'paid', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
    -- JSON: the event's own fields (carrier and tracking number, reason, the placed order's summary)
    payload     text    NOT NULL,
    -- a user id, 'checkout', 'system', or 'staff:' and a staff user id
    actor       text    NOT NULL,
    occurred_at bigint  NOT NULL,
    PRIMARY KEY (order_id, seq)
);

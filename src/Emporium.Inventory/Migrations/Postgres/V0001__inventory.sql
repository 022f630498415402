-- Inventory: warehouses, stock per (SKU, warehouse), the ledger of movements that stock is the sum
-- of, reservations, and the adjustment requests already answered (idempotency keys).
-- Timestamps are Unix milliseconds (UTC). SKU ids are the catalog's opaque ids: no foreign key across modules.

CREATE TABLE inventory_warehouses (
    id         bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text             NOT NULL UNIQUE,
    latitude   double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    created_at bigint           NOT NULL
);

-- The countries (ISO 3166-1 alpha-2) a warehouse ships to.
CREATE TABLE inventory_warehouse_countries (
    warehouse_id bigint NOT NULL REFERENCES inventory_warehouses (id),
    country      text   NOT NULL CHECK (length(country) = 2),
    PRIMARY KEY (warehouse_id, country)
);

CREATE TABLE inventory_stock (
    sku_id       text    NOT NULL,
    warehouse_id bigint  NOT NULL REFERENCES inventory_warehouses (id),
    on_hand      integer NOT NULL,
    reserved     integer NOT NULL DEFAULT 0,
    updated_at   bigint  NOT NULL,
    PRIMARY KEY (sku_id, warehouse_id),
    -- no oversell, even if the code above it is wrong
    CONSTRAINT ck_inventory_stock_figures CHECK (reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE inventory_reservations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner       text   NOT NULL,
    -- the caller's idempotency key, and what it asked for (a replay must ask for the same)
    request_key text   NOT NULL UNIQUE,
    request     text   NOT NULL,
    state       text   NOT NULL CHECK (state IN ('pending', 'committed', 'released', 'expired')),
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    ended_at    bigint,
    -- a reservation ends exactly once: ended_at is set with the end state and never before
    CHECK ((state = 'pending') = (ended_at IS NULL))
);

CREATE INDEX ix_inventory_reservations_due ON inventory_reservations (expires_at) WHERE state = 'pending';

CREATE TABLE inventory_reservation_lines (
    reservation_id bigint  NOT NULL REFERENCES inventory_reservations (id),
    sku_id         text    NOT NULL,
    warehouse_id   bigint  NOT NULL REFERENCES inventory_warehouses (id),
    quantity       integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku_id, warehouse_id)
);

-- The ledger: every change of on_hand or reserved is one row, and the stock row is their sum.
CREATE TABLE inventory_movements (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id          text    NOT NULL,
    warehouse_id    bigint  NOT NULL REFERENCES inventory_warehouses (id),
    kind            text    NOT NULL,
    on_hand_delta   integer NOT NULL,
    reserved_delta  integer NOT NULL,
    reason          text    NOT NULL,
    actor           text    NOT NULL,
    idempotency_key text    NOT NULL,
    reservation_id  bigint  REFERENCES inventory_reservations (id),
    occurred_at     bigint  NOT NULL,
    -- each kind moves the figures one way only
    CONSTRAINT ck_inventory_movements_kind CHECK (
        (kind = 'receipt'     AND on_hand_delta > 0  AND reserved_delta = 0) OR
        (kind = 'correction'  AND on_hand_delta <> 0 AND reserved_delta = 0) OR
        (kind = 'reservation' AND on_hand_delta = 0  AND reserved_delta > 0) OR
        (kind = 'sale'        AND on_hand_delta < 0  AND reserved_delta = on_hand_delta) OR
        (kind IN ('release', 'expiry') AND on_hand_delta = 0 AND reserved_delta < 0))
);

-- A movement is applied once per key and stock row: a reservation's end (sale, release or expiry)
-- shares one key, so a line can never end twice.
CREATE UNIQUE INDEX ux_inventory_movements_key ON inventory_movements (idempotency_key, sku_id, warehouse_id);
CREATE INDEX ix_inventory_movements_stock ON inventory_movements (sku_id, warehouse_id, id);
CREATE INDEX ix_inventory_movements_reservation ON inventory_movements (reservation_id) WHERE reservation_id IS NOT NULL;

-- Adjustments already made, by (actor, Idempotency-Key): a repeat answers the stored result.
CREATE TABLE inventory_adjustment_requests (
    actor           text    NOT NULL,
    idempotency_key text    NOT NULL,
    request         text    NOT NULL,
    movement_id     bigint  NOT NULL REFERENCES inventory_movements (id),
    on_hand         integer NOT NULL,
    reserved        integer NOT NULL,
    created_at      bigint  NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);

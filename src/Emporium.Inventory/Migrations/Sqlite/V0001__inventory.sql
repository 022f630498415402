-- Inventory: warehouses, stock per (SKU, warehouse), the ledger of movements that stock is the sum
-- of, reservations, and the adjustment requests already answered (idempotency keys).
-- Timestamps are Unix milliseconds (UTC). SKU ids are the catalog's opaque ids: no foreign key across modules.

CREATE TABLE inventory_warehouses (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    latitude   REAL    NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  REAL    NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    created_at INTEGER NOT NULL
);

-- The countries (ISO 3166-1 alpha-2) a warehouse ships to.
CREATE TABLE inventory_warehouse_countries (
    warehouse_id INTEGER NOT NULL REFERENCES inventory_warehouses (id),
    country      TEXT    NOT NULL CHECK (length(country) = 2),
    PRIMARY KEY (warehouse_id, country)
);

CREATE TABLE inventory_stock (
    sku_id       TEXT    NOT NULL,
    warehouse_id INTEGER NOT NULL REFERENCES inventory_warehouses (id),
    on_hand      INTEGER NOT NULL,
    reserved     INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (sku_id, warehouse_id),
    -- no oversell, even if the code above it is wrong
    CONSTRAINT ck_inventory_stock_figures CHECK (reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE inventory_reservations (
    id          INTEGER PRIMARY KEY,
    owner       TEXT    NOT NULL,
    -- the caller's idempotency key, and what it asked for (a replay must ask for the same)
    request_key TEXT    NOT NULL UNIQUE,
    request     TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'committed', 'released', 'expired')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    -- a reservation ends exactly once: ended_at is set with the end state and never before
    CHECK ((state = 'pending') = (ended_at IS NULL))
);

CREATE INDEX ix_inventory_reservations_due ON inventory_reservations (expires_at) WHERE state = 'pending';

CREATE TABLE inventory_reservation_lines (
    reservation_id INTEGER NOT NULL REFERENCES inventory_reservations (id),
    sku_id         TEXT    NOT NULL,
    warehouse_id   INTEGER NOT NULL REFERENCES inventory_warehouses (id),
    quantity       INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku_id, warehouse_id)
);

-- The ledger: every change of on_hand or reserved is one row, and the stock row is their sum.
CREATE TABLE inventory_movements (
    id              INTEGER PRIMARY KEY,
    sku_id          TEXT    NOT NULL,
    warehouse_id    INTEGER NOT NULL REFERENCES inventory_warehouses (id),
    kind            TEXT    NOT NULL,
    on_hand_delta   INTEGER NOT NULL,
    reserved_delta  INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    reservation_id  INTEGER REFERENCES inventory_reservations (id),
    occurred_at     INTEGER NOT NULL,
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
    actor           TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request         TEXT    NOT NULL,
    movement_id     INTEGER NOT NULL REFERENCES inventory_movements (id),
    on_hand         INTEGER NOT NULL,
    reserved        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);

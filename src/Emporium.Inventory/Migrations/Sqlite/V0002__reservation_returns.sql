-- Returns: a committed reservation whose order was cancelled before shipping has its units put back on
-- hand. The reservation's state becomes 'returned' (returned_at says when), and the ledger gains the
-- 'return' movement (on hand rises, reserved does not change).
--
-- SQLite cannot change a CHECK constraint in place, so the four tables that reference each other are
-- rebuilt: copied aside, dropped children first (dropping a parent before its children would count
-- every child row as a foreign-key violation), created anew, and filled again with the same ids.
-- The migrator runs this script in one transaction: it all happens or none of it does.

CREATE TEMP TABLE v0002_reservations AS SELECT * FROM inventory_reservations;
CREATE TEMP TABLE v0002_reservation_lines AS SELECT * FROM inventory_reservation_lines;
CREATE TEMP TABLE v0002_movements AS SELECT * FROM inventory_movements;
CREATE TEMP TABLE v0002_adjustment_requests AS SELECT * FROM inventory_adjustment_requests;

DROP TABLE inventory_adjustment_requests;
DROP TABLE inventory_movements;
DROP TABLE inventory_reservation_lines;
DROP TABLE inventory_reservations;

CREATE TABLE inventory_reservations (
    id          INTEGER PRIMARY KEY,
    owner       TEXT    NOT NULL,
    -- the caller's idempotency key, and what it asked for (a replay must ask for the same)
    request_key TEXT    NOT NULL UNIQUE,
    request     TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'committed', 'released', 'expired', 'returned')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    returned_at INTEGER,
    -- a reservation ends exactly once: ended_at is set with the end state and never before
    CHECK ((state = 'pending') = (ended_at IS NULL)),
    -- only a committed reservation is returned, once: returned_at is set with the state
    CHECK ((state = 'returned') = (returned_at IS NOT NULL))
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
        (kind IN ('release', 'expiry') AND on_hand_delta = 0 AND reserved_delta < 0) OR
        (kind = 'return'      AND on_hand_delta > 0  AND reserved_delta = 0))
);

-- A movement is applied once per key and stock row: a reservation's end (sale, release or expiry)
-- shares one key, so a line can never end twice; its return has a key of its own.
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

INSERT INTO inventory_reservations (id, owner, request_key, request, state, created_at, expires_at, ended_at)
SELECT id, owner, request_key, request, state, created_at, expires_at, ended_at FROM v0002_reservations;

INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity)
SELECT reservation_id, sku_id, warehouse_id, quantity FROM v0002_reservation_lines;

INSERT INTO inventory_movements
    (id, sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
SELECT id, sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at
FROM v0002_movements;

INSERT INTO inventory_adjustment_requests (actor, idempotency_key, request, movement_id, on_hand, reserved, created_at)
SELECT actor, idempotency_key, request, movement_id, on_hand, reserved, created_at FROM v0002_adjustment_requests;

DROP TABLE v0002_adjustment_requests;
DROP TABLE v0002_movements;
DROP TABLE v0002_reservation_lines;
DROP TABLE v0002_reservations;

-- Returns: a committed reservation whose order was cancelled before shipping has its units put back on
-- hand. The reservation's state becomes 'returned' (returned_at says when), and the ledger gains the
-- 'return' movement (on hand rises, reserved does not change).

ALTER TABLE inventory_reservations ADD COLUMN returned_at bigint;

-- V0001 left the state check unnamed; PostgreSQL named it after the table and column.
ALTER TABLE inventory_reservations DROP CONSTRAINT inventory_reservations_state_check;
ALTER TABLE inventory_reservations ADD CONSTRAINT ck_inventory_reservations_state
    CHECK (state IN ('pending', 'committed', 'released', 'expired', 'returned'));

-- only a committed reservation is returned, once: returned_at is set with the state
ALTER TABLE inventory_reservations ADD CONSTRAINT ck_inventory_reservations_returned
    CHECK ((state = 'returned') = (returned_at IS NOT NULL));

-- each kind moves the figures one way only
ALTER TABLE inventory_movements DROP CONSTRAINT ck_inventory_movements_kind;
ALTER TABLE inventory_movements ADD CONSTRAINT ck_inventory_movements_kind CHECK (
    (kind = 'receipt'     AND on_hand_delta > 0  AND reserved_delta = 0) OR
    (kind = 'correction'  AND on_hand_delta <> 0 AND reserved_delta = 0) OR
    (kind = 'reservation' AND on_hand_delta = 0  AND reserved_delta > 0) OR
    (kind = 'sale'        AND on_hand_delta < 0  AND reserved_delta = on_hand_delta) OR
    (kind IN ('release', 'expiry') AND on_hand_delta = 0 AND reserved_delta < 0) OR
    (kind = 'return'      AND on_hand_delta > 0  AND reserved_delta = 0));

-- The generation of a sale's shared stock gate. The shared gate (Redis) runs only beside PostgreSQL;
-- the embedded gate lives in one process and leaves this at 0. Kept so both schemas have one shape.
ALTER TABLE flashsales_sales ADD COLUMN gate_epoch INTEGER NOT NULL DEFAULT 0;

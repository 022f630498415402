-- The generation of a sale's shared stock gate (Redis, scale-out). Rebuilding the gate from storage
-- takes a new epoch from the sequence (never reused, even by a rolled-back rebuild); a claim granted by
-- an older generation is refused when it is written, so units counted by a rebuild are never sold twice.
-- 0: the gate lives in one process and is never fenced.
ALTER TABLE flashsales_sales ADD COLUMN gate_epoch BIGINT NOT NULL DEFAULT 0;

CREATE SEQUENCE flashsales_gate_epochs;

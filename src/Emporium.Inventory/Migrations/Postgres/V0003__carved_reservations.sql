-- Carving: a flash sale's allotment is one pending reservation, and each buyer who pays takes a unit out
-- of it into a reservation of their own. That reservation remembers where it came from (source_id): if
-- it is released or expires while its source still holds stock, its units go back into the source
-- instead of the shelf. A source is always older than what is carved from it, so source_id < id; the
-- carve and refill movements use the existing kinds (a release on one reservation, a reservation on
-- the other), so the movement checks stay as they are.

ALTER TABLE inventory_reservations ADD COLUMN source_id bigint REFERENCES inventory_reservations (id);

ALTER TABLE inventory_reservations ADD CONSTRAINT ck_inventory_reservations_source CHECK (source_id < id);

-- The scale-out deployment keeps carts in Redis and signed-in carts also here, as their durable copy
-- (ADR 0008). The version orders writers: each save of a copy is conditioned on the version it read.
-- The embedded deployment's SQL store leaves it at 0.

ALTER TABLE cart_carts ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- Guest carts (one generation of one guest cart id) already merged into a user's cart: written in the
-- same transaction as the user's cart, so a repeated or concurrent sign-in merges them once. Purged
-- once the guest cart would have expired anyway.
CREATE TABLE cart_merges (
    guest_cart_id text   NOT NULL,
    generation    text   NOT NULL,
    user_id       text   NOT NULL,
    expires_at    bigint NOT NULL,
    PRIMARY KEY (guest_cart_id, generation)
);

CREATE INDEX ix_cart_merges_expires_at ON cart_merges (expires_at);

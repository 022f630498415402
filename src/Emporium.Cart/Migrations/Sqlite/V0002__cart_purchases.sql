-- Purchases that have taken their bought lines out of a user's cart (checkout's RemovePurchased).
-- Written in the same transaction as the cart change, so a purchase changes the cart once however
-- often it is replayed. Kept when the cart expires: a late replay must not take lines added since.

CREATE TABLE cart_purchases (
    user_id     TEXT    NOT NULL,
    purchase_id TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, purchase_id)
);

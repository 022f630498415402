-- Flash sales: each sale's terms and its allotment (an inventory reservation), and the claims bought
-- against it. Storage is the truth: the in-memory stock gate is rebuilt from these rows.
-- Timestamps are Unix milliseconds (UTC); money is minor units of the SKU's currency.

CREATE TABLE flashsales_sales (
    id               INTEGER PRIMARY KEY,
    sku_id           TEXT    NOT NULL,
    price            INTEGER NOT NULL CHECK (price > 0),
    currency         TEXT    NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    per_user_limit   INTEGER NOT NULL CHECK (per_user_limit > 0),
    country          TEXT    NOT NULL CHECK (length(country) = 2),
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL CHECK (ends_at > starts_at),
    -- after this no claim can still be paid: the allotment's remainder goes back to the shelf
    settles_at       INTEGER NOT NULL CHECK (settles_at >= ends_at),
    admit_per_second INTEGER NULL CHECK (admit_per_second IS NULL OR admit_per_second > 0),
    -- 'allotting' (the sale row is written, its allotment not yet reserved), 'open', 'settled'
    status           TEXT    NOT NULL,
    allotment_id     TEXT    NULL,
    created_by       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL
);

CREATE INDEX ix_flashsales_sales_status ON flashsales_sales (status, settles_at);

-- One row per claimed unit. status: 'claimed' | 'paying' | 'paid' | 'expired' | 'cancelled'.
-- claimed, paying and paid count against the allotment and the buyer's limit; expired does not.
CREATE TABLE flashsales_claims (
    id             TEXT    PRIMARY KEY,
    sale_id        INTEGER NOT NULL REFERENCES flashsales_sales (id),
    user_id        TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    claimed_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    checkout_id    TEXT    NULL,
    reservation_id TEXT    NULL,
    order_id       TEXT    NULL,
    updated_at     INTEGER NOT NULL
);

CREATE INDEX ix_flashsales_claims_sale_user ON flashsales_claims (sale_id, user_id);
CREATE INDEX ix_flashsales_claims_due ON flashsales_claims (status, expires_at);

-- Payments: each payment with its state, the capture/void/refund requests already answered
-- (idempotency keys), and the cancellations to compensate. Then the built-in sandbox gateway's own
-- tables (payments_sandbox_*): it stands in for an outside provider and shares nothing with the above.
-- Timestamps are Unix milliseconds (UTC); money is integer minor units with its currency.
-- No card number or CVC is stored anywhere: a card is known by brand, last four digits and expiry.

CREATE TABLE payments_payments (
    payment_id          TEXT    PRIMARY KEY,
    reference           TEXT    NOT NULL,
    user_id             TEXT    NOT NULL,
    -- the caller's key, and a hash of what it asked for (a replay must ask for the same)
    idempotency_key     TEXT    NOT NULL UNIQUE,
    request_fingerprint TEXT    NOT NULL,
    amount              INTEGER NOT NULL CHECK (amount > 0),
    currency            TEXT    NOT NULL CHECK (length(currency) = 3),
    status              TEXT    NOT NULL CHECK (status IN ('pending', 'authorized', 'captured', 'refunded', 'voided', 'failed')),
    captured_amount     INTEGER NOT NULL DEFAULT 0,
    refunded_amount     INTEGER NOT NULL DEFAULT 0,
    card_brand          TEXT    NOT NULL DEFAULT '',
    card_last4          TEXT    NOT NULL DEFAULT '',
    gateway_ref         TEXT,
    failure_code        TEXT,
    failure_message     TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    -- money never appears from nowhere, even if the code above it is wrong
    CONSTRAINT ck_payments_amounts CHECK (
        captured_amount BETWEEN 0 AND amount AND refunded_amount BETWEEN 0 AND captured_amount),
    CONSTRAINT ck_payments_status_amounts CHECK (
        (status IN ('captured', 'refunded')) = (captured_amount > 0) AND
        (status = 'refunded') = (captured_amount > 0 AND refunded_amount = captured_amount)),
    CONSTRAINT ck_payments_authorized_has_ref CHECK (status IN ('pending', 'failed') OR gateway_ref IS NOT NULL)
);

CREATE INDEX ix_payments_payments_reference ON payments_payments (reference);

-- Captures, voids and refunds made, by the caller's key: a repeat answers without a second effect.
CREATE TABLE payments_operations (
    idempotency_key TEXT    PRIMARY KEY,
    payment_id      TEXT    NOT NULL REFERENCES payments_payments (payment_id),
    kind            TEXT    NOT NULL CHECK (kind IN ('capture', 'void', 'refund')),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    created_at      INTEGER NOT NULL
);

CREATE INDEX ix_payments_operations_payment ON payments_operations (payment_id);

-- Cancelled orders whose payment is to be voided or refunded, once per order. The OrderCancelled
-- handler records the request inside the inbox transaction; a worker calls the gateway afterwards.
CREATE TABLE payments_cancellations (
    order_id        TEXT    PRIMARY KEY,
    payment_id      TEXT    NOT NULL,
    requested_at    INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    done_at         INTEGER,
    outcome         TEXT,
    CHECK ((done_at IS NULL) = (outcome IS NULL))
);

CREATE INDEX ix_payments_cancellations_due ON payments_cancellations (next_attempt_at) WHERE done_at IS NULL;

-- The sandbox gateway. Tokens stand for a test card; only its behaviour, brand, last four digits and expiry are kept.
CREATE TABLE payments_sandbox_tokens (
    token       TEXT    PRIMARY KEY,
    brand       TEXT    NOT NULL,
    last4       TEXT    NOT NULL CHECK (length(last4) = 4),
    exp_month   INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year    INTEGER NOT NULL,
    behaviour   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    -- single use: the gateway key of the authorization that consumed it
    used_by_key TEXT
);

CREATE TABLE payments_sandbox_charges (
    gateway_ref       TEXT    PRIMARY KEY,
    token             TEXT    NOT NULL REFERENCES payments_sandbox_tokens (token),
    behaviour         TEXT    NOT NULL,
    amount            INTEGER NOT NULL CHECK (amount > 0),
    currency          TEXT    NOT NULL,
    authorized_amount INTEGER NOT NULL,
    captured_amount   INTEGER NOT NULL DEFAULT 0,
    refunded_amount   INTEGER NOT NULL DEFAULT 0,
    voided            INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CONSTRAINT ck_payments_sandbox_charges_amounts CHECK (
        captured_amount BETWEEN 0 AND authorized_amount AND refunded_amount BETWEEN 0 AND captured_amount
        AND NOT (voided = 1 AND captured_amount > 0))
);

CREATE INDEX ix_payments_sandbox_charges_token ON payments_sandbox_charges (token);

-- The sandbox's own idempotency: the first answer per key (timeouts are not answers and are not kept).
CREATE TABLE payments_sandbox_requests (
    idempotency_key TEXT    PRIMARY KEY,
    operation       TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,
    approved        INTEGER NOT NULL CHECK (approved IN (0, 1)),
    gateway_ref     TEXT,
    code            TEXT,
    message         TEXT,
    card_brand      TEXT,
    card_last4      TEXT,
    created_at      INTEGER NOT NULL
);

-- Payments: each payment with its state, the capture/void/refund requests already answered
-- (idempotency keys), and the cancellations to compensate. Then the built-in sandbox gateway's own
-- tables (payments_sandbox_*): it stands in for an outside provider and shares nothing with the above.
-- Timestamps are Unix milliseconds (UTC); money is integer minor units with its currency.
-- No card number or CVC is stored anywhere: a card is known by brand, last four digits and expiry.

CREATE TABLE payments_payments (
    payment_id          text    PRIMARY KEY,
    reference           text    NOT NULL,
    user_id             text    NOT NULL,
    -- the caller's key, and a hash of what it asked for (a replay must ask for the same)
    idempotency_key     text    NOT NULL UNIQUE,
    request_fingerprint text    NOT NULL,
    amount              bigint  NOT NULL CHECK (amount > 0),
    currency            text    NOT NULL CHECK (length(currency) = 3),
    status              text    NOT NULL CHECK (status IN ('pending', 'authorized', 'captured', 'refunded', 'voided', 'failed')),
    captured_amount     bigint  NOT NULL DEFAULT 0,
    refunded_amount     bigint  NOT NULL DEFAULT 0,
    card_brand          text    NOT NULL DEFAULT '',
    card_last4          text    NOT NULL DEFAULT '',
    gateway_ref         text,
    failure_code        text,
    failure_message     text,
    created_at          bigint  NOT NULL,
    updated_at          bigint  NOT NULL,
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
    idempotency_key text    PRIMARY KEY,
    payment_id      text    NOT NULL REFERENCES payments_payments (payment_id),
    kind            text    NOT NULL CHECK (kind IN ('capture', 'void', 'refund')),
    amount          bigint  NOT NULL CHECK (amount >= 0),
    created_at      bigint  NOT NULL
);

CREATE INDEX ix_payments_operations_payment ON payments_operations (payment_id);

-- Cancelled orders whose payment is to be voided or refunded, once per order. The OrderCancelled
-- handler records the request inside the inbox transaction; a worker calls the gateway afterwards.
CREATE TABLE payments_cancellations (
    order_id        text    PRIMARY KEY,
    payment_id      text    NOT NULL,
    requested_at    bigint  NOT NULL,
    attempts        bigint  NOT NULL DEFAULT 0,
    next_attempt_at bigint  NOT NULL,
    done_at         bigint,
    outcome         text,
    CHECK ((done_at IS NULL) = (outcome IS NULL))
);

CREATE INDEX ix_payments_cancellations_due ON payments_cancellations (next_attempt_at) WHERE done_at IS NULL;

-- The sandbox gateway. Tokens stand for a test card; only its behaviour, brand, last four digits and expiry are kept.
CREATE TABLE payments_sandbox_tokens (
    token       text    PRIMARY KEY,
    brand       text    NOT NULL,
    last4       text    NOT NULL CHECK (length(last4) = 4),
    exp_month   bigint  NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year    bigint  NOT NULL,
    behaviour   text    NOT NULL,
    created_at  bigint  NOT NULL,
    -- single use: the gateway key of the authorization that consumed it
    used_by_key text
);

CREATE TABLE payments_sandbox_charges (
    gateway_ref       text    PRIMARY KEY,
    token             text    NOT NULL REFERENCES payments_sandbox_tokens (token),
    behaviour         text    NOT NULL,
    amount            bigint  NOT NULL CHECK (amount > 0),
    currency          text    NOT NULL,
    authorized_amount bigint  NOT NULL,
    captured_amount   bigint  NOT NULL DEFAULT 0,
    refunded_amount   bigint  NOT NULL DEFAULT 0,
    voided            boolean NOT NULL DEFAULT false,
    created_at        bigint  NOT NULL,
    updated_at        bigint  NOT NULL,
    CONSTRAINT ck_payments_sandbox_charges_amounts CHECK (
        captured_amount BETWEEN 0 AND authorized_amount AND refunded_amount BETWEEN 0 AND captured_amount
        AND NOT (voided AND captured_amount > 0))
);

CREATE INDEX ix_payments_sandbox_charges_token ON payments_sandbox_charges (token);

-- The sandbox's own idempotency: the first answer per key (timeouts are not answers and are not kept).
CREATE TABLE payments_sandbox_requests (
    idempotency_key text    PRIMARY KEY,
    operation       text    NOT NULL,
    fingerprint     text    NOT NULL,
    approved        boolean NOT NULL,
    gateway_ref     text,
    code            text,
    message         text,
    card_brand      text,
    card_last4      text,
    created_at      bigint  NOT NULL
);

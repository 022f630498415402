-- One row per checkout: the idempotency record (user + key + request fingerprint + the answer given)
-- and the saga's projection (status, version, lease). The saga's truth is its event log below.
CREATE TABLE checkout_sagas (
    checkout_id     TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,
    input           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'compensating', 'completed', 'compensated')),
    version         BIGINT NOT NULL,
    response_status BIGINT NULL,
    response_body   TEXT    NULL,
    lease_owner     TEXT    NULL,
    lease_until     BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (user_id, idempotency_key)
);

-- What the recovery worker scans: unfinished sagas whose lease has run out.
CREATE INDEX checkout_sagas_unfinished ON checkout_sagas (lease_until) WHERE status IN ('running', 'compensating');

CREATE TABLE checkout_saga_events (
    checkout_id TEXT    NOT NULL REFERENCES checkout_sagas (checkout_id),
    seq         BIGINT NOT NULL,
    type        TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    occurred_at BIGINT NOT NULL,
    PRIMARY KEY (checkout_id, seq)
);

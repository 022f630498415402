-- The outbox: integration events written in the transaction of the change they report, then
-- delivered by the relay. The inbox: which consumer has handled which event, so a redelivery after a
-- crash is a no-op. Timestamps are Unix milliseconds (UTC).

CREATE TABLE outbox_messages (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    occurred_at  INTEGER NOT NULL,
    -- a relay's claim: other relays skip the message until the lease runs out
    leased_until INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    processed_at INTEGER,
    -- set when the message failed too often: kept for inspection, never retried
    dead_at      INTEGER
);

CREATE INDEX ix_outbox_messages_pending ON outbox_messages (processed_at, dead_at, seq);

CREATE TABLE inbox_messages (
    consumer     TEXT    NOT NULL,
    message_id   TEXT    NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

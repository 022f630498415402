-- The outbox: integration events written in the transaction of the change they report, then
-- delivered by the relay. The inbox: which consumer has handled which event, so a redelivery after a
-- crash is a no-op. Timestamps are Unix milliseconds (UTC).

CREATE TABLE outbox_messages (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text   NOT NULL UNIQUE,
    type         text   NOT NULL,
    payload      text   NOT NULL,
    occurred_at  bigint NOT NULL,
    -- a relay's claim: other relays skip the message until the lease runs out
    leased_until bigint,
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    processed_at bigint,
    -- set when the message failed too often: kept for inspection, never retried
    dead_at      bigint
);

CREATE INDEX ix_outbox_messages_pending ON outbox_messages (seq) WHERE processed_at IS NULL AND dead_at IS NULL;

CREATE TABLE inbox_messages (
    consumer     text   NOT NULL,
    message_id   text   NOT NULL,
    processed_at bigint NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

-- Action: tickets (one per inquiry) and the e-mail outbox (one message per idempotency key).
-- Portable SQL: H2 2.3 and PostgreSQL.

CREATE SEQUENCE ticket_number_seq START WITH 1;

CREATE TABLE ticket (
    id          VARCHAR(20)   PRIMARY KEY,           -- T-000123
    inquiry_id  VARCHAR(36)   NOT NULL,
    subject     VARCHAR(1000),
    topic       VARCHAR(100),
    urgency     VARCHAR(40),
    priority    VARCHAR(40),
    team        VARCHAR(100),
    sla_due     VARCHAR(64),
    reply       TEXT,
    decided_by  VARCHAR(100),
    status      VARCHAR(20)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Opening is idempotent per inquiry, also under concurrent retries.
    CONSTRAINT ticket_inquiry_uk UNIQUE (inquiry_id)
);

CREATE TABLE outbox_message (
    id              VARCHAR(36)   PRIMARY KEY,
    idempotency_key VARCHAR(300)  NOT NULL,
    recipient       VARCHAR(320)  NOT NULL,
    subject         VARCHAR(1000) NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(10)   NOT NULL,          -- PENDING, SENDING, SENT, KEPT, FAILED
    error           VARCHAR(2000),
    attempts        INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT outbox_idempotency_uk UNIQUE (idempotency_key)
);
CREATE INDEX outbox_created_idx ON outbox_message (created_at);
CREATE INDEX outbox_recipient_idx ON outbox_message (recipient, created_at);

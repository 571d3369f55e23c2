-- Ingestion: durable inbox (raw input, stored before anything else), canonical inquiries, customer registry.
-- Portable SQL: H2 2.3 and PostgreSQL.

CREATE TABLE inbox (
    id              VARCHAR(36)  PRIMARY KEY,
    source          VARCHAR(20)  NOT NULL,           -- http, imap
    external_id     VARCHAR(500),                    -- e.g. the Message-ID of a mail, when known before parsing
    content_type    VARCHAR(200),
    payload         TEXT,                            -- raw request body / RFC 822 message
    payload_charset VARCHAR(20),                     -- UTF-8, or ISO-8859-1 when the bytes are not UTF-8 (lossless)
    payload_bytes   BIGINT       NOT NULL,
    status          VARCHAR(20)  NOT NULL,           -- RECEIVED, ACCEPTED, DUPLICATE, REJECTED, FAILED
    reason          VARCHAR(2000),
    inquiry_id      VARCHAR(36),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX inbox_status_idx ON inbox (status, received_at);
CREATE INDEX inbox_inquiry_idx ON inbox (inquiry_id);

CREATE TABLE inquiry (
    id                  VARCHAR(36)   PRIMARY KEY,
    channel             VARCHAR(20)   NOT NULL,
    sender              VARCHAR(320)  NOT NULL,
    subject             VARCHAR(1000),
    body                TEXT          NOT NULL,
    customer_id         VARCHAR(64),
    external_id         VARCHAR(500),
    inbox_id            VARCHAR(36)   NOT NULL,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(40)   NOT NULL,      -- RECEIVED, STARTING, STARTED, FAILED, then what orchestration reports
    failure_reason      VARCHAR(2000),
    process_instance_id VARCHAR(64),
    triage              TEXT,                        -- triage decision JSON as reported by orchestration
    ticket_id           VARCHAR(64),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- De-duplication per channel; NULL external ids never collide.
    CONSTRAINT inquiry_channel_external_uk UNIQUE (channel, external_id)
);

CREATE TABLE customer (
    id             VARCHAR(64)   PRIMARY KEY,
    name           VARCHAR(200)  NOT NULL,
    email_domain   VARCHAR(253),
    tier           VARCHAR(10)   NOT NULL,
    contract_value NUMERIC(19,2) NOT NULL,
    CONSTRAINT customer_tier_ck CHECK (tier IN ('platinum', 'gold', 'silver', 'bronze'))
);
CREATE INDEX customer_email_domain_idx ON customer (email_domain);

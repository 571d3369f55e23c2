-- Generic records: what the "Create/update record" component writes when a process has no dedicated system of
-- record. One row per (type, key); data is a JSON object; version counts changes (optimistic locking).
-- Portable SQL: H2 2.3 and PostgreSQL.

CREATE TABLE generic_record (
    record_type VARCHAR(100)  NOT NULL,
    record_key  VARCHAR(200)  NOT NULL,
    data        TEXT          NOT NULL,
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The key makes upserts idempotent, also under concurrent retries.
    CONSTRAINT generic_record_pk PRIMARY KEY (record_type, record_key)
);

-- Governance: the append-only, hash-chained decision log. Each row's hash covers its content and the previous
-- row's hash, so changing or deleting any row breaks the chain from there on.
CREATE TABLE decision_log (
    seq                    BIGINT         PRIMARY KEY,
    kind                   VARCHAR(16)    NOT NULL,
    decision_id            VARCHAR(64)    NOT NULL,
    process_instance_id    VARCHAR(64),
    business_key           VARCHAR(255),
    process_definition_key VARCHAR(255),
    activity_id            VARCHAR(255),
    model                  VARCHAR(100),
    model_version          INT,
    input_fingerprint      VARCHAR(64),
    output_value           VARCHAR(1000),
    confidence             DOUBLE PRECISION,
    alternatives           VARCHAR(4000),
    explanation            VARCHAR(4000),
    actor                  VARCHAR(255),
    reason                 VARCHAR(4000),
    recorded_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    prev_hash              VARCHAR(64)    NOT NULL,
    hash                   VARCHAR(64)    NOT NULL
);
CREATE UNIQUE INDEX ux_decision_log_entry ON decision_log (decision_id, kind);
CREATE INDEX ix_decision_log_instance ON decision_log (process_instance_id);

-- The chain head: appenders lock this row, so sequence numbers are gapless and the chain is linear on a cluster.
CREATE TABLE decision_log_head (
    id        INT         PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO decision_log_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Maintenance: the technician's visit invitation travels as a text/calendar attachment, so the outbox keeps one
-- attachment per message (sent again unchanged by a retry). Portable SQL: H2 2.3 and PostgreSQL.

ALTER TABLE outbox_message ADD COLUMN attachment_name VARCHAR(200);
ALTER TABLE outbox_message ADD COLUMN attachment_type VARCHAR(200);
ALTER TABLE outbox_message ADD COLUMN attachment TEXT;

-- Each asset's anomaly baseline (exponentially weighted mean and variance per measurement), written behind from
-- memory so a restart keeps it. Values as comma-separated decimal text.
CREATE TABLE anomaly_baseline (
    asset_id   VARCHAR(100)  PRIMARY KEY,
    readings   BIGINT        NOT NULL,
    means      VARCHAR(1000) NOT NULL,
    variances  VARCHAR(1000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

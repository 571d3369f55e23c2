-- Maintenance: the technician's visit invitation travels as a text/calendar attachment, so the outbox keeps one
-- attachment per message (sent again unchanged by a retry). Portable SQL: H2 2.3 and PostgreSQL.

ALTER TABLE outbox_message ADD COLUMN attachment_name VARCHAR(200);
ALTER TABLE outbox_message ADD COLUMN attachment_type VARCHAR(200);
ALTER TABLE outbox_message ADD COLUMN attachment TEXT;

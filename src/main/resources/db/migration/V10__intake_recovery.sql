-- Recovery re-judges inbox entries whose node died mid-request; one entry must never become two inquiries, even when
-- two nodes recover it at once (entries without an externalId have no other key).
CREATE UNIQUE INDEX inquiry_inbox_uk ON inquiry (inbox_id);

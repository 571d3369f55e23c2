-- Recovery re-judges inbox entries whose node died mid-request; one entry must never become two inquiries, even when
-- two nodes recover it at once (entries without an externalId have no other key).
CREATE UNIQUE INDEX inquiry_inbox_uk ON inquiry (inbox_id);

-- One row per cluster-wide lock (e.g. "start retraining of model X"): a node holds it with SELECT ... FOR UPDATE for
-- one transaction, so check-then-act steps that must happen once per cluster do.
CREATE TABLE cluster_lock (
    name VARCHAR(200) PRIMARY KEY
);

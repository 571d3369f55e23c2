-- The document inbox: every uploaded, mailed or scanned file (invoices), accepted or rejected. The bytes live under
-- <data-dir>/documents/<first two hex digits>/<sha256>; a row without sha256 is a file too large to keep.
CREATE TABLE document (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    file_name           VARCHAR(500),
    media_type          VARCHAR(100),
    size_bytes          BIGINT       NOT NULL,
    sha256              VARCHAR(64),
    channel             VARCHAR(20)  NOT NULL,
    sender              VARCHAR(500),
    status              VARCHAR(20)  NOT NULL,
    rejection           VARCHAR(30),
    reason              VARCHAR(2000),
    pages               INTEGER,
    process_instance_id VARCHAR(64),
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_document_sha256 UNIQUE (sha256)
);

-- The background restart looks for documents left RECEIVED or FAILED.
CREATE INDEX ix_document_status ON document (status, updated_at);

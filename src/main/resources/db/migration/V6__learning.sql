-- Learning: imported training examples (deduplicated per model by a hash of the text) and the imports themselves.
CREATE TABLE training_example (
    model       VARCHAR(100)   NOT NULL,
    text_hash   VARCHAR(64)    NOT NULL, -- SHA-256 hex of the text: the de-duplication key
    input_text  VARCHAR(65536) NOT NULL,
    label       VARCHAR(255)   NOT NULL,
    segment     VARCHAR(100),
    source      VARCHAR(50)    NOT NULL,
    import_id   VARCHAR(36),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_training_example PRIMARY KEY (model, text_hash)
);

CREATE TABLE example_import (
    id           VARCHAR(36)   NOT NULL,
    model        VARCHAR(100)  NOT NULL,
    status       VARCHAR(20)   NOT NULL, -- RUNNING | DONE | FAILED
    lines_read   BIGINT        NOT NULL,
    imported     BIGINT        NOT NULL,
    duplicates   BIGINT        NOT NULL,
    error        VARCHAR(4000),
    started_by   VARCHAR(100),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_example_import PRIMARY KEY (id)
);
CREATE INDEX ix_example_import_model ON example_import (model, started_at);

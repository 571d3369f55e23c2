-- Intelligence layer: model registry and the reply-drafting memory.

CREATE TABLE model_version (
    name           VARCHAR(100)  NOT NULL,
    version        INT           NOT NULL,
    status         VARCHAR(20)   NOT NULL, -- champion | challenger | retired
    path           VARCHAR(1000) NOT NULL,
    metrics        TEXT,                   -- JSON: accuracy, macroF1, temperature, examples, ...
    training_data  VARCHAR(500)  NOT NULL, -- where the training examples came from (e.g. bootstrap:<hash>)
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(100)  NOT NULL,
    promoted_at    TIMESTAMP WITH TIME ZONE,
    promoted_by    VARCHAR(100),
    CONSTRAINT pk_model_version PRIMARY KEY (name, version),
    CONSTRAINT ck_model_version_status CHECK (status IN ('champion', 'challenger', 'retired'))
);

CREATE INDEX ix_model_version_status ON model_version (name, status);

CREATE TABLE reply_memory (
    id          VARCHAR(36)   NOT NULL,
    topic       VARCHAR(100)  NOT NULL,
    inquiry     TEXT          NOT NULL,
    reply       TEXT          NOT NULL,
    embedding   TEXT          NOT NULL, -- base64 of the float32 MiniLM vector, so start-up need not re-embed
    source      VARCHAR(50)   NOT NULL, -- bootstrap | remembered
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_reply_memory PRIMARY KEY (id)
);

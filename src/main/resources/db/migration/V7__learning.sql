-- Learning: the automation threshold in force per model when it differs from configuration (derived from feedback
-- for one champion version). No row, or a row for another version than the champion: the configured value applies.
-- Every change is also in the decision log; this row is only the current state.
CREATE TABLE model_threshold (
    model             VARCHAR(100)   NOT NULL,
    model_version     INT            NOT NULL,
    threshold         DOUBLE PRECISION NOT NULL,
    source            VARCHAR(20)    NOT NULL, -- configured | derived
    target_precision  DOUBLE PRECISION NOT NULL,
    reached_precision DOUBLE PRECISION,
    automation_rate   DOUBLE PRECISION,
    items             INT            NOT NULL,
    note              VARCHAR(1000),
    changed_by        VARCHAR(255),
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_model_threshold PRIMARY KEY (model)
);

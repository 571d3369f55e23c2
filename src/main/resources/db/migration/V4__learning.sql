-- Learning: every human verdict on an AI decision, the raw material for retraining.
CREATE TABLE feedback (
    id                  VARCHAR(64)    PRIMARY KEY,
    model               VARCHAR(100)   NOT NULL,
    model_version       INT            NOT NULL,
    input_text          VARCHAR(65536) NOT NULL,
    predicted           VARCHAR(255),
    corrected           VARCHAR(255)   NOT NULL,
    overridden          BOOLEAN        NOT NULL,
    actor               VARCHAR(255),
    reason              VARCHAR(4000),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    source              VARCHAR(50)    NOT NULL,
    decision_id         VARCHAR(64),
    process_instance_id VARCHAR(64)
);
-- One verdict per decision: a retried task listener cannot record twice.
CREATE UNIQUE INDEX ux_feedback_decision ON feedback (decision_id, model);
CREATE INDEX ix_feedback_model_time ON feedback (model, recorded_at);

-- "Call HTTP API": successful answers to requests that carried an Idempotency-Key, committed on their own, so a
-- retried step whose job rolled back after the call reuses the answer instead of calling the API again.
CREATE TABLE http_call_answer (
    idempotency_key VARCHAR(500)  NOT NULL,
    method          VARCHAR(10)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    status          INTEGER       NOT NULL,
    content_type    VARCHAR(255),
    body            TEXT          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_http_call_answer PRIMARY KEY (idempotency_key)
);

CREATE INDEX ix_http_call_answer_created_at ON http_call_answer (created_at);

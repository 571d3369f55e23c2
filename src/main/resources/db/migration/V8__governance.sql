-- Governance: bias monitoring reads the decision log per model.
CREATE INDEX ix_decision_log_model ON decision_log (model, kind);

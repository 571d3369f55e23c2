package io.stratum.learning;

/** Starts the model-retraining process (port; orchestration implements it with the BPMN engine). */
public interface RetrainingWorkflow {

    /**
     * Starts a retraining of the model, or returns the running one's id (one retraining per model at a time).
     *
     * @param trigger who or what asked: a user id, "schedule" or "feedback-count"
     * @return the process instance id
     */
    String start(String model, String trigger);
}

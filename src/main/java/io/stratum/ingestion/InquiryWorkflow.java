package io.stratum.ingestion;

/**
 * Port to the orchestration layer: starts the triage of a stored inquiry. Implemented in {@code orchestration}, so
 * ingestion never depends on the engine.
 */
public interface InquiryWorkflow {

    /** Starts (or finds the already started) triage of the inquiry and returns its process instance id. */
    String start(Inquiry inquiry);
}

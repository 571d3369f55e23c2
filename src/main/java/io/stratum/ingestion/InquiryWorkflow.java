package io.stratum.ingestion;

/**
 * Port to the orchestration layer: starts the triage of a stored inquiry. Implemented in {@code orchestration}, so
 * ingestion never depends on the engine.
 */
public interface InquiryWorkflow {

    /** Starts (or finds the already started) triage of the inquiry and returns its process instance id. */
    String start(Inquiry inquiry);

    /**
     * Starts the triage of an inquiry whose start no one has tried before (claimed straight from RECEIVED), so there
     * is no earlier instance to look for. Same result as {@link #start}, without the look-up.
     */
    default String startFirst(Inquiry inquiry) {
        return start(inquiry);
    }
}

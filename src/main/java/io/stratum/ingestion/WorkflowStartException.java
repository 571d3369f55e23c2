package io.stratum.ingestion;

/** The inquiry is stored but its workflow could not be started (technical failure); a retry will start it. */
class WorkflowStartException extends RuntimeException {

    private final String inquiryId;

    WorkflowStartException(String inquiryId, String message, Throwable cause) {
        super(message, cause);
        this.inquiryId = inquiryId;
    }

    String inquiryId() {
        return inquiryId;
    }
}

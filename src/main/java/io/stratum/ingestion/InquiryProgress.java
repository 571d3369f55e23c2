package io.stratum.ingestion;

/**
 * What the rest of Stratum tells ingestion about an inquiry's progress, so {@code GET /api/inquiries/{id}} can show
 * status, triage decision and ticket without reaching into other layers' tables.
 */
public interface InquiryProgress {

    /** @param triageJson the triage decision variable as JSON (model, version, label, confidence, ...) */
    void triaged(String inquiryId, String status, String triageJson);

    /** The ticket and the status that goes with it, in one update. */
    void ticketed(String inquiryId, String ticketId, String status);

    void status(String inquiryId, String status);
}

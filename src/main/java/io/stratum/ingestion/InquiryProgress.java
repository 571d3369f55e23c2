package io.stratum.ingestion;

/**
 * What the rest of Stratum tells ingestion about an inquiry's progress, so {@code GET /api/inquiries/{id}} can show
 * status, triage decision and ticket without reaching into other layers' tables.
 */
public interface InquiryProgress {

    /** @param triageJson the triage decision variable as JSON (model, version, label, confidence, ...) */
    void triaged(String inquiryId, String status, String triageJson);

    void ticketed(String inquiryId, String ticketId);

    void status(String inquiryId, String status);
}

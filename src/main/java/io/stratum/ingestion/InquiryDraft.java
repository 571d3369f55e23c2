package io.stratum.ingestion;

/** An inquiry as it arrives from any channel, before validation and normalisation. Fields may be null. */
record InquiryDraft(String channel, String from, String subject, String body, String customerId, String externalId) {
}

package io.stratum.ingestion;

import java.time.Instant;

/** A canonical inquiry as stored in the inbox, whatever channel it came through. */
public record Inquiry(String id, String channel, String from, String subject, String body, String customerId,
                      String externalId, Instant receivedAt) {
}

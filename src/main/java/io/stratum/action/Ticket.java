package io.stratum.action;

import java.time.Instant;

/** A support ticket. {@code decidedBy} is {@code ai} for straight-through tickets, else the reviewer's user id. */
public record Ticket(String id, String inquiryId, String subject, String topic, String urgency, String priority,
                     String team, String slaDue, String reply, String decidedBy, String status, Instant createdAt) {
}

package io.stratum.action;

import java.time.Instant;

/** @param status {@code SENT} (through SMTP), {@code KEPT} (no SMTP configured) or {@code FAILED} */
public record OutboxMessage(String id, String idempotencyKey, String to, String subject, String body, String status,
                            String error, Instant createdAt, Instant sentAt) {
}

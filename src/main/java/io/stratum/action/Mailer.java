package io.stratum.action;

/**
 * Outgoing e-mail. Every message has an idempotency key (e.g. {@code ack:<inquiryId>}); sending the same key twice
 * sends once. Sent through SMTP when configured, otherwise kept in the outbox.
 */
public interface Mailer {

    OutboxMessage send(String idempotencyKey, String to, String subject, String body);

    /**
     * The same with one attachment (e.g. a {@code text/calendar} invitation), stored with the message so that a
     * retry sends exactly what the first attempt would have.
     */
    OutboxMessage send(String idempotencyKey, String to, String subject, String body, Attachment attachment);

    /** @param contentType MIME type with parameters, e.g. {@code text/calendar; charset=UTF-8; method=REQUEST} */
    record Attachment(String fileName, String contentType, String content) {

        public Attachment {
            java.util.Objects.requireNonNull(fileName, "fileName");
            java.util.Objects.requireNonNull(contentType, "contentType");
            java.util.Objects.requireNonNull(content, "content");
        }
    }
}

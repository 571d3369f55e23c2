package io.stratum.action;

/**
 * Outgoing e-mail. Every message has an idempotency key (e.g. {@code ack:<inquiryId>}); sending the same key twice
 * sends once. Sent through SMTP when configured, otherwise kept in the outbox.
 */
public interface Mailer {

    OutboxMessage send(String idempotencyKey, String to, String subject, String body);
}

package io.stratum.action;

/** SMTP delivery failed; the outbox row is FAILED and the caller (a job) should retry. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

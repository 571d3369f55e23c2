package io.stratum.action.payment;

/** A pain.001 message that its schema rejects: a defect, never sent, nothing booked. */
public class InvalidPain001Exception extends IllegalStateException {

    public InvalidPain001Exception(String message, Throwable cause) {
        super(message, cause);
    }
}

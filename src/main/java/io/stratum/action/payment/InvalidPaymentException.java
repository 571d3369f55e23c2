package io.stratum.action.payment;

/** A payment instruction that cannot be paid as given; names the field (a business error, not a retry case). */
public class InvalidPaymentException extends IllegalArgumentException {

    private final String field;

    public InvalidPaymentException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

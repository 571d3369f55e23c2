package io.stratum.action.record;

/** A record type or key that cannot be stored (empty, too long, characters outside the allowed set). */
public class InvalidRecordException extends IllegalArgumentException {

    public InvalidRecordException(String message) {
        super(message);
    }
}

package io.stratum.action.record;

/** An upsert expected another version than the stored one: someone changed the record in between. */
public class RecordConflictException extends RuntimeException {

    public RecordConflictException(String message) {
        super(message);
    }
}

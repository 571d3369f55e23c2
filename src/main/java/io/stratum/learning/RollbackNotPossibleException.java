package io.stratum.learning;

/** A rollback that cannot be done as asked (no champion, no earlier version, the version already serves). */
public class RollbackNotPossibleException extends RuntimeException {

    public RollbackNotPossibleException(String message) {
        super(message);
    }
}

package io.stratum.governance;

/** A history or audit query the server cannot answer as asked; {@code field} names the parameter at fault. */
class AuditQueryException extends RuntimeException {

    private final String field;
    private final boolean notFound;

    private AuditQueryException(String field, String message, boolean notFound) {
        super(message);
        this.field = field;
        this.notFound = notFound;
    }

    static AuditQueryException badParameter(String field, String message) {
        return new AuditQueryException(field, message, false);
    }

    static AuditQueryException notFound(String message) {
        return new AuditQueryException(null, message, true);
    }

    String field() {
        return field;
    }

    boolean notFound() {
        return notFound;
    }
}

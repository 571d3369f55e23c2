package io.stratum.action.dispatch;

/** A bad line in a technician import: line number and field (400). */
public class InvalidRecordException extends RuntimeException {

    private final int line;
    private final String field;

    public InvalidRecordException(int line, String field, String message) {
        super("line " + line + ": " + field + ": " + message);
        this.line = line;
        this.field = field;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}

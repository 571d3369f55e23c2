package io.stratum.action.purchasing;

/** A CSV row that cannot be imported: the (1-based) line, header = line 1, and the column. Nothing was imported. */
public class PurchasingImportException extends RuntimeException {

    private final String what;
    private final int line;
    private final String column;

    PurchasingImportException(String what, int line, String column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.what = what;
        this.line = line;
        this.column = column;
    }

    /** "purchase order" or "goods receipt". */
    public String what() {
        return what;
    }

    public int line() {
        return line;
    }

    public String column() {
        return column;
    }
}

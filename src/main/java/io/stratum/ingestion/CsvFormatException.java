package io.stratum.ingestion;

/** A CSV file that breaks {@link CsvTable}'s shape or a column check: the 1-based line (header = its line), the column. */
public class CsvFormatException extends IllegalArgumentException {

    private final long line;
    private final String column;
    private final String problem;

    public CsvFormatException(long line, String column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public long line() {
        return line;
    }

    /** {@code $} when the whole line is wrong. */
    public String column() {
        return column;
    }

    /** The message without line and column. */
    public String problem() {
        return problem;
    }
}

package io.stratum.learning;

/** A line of an example import that cannot be read; nothing of that import is kept. */
public class MalformedExampleException extends RuntimeException {

    private final long line;

    public MalformedExampleException(long line, String problem) {
        super("Line " + line + ": " + problem);
        this.line = line;
    }

    public long line() {
        return line;
    }
}

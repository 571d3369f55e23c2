package io.stratum.ingestion;

import java.util.List;
import java.util.stream.Collectors;

/** A customer CSV that cannot be imported; names the (1-based) line, header = line 1. Nothing was imported. */
class CustomerImportException extends RuntimeException {

    private final int line;
    private final List<FieldProblem> problems;

    CustomerImportException(int line, List<FieldProblem> problems) {
        super("line " + line + ": " + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.line = line;
        this.problems = List.copyOf(problems);
    }

    int line() {
        return line;
    }

    List<FieldProblem> problems() {
        return problems;
    }
}

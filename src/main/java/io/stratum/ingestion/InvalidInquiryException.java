package io.stratum.ingestion;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot become an inquiry; the raw input is already in the inbox as REJECTED. */
class InvalidInquiryException extends RuntimeException {

    private final String inboxId;
    private final List<FieldProblem> problems;

    InvalidInquiryException(String inboxId, List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.inboxId = inboxId;
        this.problems = List.copyOf(problems);
    }

    String inboxId() {
        return inboxId;
    }

    List<FieldProblem> problems() {
        return problems;
    }
}

package io.stratum.ingestion;

/** One reason why input was rejected, named by its field ({@code $} for the document as a whole). */
record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
